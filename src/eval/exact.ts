// Exact-match scoring of metadata fields (title, author) after Unicode and whitespace normalisation.
import { collapseWhitespace } from './snippets.ts';

export function normalizeTitle(s: string): string {
  return collapseWhitespace(s.normalize('NFC'));
}

// Names in one author field are separated by punctuation or a conjunction; the gold joins them with "; ".
const AUTHOR_SEPARATOR = /\s*(?:[;,|&·•]|\s\band\b\s)\s*/gu;

/** An author field as a canonical list of names, so "A, B", "A and B" and "A; B" compare equal. */
export function normalizeAuthors(s: string): string {
  return normalizeTitle(s)
    .split(AUTHOR_SEPARATOR)
    .map((n) => n.trim())
    .filter(Boolean)
    .join('; ');
}

export function exactMatch(predicted: string | null, gold: string, normalize: (s: string) => string): boolean {
  return predicted !== null && normalize(predicted) === normalize(gold);
}
