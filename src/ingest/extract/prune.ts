// Take the page furniture out of the document before any extractor looks at it: landmark elements (nav, aside,
// footer), hidden elements, and elements whose class/id/role name boilerplate (comments, share bars, cookie
// notices, newsletter boxes, related links, bylines …). An element that holds the article (a content-named
// element, <article>, <main>, or a large share of the page's text) is never removed, whatever its name says.
import type { Removed, RemovedKind } from '../../model/article.ts';
import { type DomDocument, type DomElement, TEXT_NODE, all, isElement, tagOf, textOf } from './dom.ts';
import { PRUNED_TAG, SKIP_TAGS } from './blocks.ts';
import { boilerplateHint, isContentHint, isHidden } from './hints.ts';

const LANDMARK_KIND: Record<string, RemovedKind> = { nav: 'nav', aside: 'related', footer: 'nav', menu: 'nav', dialog: 'hidden' };

/** Share of the page's text an element may hold and still be removed for its name. */
const MAX_REMOVED_SHARE = 0.4;

/** Article-like elements with enough text to be the article (a related-posts card is not). */
function protectedElements(body: DomElement, total: number): DomElement[] {
  const marked = all(body, 'article,main,[role=main],[itemprop=articleBody]');
  for (const el of all(body, '[class],[id]')) if (isContentHint(el)) marked.push(el);
  const min = Math.max(300, total * 0.2);
  return marked.filter((el) => textOf(el).length >= min);
}

/** Running text (characters) an element holds directly: its own text nodes, or its paragraph children. */
function directProse(el: DomElement): number {
  let n = 0;
  for (const c of Array.from(el.childNodes)) {
    if (c.nodeType === TEXT_NODE) n += (c.textContent ?? '').trim().length;
    else if (isElement(c) && tagOf(c) === 'p') {
      const t = textOf(c);
      const links = all(c, 'a[href]').reduce((s, a) => s + textOf(a).length, 0);
      if (t.length >= 60 && links < t.length * 0.4) n += t.length;
    }
  }
  return n;
}

/** The element holding most of the page's running text: it and its ancestors are the article, whatever their names. */
function articleAnchor(body: DomElement): DomElement | null {
  let best: DomElement | null = null;
  let bestScore = 0;
  for (const el of all(body, 'div,section,article,main,td,span,font,center,form')) {
    const score = directProse(el);
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return bestScore >= 200 ? best : null;
}

function kindToRemove(el: DomElement, tag: string): RemovedKind | null {
  if (isHidden(el)) return 'hidden';
  if (LANDMARK_KIND[tag]) return LANDMARK_KIND[tag];
  if (tag === 'form' && !el.querySelector('p')) return 'nav';
  if (tag === 'article' || tag === 'main' || tag === 'body') return null;
  return boilerplateHint(el);
}

/** Remove boilerplate elements from the body in place; what they said is returned. */
export function pruneDocument(document: DomDocument): Removed[] {
  const body = document.body;
  if (!body) return [];
  const removed: Removed[] = [];
  for (const el of all(body, Array.from(SKIP_TAGS).filter((t) => t !== 'img' && t !== 'picture').join(','))) el.remove();
  const total = textOf(body).length;
  const guarded = protectedElements(body, total);
  const anchor = articleAnchor(body);
  if (anchor) guarded.push(anchor);
  const stack: DomElement[] = [body];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    for (const child of Array.from(parent.children)) {
      if (!isElement(child)) continue;
      const kind = kindToRemove(child, tagOf(child));
      if (kind && !holdsArticle(child, guarded, total)) {
        const text = textOf(child);
        if (text) removed.push({ kind, text });
        // leave a mark where it stood: a heading left over the gap announced what was removed
        child.replaceWith(document.createElement(PRUNED_TAG));
      } else stack.push(child);
    }
  }
  return removed;
}

function holdsArticle(el: DomElement, guarded: DomElement[], total: number): boolean {
  if (guarded.some((g) => g === el || el.contains(g))) return true;
  return total > 0 && textOf(el).length > total * MAX_REMOVED_SHARE;
}
