// Main-text scoring as in trafilatura's benchmark: "with" snippets must occur in the output,
// "without" snippets (boilerplate) must not; case-sensitive substrings after whitespace collapsing.

export interface SnippetCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

export interface SnippetScores {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function emptyCounts(): SnippetCounts {
  return { tp: 0, fn: 0, fp: 0, tn: 0 };
}

/** Score one page; `output` null means the page was rejected (scored as empty output). */
export function scoreSnippets(output: string | null, withSnippets: string[], withoutSnippets: string[]): SnippetCounts & { missed: string[]; leaked: string[] } {
  const text = collapseWhitespace(output ?? '');
  const found = (s: string) => text.length > 0 && text.includes(collapseWhitespace(s));
  const missed = withSnippets.filter((s) => !found(s));
  const leaked = withoutSnippets.filter(found);
  return {
    tp: withSnippets.length - missed.length,
    fn: missed.length,
    fp: leaked.length,
    tn: withoutSnippets.length - leaked.length,
    missed,
    leaked,
  };
}

export function addCounts(a: SnippetCounts, b: SnippetCounts): SnippetCounts {
  return { tp: a.tp + b.tp, fn: a.fn + b.fn, fp: a.fp + b.fp, tn: a.tn + b.tn };
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : 0);

export function snippetScores(c: SnippetCounts): SnippetScores {
  return {
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    accuracy: ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn),
  };
}
