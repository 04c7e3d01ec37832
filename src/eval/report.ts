// The text report: our scores beside the published reference numbers of shared/eval/README.md.
import type { Scores, SetName } from './set-result.ts';

type Row = Array<string | number | null | undefined>;

interface Reference {
  name: string;
  values: Row;
}

// Published numbers (shared/eval/README.md); the tools' own numbers are on the whole upstream sets.
const REFERENCES: Record<SetName, { columns: string[]; rows: Reference[] }> = {
  extraction: {
    columns: ['P', 'R', 'F1', 'acc', 'rejected', 'title', 'author'],
    rows: [
      { name: 'trafilatura 2.2.0 (990 pages)', values: [0.906, 0.943, 0.924, 0.923, null, null, null] },
      { name: 'readability + linkedom', values: [0.87, 0.908, 0.888, null, null, 0.572, null] },
      { name: 'newsprov at d34b3ce', values: [0.892, 0.901, 0.896, 0.896, 11, 0.566, 0.44] },
    ],
  },
  dates: {
    columns: ['P', 'R', 'F', 'acc'],
    rows: [
      { name: 'htmldate 1.10 extensive (1,000)', values: [0.908, 0.993, 0.949, 0.903] },
      { name: 'newsprov at d34b3ce', values: [0.901, 0.657, 0.76, 0.613] },
    ],
  },
  events: {
    columns: ['B3 P', 'B3 R', 'B3 F1', 'clusters'],
    rows: [
      { name: 'TF-IDF + average linkage', values: [0.803, 0.958, 0.874, 43] },
      { name: 'one cluster per topic', values: [0.518, 1, 0.683, 21] },
      { name: 'newsprov at d34b3ce', values: [0.942, 0.717, 0.814, 105] },
    ],
  },
  reuse: {
    columns: ['cut', 'light', 'heavy', 'non', 'wrong src', 'ARI'],
    rows: [
      { name: 'word-trigram containment', values: [1, 1, 1, 0.05, 0, 0.952] },
      { name: 'newsprov at d34b3ce', values: [1, 0.9, 0.4, 0, 0, 0.769] },
    ],
  },
};

function ours(set: SetName, s: Scores): Row {
  switch (set) {
    case 'extraction': {
      const x = s.extraction!;
      return [x.precision, x.recall, x.f1, x.accuracy, x.rejected, x.title_exact, x.author_exact];
    }
    case 'dates': {
      const x = s.dates!;
      return [x.precision, x.recall, x.f1, x.accuracy];
    }
    case 'events': {
      const x = s.events!;
      return [x.precision, x.recall, x.f1, x.clusters];
    }
    case 'reuse': {
      const x = s.reuse!;
      return [x.linked.cut, x.linked.light, x.linked.heavy, x.linked.non, x.wrong_source, x.ari];
    }
  }
}

// columns that hold counts rather than shares
const COUNTS = new Set(['rejected', 'clusters', 'wrong src']);

const cell = (v: Row[number], count = false) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : count ? String(v) : v.toFixed(3));

function table(header: string[], rows: Row[]): string[] {
  const text = [header, ...rows.map((r) => r.map((v, i) => (i === 0 ? String(v) : cell(v, COUNTS.has(header[i])))))];
  const widths = header.map((_, i) => Math.max(...text.map((r) => String(r[i] ?? '').length)));
  return text.map((r) => r.map((c, i) => String(c ?? '')[i === 0 ? 'padEnd' : 'padStart'](widths[i])).join('  ').trimEnd());
}

/** One table per set that was run, with a heading line of its supporting numbers. */
export function renderReport(scores: Scores, extras: Partial<Record<SetName, Record<string, number>>>): string {
  const out: string[] = [];
  for (const set of Object.keys(REFERENCES) as SetName[]) {
    if (!scores[set]) continue;
    const ref = REFERENCES[set];
    const extra = Object.entries(extras[set] ?? {})
      .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`)
      .join(', ');
    out.push(`${set} (${extra})`);
    out.push(...table(['', ...ref.columns], [['newsprov now', ...ours(set, scores)], ...ref.rows.map((r) => [r.name, ...r.values])]));
    out.push('');
  }
  return out.join('\n');
}
