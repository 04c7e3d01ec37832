// The labelled development sets under shared/eval (see its README.md): locations and label records.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReuseAnswer, ReuseCategory } from './reuse.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_EVAL_DIR = resolve(ROOT, '../shared/eval');

export interface PageLabel {
  id: string;
  /** absolute path of the gzip-compressed page */
  path: string;
  url: string | null;
  with?: string[];
  without?: string[];
  title?: string;
  author?: string;
  date?: string;
}

export interface EventDoc {
  id: string;
  topic: string;
  event: string;
  text: string;
}

export interface TextDoc {
  id: string;
  text: string;
}

export interface ReuseSet {
  sources: TextDoc[];
  answers: Array<ReuseAnswer & TextDoc>;
}

/** One JSON object per non-empty line; a bad line is an error naming the file and line. */
export function readJsonl<T>(file: string): T[] {
  if (!existsSync(file)) throw new Error(`${file}: missing (the evaluation sets live in shared/eval; pass --data DIR)`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as T];
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not valid JSON (${(e as Error).message})`);
      }
    });
}

/** Page labels with `file` resolved against the folder of the labels file. */
export function readPageLabels(labelsFile: string): PageLabel[] {
  const base = dirname(labelsFile);
  return readJsonl<Omit<PageLabel, 'path'> & { file: string }>(labelsFile).map(({ file, ...rest }) => ({ ...rest, url: rest.url ?? null, path: resolve(base, file) }));
}

export const extractionLabels = (dir: string) => readPageLabels(join(dir, 'extraction-trafilatura-dev/labels.jsonl'));
export const dateLabels = (dir: string) => readPageLabels(join(dir, 'dates-dev/labels.jsonl'));
export const eventDocs = (dir: string) => readJsonl<EventDoc>(join(dir, 'ecbplus-dev/docs.jsonl'));

export function reuseSet(dir: string): ReuseSet {
  const base = join(dir, 'reuse-clough-dev');
  const text = (file: string) => readFileSync(join(base, file), 'utf8');
  const sources = readJsonl<{ id: string; file: string }>(join(base, 'sources.jsonl')).map((s) => ({ id: s.id, text: text(s.file) }));
  const answers = readJsonl<{ id: string; source: string; category: ReuseCategory; file: string }>(join(base, 'labels.jsonl')).map((a) => ({
    id: a.id,
    source: a.source,
    category: a.category,
    text: text(a.file),
  }));
  return { sources, answers };
}
