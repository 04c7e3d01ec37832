// Candidate article containers of a pruned page, most specific first: an element named as the article body
// (itemprop=articleBody, "entry-content", "article-body" …), an <article>, the <main> landmark, the whole body.
import { type DomDocument, type DomElement, all, tagOf, textOf } from './dom.ts';
import { type Block, blocksOf } from './blocks.ts';
import { type RefineContext, type Refined, refineBlocks } from './refine.ts';
import { isContentHint } from './hints.ts';

export type CandidateSource = 'content-hint' | 'article' | 'main' | 'body' | 'readability';

export interface Candidate extends Refined {
  source: CandidateSource;
  /** every text block of the container, kept or not */
  blocks: Block[];
}

/** Characters of running text in the kept blocks. */
export function proseChars(c: Candidate): number {
  let n = 0;
  for (const b of c.kept) n += b.text.length - b.linkChars;
  return n;
}

export function makeCandidate(source: CandidateSource, blocks: Block[], ctx: RefineContext): Candidate {
  return { source, blocks, ...refineBlocks(blocks, ctx) };
}

/** Of several same-kind elements, the first that holds at least half the text of the largest (nested copies are fine). */
function pickOf(els: DomElement[]): DomElement | null {
  if (els.length === 0) return null;
  const sizes = els.map((el) => textOf(el).length);
  const max = Math.max(...sizes);
  if (max === 0) return null;
  const first = els[sizes.findIndex((n) => n >= max * 0.5)];
  // a piece split into several boxes of the same kind (ingredients, method, notes) is their common container
  const parts = els.filter((el, i) => sizes[i] >= max * PART_SHARE && !els.some((o) => o !== el && o.contains(el)));
  if (parts.length < 2) return first;
  const common = commonAncestor(parts);
  return common && tagOf(common) !== 'body' && tagOf(common) !== 'html' ? common : first;
}

/** Share of the largest box a same-kind box needs to count as a part of the piece, not a teaser. */
const PART_SHARE = 0.25;

function commonAncestor(els: DomElement[]): DomElement | null {
  let anc: DomElement | null = els[0].parentElement;
  while (anc && !els.every((el) => anc!.contains(el))) anc = anc.parentElement;
  return anc;
}

/** A paragraph that reads as running text: long enough, ends like a sentence, few links. */
function isProse(b: Block): boolean {
  return b.text.length >= 80 && b.linkChars < b.text.length * 0.2 && /[.!?…"“”»«)。！？]$/.test(b.text);
}

/**
 * An element named as the article body often leaves out the lead paragraph printed under the headline. Take the
 * running-text paragraphs between the headline and the body element from their nearest common ancestor.
 */
function withLead(root: DomElement, body: DomElement): Block[] {
  const own = blocksOf(root);
  let top: DomElement | null = root.parentElement;
  for (let i = 0; top && top !== body && i < 6; i++, top = top.parentElement) {
    if (!top.querySelector('h1')) continue;
    const outer = blocksOf(top);
    const first = outer.findIndex((b) => b.el === root || root.contains(b.el));
    const h1 = outer.findIndex((b) => b.tag === 'h1');
    if (first < 0 || h1 < 0 || h1 > first) return own;
    return [...outer.slice(h1 + 1, first).filter(isProse), ...own];
  }
  return own;
}

/** Structural candidates, refined at once: their blocks point into the document, which later steps may change. */
export function structuralCandidates(document: DomDocument, ctx: RefineContext): Candidate[] {
  const body = document.body;
  if (!body) return [];
  const hinted = all(body, '[itemprop],[class],[id]').filter(isContentHint);
  const roots: Array<[CandidateSource, DomElement | null]> = [
    ['content-hint', pickOf(hinted)],
    ['article', pickOf(all(body, 'article,[itemtype*="Article"],[itemtype*="BlogPosting"]'))],
    ['main', pickOf(all(body, 'main,[role=main]'))],
    ['body', body],
  ];
  const out: Candidate[] = [];
  const seen = new Set<DomElement>();
  for (const [source, root] of roots) {
    if (!root || seen.has(root)) continue;
    seen.add(root);
    out.push(makeCandidate(source, source === 'content-hint' ? withLead(root, body) : blocksOf(root), ctx));
  }
  return out;
}
