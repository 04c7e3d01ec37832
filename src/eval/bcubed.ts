// B-cubed precision/recall over items (Bagga & Baldwin 1998): every item weighs the same.

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/** `predicted` and `gold` map every item to its cluster label; both must cover the same items. */
export function bcubed(predicted: Map<string, string>, gold: Map<string, string>): BCubed {
  if (predicted.size !== gold.size || [...gold.keys()].some((k) => !predicted.has(k))) {
    throw new Error('bcubed: predicted and gold clusterings must cover the same items');
  }
  if (gold.size === 0) return { precision: 0, recall: 0, f1: 0 };
  // the overlap of an item's predicted and gold clusters is the count of its (predicted, gold) cell
  const cell = new Map<string, number>();
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const cellKey = (item: string) => `${predicted.get(item)}\u0000${gold.get(item)}`;
  for (const item of gold.keys()) {
    inc(cell, cellKey(item));
    inc(predSize, predicted.get(item)!);
    inc(goldSize, gold.get(item)!);
  }
  let p = 0;
  let r = 0;
  for (const item of gold.keys()) {
    const both = cell.get(cellKey(item))!;
    p += both / predSize.get(predicted.get(item)!)!;
    r += both / goldSize.get(gold.get(item)!)!;
  }
  p /= gold.size;
  r /= gold.size;
  return { precision: p, recall: r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}
