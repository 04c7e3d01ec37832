// Entities keep their ids across re-analyses: a new entity takes the id of the previous one it shares most
// written forms with (canonical name and aliases, case-folded), the same canonical name and type counting more.
// Each previous id goes to one entity at most; the rest keep the id the analysis gave them.

export interface PriorEntity {
  id: string;
  name: string;
  type: string;
  forms: string[];
}

export interface NextEntity {
  id: string;
  name: string;
  type: string;
  aliases: Array<{ form: string }>;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

function formsOf(name: string, aliases: Array<{ form: string }> | string[]): Set<string> {
  return new Set([name, ...aliases.map((a) => (typeof a === 'string' ? a : a.form))].map(fold));
}

/** new entity id -> the previous id it keeps (only where it differs or is confirmed). */
export function matchEntities(prior: PriorEntity[], next: NextEntity[]): Map<string, string> {
  const priorForms = prior.map((p) => formsOf(p.name, p.forms));
  const byForm = new Map<string, number[]>();
  priorForms.forEach((fs, i) => fs.forEach((f) => (byForm.get(f) ?? byForm.set(f, []).get(f)!).push(i)));
  const pairs: Array<{ next: number; prior: number; score: number }> = [];
  next.forEach((e, j) => {
    const fs = formsOf(e.name, e.aliases);
    const shared = new Map<number, number>();
    for (const f of fs) for (const i of byForm.get(f) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    for (const [i, n] of shared) {
      const p = prior[i];
      pairs.push({ next: j, prior: i, score: n + (fold(p.name) === fold(e.name) ? 2 : 0) + (p.type === e.type ? 0.5 : 0) });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.prior - b.prior || a.next - b.next);
  const out = new Map<string, string>();
  const usedPrior = new Set<number>();
  const usedNext = new Set<number>();
  for (const p of pairs) {
    if (usedPrior.has(p.prior) || usedNext.has(p.next)) continue;
    usedPrior.add(p.prior);
    usedNext.add(p.next);
    out.set(next[p.next].id, prior[p.prior].id);
  }
  // an unmatched entity whose own id went to another one takes a suffixed id
  const taken = new Set(out.values());
  for (const e of next) {
    if (out.has(e.id)) continue;
    let id = e.id;
    for (let k = 2; taken.has(id); k++) id = `${e.id}-${k}`;
    taken.add(id);
    out.set(e.id, id);
  }
  return out;
}
