// Which candidate is the article. The most specific structural container with a fair share of the page's running
// text is the default. Readability's pick replaces it when it holds that container and much more text, or when
// the structure offers nothing better than the whole page; a Readability pick elsewhere on the page (a service
// box, a teaser block) never replaces a named article container.
import { type Candidate, proseChars } from './candidates.ts';

/** Minimum running text (characters) for a specific container to be trusted. */
const MIN_PROSE = 200;

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Share of `a`'s kept text that `b` also keeps. */
export function overlap(a: Candidate, b: Candidate): number {
  const other = squash(b.kept.map((x) => x.text).join(' '));
  let total = 0;
  let shared = 0;
  for (const x of a.kept) {
    total += x.text.length;
    if (other.includes(squash(x.text))) shared += x.text.length;
  }
  return total ? shared / total : 0;
}

/** Share of each other's text two candidates must keep to count as the same pick. */
const AGREEMENT = 0.8;

export function chooseCandidate(structural: Candidate[], readability: Candidate | null): Candidate | null {
  // a named container that Readability found on its own is the article, however much else the page says
  if (readability) {
    const agreed = structural.find(
      (c) => (c.source === 'content-hint' || c.source === 'article') && proseChars(c) >= MIN_PROSE && overlap(c, readability) >= AGREEMENT && overlap(readability, c) >= AGREEMENT,
    );
    if (agreed) return agreed;
  }
  const body = structural.find((c) => c.source === 'body');
  const bodyProse = body ? proseChars(body) : 0;
  const own = structural.find((c) => proseChars(c) >= Math.max(MIN_PROSE, bodyProse * 0.25)) ?? body ?? null;
  if (!readability) return own;
  const r = proseChars(readability);
  if (!own) return readability;
  const s = proseChars(own);
  if (r === 0) return own;
  if (s === 0) return readability;
  if (own.source === 'body' || own.source === 'main') return r >= s * 0.5 ? readability : own;
  return r > s * 2 && overlap(own, readability) >= 0.5 ? readability : own;
}
