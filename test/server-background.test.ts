import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoalescingRunner } from '../src/server/background.ts';

/** A job whose runs only finish when the test lets them. */
function gatedJob() {
  let runs = 0;
  const gates: Array<() => void> = [];
  const job = () => {
    const n = ++runs;
    return new Promise<number>((res) => gates.push(() => res(n)));
  };
  const release = async () => {
    while (!gates.length) await new Promise((r) => setImmediate(r));
    gates.shift()!();
  };
  return { job, release, runs: () => runs };
}

test('background: requests during a run share one follow-up run', async () => {
  const g = gatedJob();
  const r = new CoalescingRunner(g.job);
  const first = r.request();
  assert.equal(r.state().running, true);
  const during = Array.from({ length: 10 }, () => r.request());
  assert.equal(r.state().queued, true);
  await g.release();
  assert.equal(await first, 1);
  await g.release();
  assert.deepEqual(await Promise.all(during), Array(10).fill(2));
  await r.idle();
  assert.equal(g.runs(), 2);
  assert.deepEqual({ running: r.state().running, queued: r.state().queued, runs: r.state().runs }, { running: false, queued: false, runs: 2 });
});

test('background: a request after a run finished starts a new run', async () => {
  const g = gatedJob();
  const r = new CoalescingRunner(g.job);
  const a = r.request();
  await g.release();
  await a;
  const b = r.request();
  await g.release();
  assert.equal(await b, 2);
});

test('background: a failed run is recorded, reported once, and does not stop later runs', async () => {
  let fail = true;
  const seen: unknown[] = [];
  const r = new CoalescingRunner(
    async () => {
      if (fail) throw new Error('disk full');
      return 'ok';
    },
    (e) => seen.push(e),
  );
  r.request(); // nobody awaits this one: its failure must not be an unhandled rejection
  await r.idle();
  assert.equal(r.state().lastError, 'disk full');
  assert.equal(seen.length, 1);
  fail = false;
  assert.equal(await r.request(), 'ok');
  assert.equal(r.state().lastError, null);
});

test('background: stop drops the queued run and refuses new ones', async () => {
  const g = gatedJob();
  const r = new CoalescingRunner(g.job);
  const running = r.request();
  const queued = r.request();
  const stopped = r.stop();
  await g.release();
  await stopped;
  assert.equal(await running, 1);
  await assert.rejects(queued, /shutting down/);
  await assert.rejects(r.request(), /stopped/);
  assert.equal(g.runs(), 1);
});

test('background: join waits for the run going on instead of queueing another', async () => {
  const g = gatedJob();
  const r = new CoalescingRunner(g.job);
  const first = r.request();
  const joined = [r.join(), r.join()];
  assert.equal(r.state().queued, false);
  await g.release();
  assert.deepEqual(await Promise.all([first, ...joined]), [1, 1, 1]);
  const fresh = r.join();
  await g.release();
  assert.equal(await fresh, 2, 'with nothing running, join starts a run');
  assert.equal(g.runs(), 2);
});
