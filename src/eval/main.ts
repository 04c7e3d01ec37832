// `npm run eval`: scores the engine on the labelled development sets of shared/eval and prints them
// beside the published numbers; --gate checks the pinned floors of baseline.json (see --help).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dateLabels, DEFAULT_EVAL_DIR, eventDocs, extractionLabels, reuseSet, type PageLabel } from './data.ts';
import { parsePages } from './pages.ts';
import type { PageResult } from './page.ts';
import { evaluateDates, evaluateExtraction } from './set-pages.ts';
import { evaluateEvents } from './set-events.ts';
import { evaluateReuse } from './set-reuse.ts';
import { renderReport } from './report.ts';
import { checkGate, describeCheck, flattenScores, raiseBaseline, type Baseline } from './gate.ts';
import { SET_NAMES, type Scores, type SetName, type SetResult } from './set-result.ts';
import { ProgressBar } from '../progress.ts';

const BASELINE = new URL('./baseline.json', import.meta.url).pathname;

const HELP = `usage: npm run eval -- [options]
  --json            print the scores as one JSON object on stdout
  --only SETS       comma-separated subset of: ${SET_NAMES.join(', ')}
  --limit N         only the first N items of each set (a quick look; not with --gate or --raise)
  --details DIR     write per-item records (one JSONL file per set) and the crashes into DIR
  --gate            exit 1 if a score is below its floor (or above its ceiling) in baseline.json
  --raise           move the floors in baseline.json up to the current scores (never down)
  --data DIR        the evaluation sets (default ../shared/eval, or $NEWSPROV_EVAL_DIR)
  --baseline FILE   the baseline file (default src/eval/baseline.json)
  --workers N       worker threads for the page sets (default: one per core, at most 4)`;

class UsageError extends Error {}

function options() {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      only: { type: 'string' },
      limit: { type: 'string' },
      details: { type: 'string' },
      gate: { type: 'boolean' },
      raise: { type: 'boolean' },
      data: { type: 'string' },
      baseline: { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const sets = values.only ? values.only.split(',').map((s) => s.trim()) : SET_NAMES;
  for (const s of sets) if (!SET_NAMES.includes(s as SetName)) throw new UsageError(`--only: unknown set "${s}" (sets: ${SET_NAMES.join(', ')})`);
  const whole = (name: string, v: string | undefined, min: number) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number of at least ${min}, not "${v}"`);
    return n;
  };
  const limit = whole('limit', values.limit, 1);
  if (limit !== undefined && (values.gate || values.raise)) throw new UsageError('--gate and --raise score whole sets: drop --limit');
  const data = resolve(values.data ?? process.env.NEWSPROV_EVAL_DIR ?? DEFAULT_EVAL_DIR);
  if (!existsSync(data)) throw new UsageError(`no evaluation sets at ${data}: pass --data DIR or set NEWSPROV_EVAL_DIR`);
  return {
    ...values,
    sets: sets as SetName[],
    limit,
    data,
    baseline: values.baseline ?? BASELINE,
    workers: whole('workers', values.workers, 1) ?? Math.min(4, availableParallelism()),
  };
}

type Options = ReturnType<typeof options>;

const log = (line: string) => process.stderr.write(line + '\n');
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

/** Parse every page of the page sets once (a page in both sets is stored once and parsed once). */
async function parseAllPages(labelSets: PageLabel[][], workers: number): Promise<Map<string, PageResult>> {
  const tasks = new Map<string, { path: string; url: string | null }>();
  for (const l of labelSets.flat()) if (!tasks.has(l.path)) tasks.set(l.path, { path: l.path, url: l.url });
  const t0 = performance.now();
  const bar = new ProgressBar('pages', tasks.size);
  const results = await parsePages([...tasks.values()], workers, (n) => bar.update(n));
  bar.done();
  log(`pages: ${tasks.size} parsed on ${workers} worker(s) in ${seconds(t0)}`);
  return results;
}

/** Run the selected sets; a set that fails as a whole is reported and left out of the scores. */
async function evaluate(o: Options): Promise<{ scores: Scores; results: Partial<Record<SetName, SetResult<unknown>>>; failed: string[] }> {
  const take = <T>(xs: T[]) => (o.limit ? xs.slice(0, o.limit) : xs);
  const want = (s: SetName) => o.sets.includes(s);
  const results: Partial<Record<SetName, SetResult<unknown>>> = {};
  const failed: string[] = [];
  const extraction = want('extraction') ? take(extractionLabels(o.data)) : [];
  const dates = want('dates') ? take(dateLabels(o.data)) : [];
  const pages = extraction.length || dates.length ? await parseAllPages([extraction, dates], o.workers) : new Map();
  const jobs: Record<SetName, () => SetResult<unknown>> = {
    extraction: () => evaluateExtraction(extraction, pages),
    dates: () => evaluateDates(dates, pages),
    events: () => evaluateEvents(take(eventDocs(o.data))),
    reuse: () => {
      const set = reuseSet(o.data);
      return evaluateReuse({ sources: set.sources, answers: take(set.answers) });
    },
  };
  for (const name of o.sets) {
    const t0 = performance.now();
    try {
      const r = jobs[name]();
      results[name] = r;
      const counts = Object.entries(r.extra)
        .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`)
        .join(', ');
      log(`${name}: ${counts} (${seconds(t0)})`);
      if (r.crashes.length) log(`${name}: the engine crashed on ${r.crashes.length} item(s), counted as rejected:\n  ${r.crashes.map((c) => c.split('\n')[0]).join('\n  ')}`);
    } catch (e) {
      failed.push(name);
      log(`${name}: evaluation failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }
  const scores = Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.scores])) as Scores;
  return { scores, results, failed };
}

function writeDetails(dir: string, scores: Scores, results: Partial<Record<SetName, SetResult<unknown>>>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, r] of Object.entries(results)) {
    writeFileSync(join(dir, `${name}.jsonl`), r.details.map((d) => JSON.stringify(d)).join('\n') + '\n');
    if (r.crashes.length) writeFileSync(join(dir, `${name}-crashes.txt`), r.crashes.join('\n\n') + '\n');
  }
  const extras = Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.extra]));
  writeFileSync(join(dir, 'scores.json'), JSON.stringify({ scores, extras }, null, 2) + '\n');
  log(`details written to ${dir}`);
}

const round4 = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 10_000) / 10_000 : v);

function readBaseline(file: string): Baseline {
  try {
    const b = JSON.parse(readFileSync(file, 'utf8')) as Baseline;
    if (!b.floors || !b.ceilings) throw new Error('needs "floors" and "ceilings" objects');
    return b;
  } catch (e) {
    throw new UsageError(`${file}: cannot read the baseline (${(e as Error).message})`);
  }
}

/** Gate and/or raise; returns the number of failed checks. */
function gateAndRaise(o: Options, scores: Scores, say: (line: string) => void): number {
  const baseline = readBaseline(o.baseline);
  const flat = flattenScores(scores);
  let failures = 0;
  if (o.gate) {
    const checks = checkGate(flat, baseline, o.sets);
    for (const c of checks) say(describeCheck(c));
    failures = checks.filter((c) => !c.ok).length;
    say(`gate: ${checks.length - failures} passed, ${failures} failed`);
  }
  if (o.raise) {
    const { baseline: raised, changes } = raiseBaseline(flat, baseline);
    if (changes.length) writeFileSync(o.baseline, JSON.stringify(raised, null, 2) + '\n');
    say(changes.length ? `raised in ${o.baseline}:\n  ${changes.join('\n  ')}` : `${o.baseline}: no floor to raise`);
  }
  return failures;
}

async function main(): Promise<number> {
  const o = options();
  if (o.help) {
    console.log(HELP);
    return 0;
  }
  const t0 = performance.now();
  const { scores, results, failed } = await evaluate(o);
  log(`evaluated ${Object.keys(scores).join(', ') || 'nothing'} in ${seconds(t0)}`);
  if (o.details) writeDetails(resolve(o.details), scores, results);
  if (o.json) console.log(JSON.stringify(scores, round4));
  else console.log(renderReport(scores, Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.extra]))));
  const failures = o.gate || o.raise ? gateAndRaise(o, scores, o.json ? log : (l) => console.log(l)) : 0;
  return failed.length || failures ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`eval: ${e instanceof UsageError ? e.message : ((e as Error)?.stack ?? String(e))}\n`);
    if (e instanceof UsageError) process.stderr.write(HELP + '\n');
    process.exitCode = 2;
  },
);
