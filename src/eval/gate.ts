// The CI gate: pinned floors (scores that must not drop) and ceilings (error counts that must not
// grow). Floors only move up and ceilings only down, so a gain once made is kept.

export interface Baseline {
  comment?: string;
  /** dotted score path ("extraction.f1") -> lowest accepted value */
  floors: Record<string, number>;
  /** dotted score path ("reuse.wrong_source") -> highest accepted value */
  ceilings: Record<string, number>;
}

export interface GateCheck {
  key: string;
  value: number | undefined;
  limit: number;
  kind: 'floor' | 'ceiling';
  ok: boolean;
}

// a tolerance for floating-point noise in scores that are ratios of counts
const EPS = 1e-9;

export const floor3 = (x: number) => Math.floor(x * 1000 + EPS) / 1000;
export const ceil3 = (x: number) => Math.ceil(x * 1000 - EPS) / 1000 + 0; // + 0 turns -0 into 0

/** Numeric leaves of a nested score object as dotted paths. */
export function flattenScores(obj: object, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number') out[path] = v;
    else if (v && typeof v === 'object') Object.assign(out, flattenScores(v, path));
  }
  return out;
}

/** Check every pinned score of the sets that were run (the first path segment names the set). */
export function checkGate(scores: Record<string, number>, baseline: Baseline, setsRun: string[]): GateCheck[] {
  const ran = (key: string) => setsRun.includes(key.split('.')[0]);
  const checks: GateCheck[] = [];
  for (const [key, limit] of Object.entries(baseline.floors)) {
    if (!ran(key)) continue;
    const value = scores[key];
    checks.push({ key, value, limit, kind: 'floor', ok: value !== undefined && value >= limit - EPS });
  }
  for (const [key, limit] of Object.entries(baseline.ceilings)) {
    if (!ran(key)) continue;
    const value = scores[key];
    checks.push({ key, value, limit, kind: 'ceiling', ok: value !== undefined && value <= limit + EPS });
  }
  return checks;
}

export function describeCheck(c: GateCheck): string {
  const v = c.value === undefined ? 'missing' : Number.isInteger(c.value) ? String(c.value) : c.value.toFixed(4);
  if (c.ok) return `ok   ${c.key} ${v} (${c.kind} ${c.limit})`;
  return c.kind === 'floor' ? `FAIL ${c.key} ${v} is below its floor ${c.limit}` : `FAIL ${c.key} ${v} is above its ceiling ${c.limit}`;
}

/** Move each pinned floor up (ceiling down) to the current score, rounded to 3 decimals; never the other way. */
export function raiseBaseline(scores: Record<string, number>, baseline: Baseline): { baseline: Baseline; changes: string[] } {
  const floors = { ...baseline.floors };
  const ceilings = { ...baseline.ceilings };
  const changes: string[] = [];
  for (const [key, old] of Object.entries(floors)) {
    const v = scores[key];
    if (v === undefined) continue;
    const next = floor3(v);
    if (next > old) {
      floors[key] = next;
      changes.push(`${key}: floor ${old} -> ${next}`);
    }
  }
  for (const [key, old] of Object.entries(ceilings)) {
    const v = scores[key];
    if (v === undefined) continue;
    const next = ceil3(v);
    if (next < old) {
      ceilings[key] = next;
      changes.push(`${key}: ceiling ${old} -> ${next}`);
    }
  }
  return { baseline: { ...baseline, floors, ceilings }, changes };
}
