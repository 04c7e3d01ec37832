// The small slice of the DOM the extractors use, typed (linkedom's own types need the DOM lib), and page loading
// that repairs the document skeleton when linkedom puts <body> in the wrong place.
import { parseHTML } from 'linkedom';

export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  parentNode: DomNode | null;
  parentElement: DomElement | null;
  childNodes: ArrayLike<DomNode>;
  nextSibling: DomNode | null;
  previousSibling: DomNode | null;
  remove(): void;
}

export interface DomElement extends DomNode {
  tagName: string;
  localName: string;
  children: ArrayLike<DomElement>;
  innerHTML: string;
  outerHTML: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  querySelector(sel: string): DomElement | null;
  querySelectorAll(sel: string): ArrayLike<DomElement>;
  closest(sel: string): DomElement | null;
  contains(other: DomNode): boolean;
  replaceWith(...nodes: DomNode[]): void;
  appendChild(node: DomNode): DomNode;
  insertBefore(node: DomNode, ref: DomNode | null): DomNode;
}

export interface DomDocument {
  documentElement: DomElement;
  body: DomElement | null;
  head: DomElement | null;
  querySelector(sel: string): DomElement | null;
  querySelectorAll(sel: string): ArrayLike<DomElement>;
  createElement(tag: string): DomElement;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function isElement(n: DomNode): n is DomElement {
  return n.nodeType === ELEMENT_NODE;
}

export function tagOf(n: DomNode): string {
  return isElement(n) ? n.localName?.toLowerCase?.() ?? n.tagName.toLowerCase() : '';
}

export function all(root: { querySelectorAll(sel: string): ArrayLike<DomElement> }, sel: string): DomElement[] {
  return Array.from(root.querySelectorAll(sel));
}

/** Characters that carry no text: soft hyphens and zero-width spaces (ZWJ/ZWNJ are kept: they spell Persian and Indic words). */
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/g;

export function visibleText(s: string): string {
  return s.replace(INVISIBLE, '');
}

/** Whitespace-collapsed text of a node. */
export function textOf(n: DomNode | null | undefined): string {
  return visibleText(n?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Text of a node with a space between the texts of its elements: "Posted by<a>Jane</a>" reads "Posted by Jane". */
export function spacedText(n: DomNode | null | undefined): string {
  if (!n) return '';
  const parts: string[] = [];
  const walk = (x: DomNode) => {
    for (const c of Array.from(x.childNodes)) {
      if (c.nodeType === TEXT_NODE) parts.push(c.textContent ?? '');
      else if (isElement(c) && !/^(script|style|template|noscript)$/i.test(c.tagName)) walk(c);
    }
  };
  walk(n);
  return visibleText(parts.join(' ')).replace(/\s+/g, ' ').replace(/\s+([,.;:!?)])/g, '$1').trim();
}

/** Parse a page; when linkedom misplaces <body> (a stray <body> in a script string, <br> or <style> before <html>), rebuild the skeleton and parse again. */
export function loadDocument(html: string): DomDocument {
  const document = parseHTML(html).document as unknown as DomDocument;
  if (skeletonIsSound(document)) return document;
  return parseHTML(rebuildSkeleton(html)).document as unknown as DomDocument;
}

function skeletonIsSound(document: DomDocument): boolean {
  const root = document.documentElement;
  if (!root || tagOf(root) !== 'html') return false;
  const bodies = Array.from(root.children).filter((c) => tagOf(c) === 'body');
  return bodies.length === 1 && document.body === bodies[0];
}

/** Script, style and comment spans, where a "<body" is only text. */
const OPAQUE = /<script\b[\s\S]*?<\/script\s*>|<style\b[\s\S]*?<\/style\s*>|<!--[\s\S]*?-->/gi;
const SKELETON_TAG = /<\/?(?:html|head|body)\b[^>]*>|<!doctype[^>]*>/gi;

export function rebuildSkeleton(html: string): string {
  const opaque: Array<[number, number]> = [];
  for (const m of html.matchAll(OPAQUE)) opaque.push([m.index!, m.index! + m[0].length]);
  const inOpaque = (i: number) => opaque.some(([a, b]) => i >= a && i < b);
  let bodyAt = -1;
  let bodyTag = '<body>';
  let htmlTag = '<html>';
  for (const m of html.matchAll(SKELETON_TAG)) {
    if (inOpaque(m.index!)) continue;
    const t = m[0].toLowerCase();
    if (t.startsWith('<html') && htmlTag === '<html>') htmlTag = m[0];
    if (t.startsWith('<body')) {
      bodyAt = m.index!;
      bodyTag = m[0];
      break;
    }
  }
  const strip = (s: string, offset: number) =>
    s.replace(SKELETON_TAG, (tag, at: number) => (inOpaque(offset + at) ? tag : ''));
  if (bodyAt < 0) return `<!DOCTYPE html>${htmlTag}<head></head><body>${strip(html, 0)}</body></html>`;
  const head = strip(html.slice(0, bodyAt), 0);
  const bodyStart = bodyAt + bodyTag.length;
  const body = strip(html.slice(bodyStart), bodyStart);
  return `<!DOCTYPE html>${htmlTag}<head>${head}</head>${bodyTag}${body}</body></html>`;
}
