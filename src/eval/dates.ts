// Publication dates at day level, as htmldate's evaluation: no date is a miss (false negative),
// a wrong day costs precision only.

export type DateOutcome = 'tp' | 'fp' | 'fn';

export interface DateScores {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** The day as the stored value states it (its first 10 characters), or null when it has none. */
export function dayOf(publishedAt: string | null | undefined): string | null {
  if (!publishedAt) return null;
  const day = publishedAt.trim().slice(0, 10);
  return day || null;
}

export function scoreDate(predictedDay: string | null, goldDay: string): DateOutcome {
  if (predictedDay === null) return 'fn';
  return predictedDay === goldDay ? 'tp' : 'fp';
}

export function dateScores(outcomes: DateOutcome[]): DateScores {
  const n = (o: DateOutcome) => outcomes.filter((x) => x === o).length;
  const tp = n('tp');
  const fp = n('fp');
  const fn = n('fn');
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  return {
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    accuracy: ratio(tp, outcomes.length),
  };
}
