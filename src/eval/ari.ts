// Adjusted Rand index (Hubert & Arabie 1985) between two groupings of the same items.

const pairs = (k: number) => (k * (k - 1)) / 2;

/** `predicted` and `gold` map every item to its group label; both must cover the same items. */
export function adjustedRandIndex(predicted: Map<string, string>, gold: Map<string, string>): number {
  if (predicted.size !== gold.size || [...gold.keys()].some((k) => !predicted.has(k))) {
    throw new Error('adjustedRandIndex: both groupings must cover the same items');
  }
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const [item, g] of gold) {
    const p = predicted.get(item)!;
    inc(cells, `${p}\u0000${g}`);
    inc(rows, p);
    inc(cols, g);
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, k) => s + pairs(k), 0);
  const index = sum(cells);
  const a = sum(rows);
  const b = sum(cols);
  const expected = (a * b) / pairs(gold.size);
  const max = (a + b) / 2;
  // both groupings all singletons (or all one group): identical, and the formula is 0/0
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
