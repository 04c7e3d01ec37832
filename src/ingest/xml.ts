// XML documents (feeds) read in one linear pass with the saxes streaming parser, into a small
// element tree. The pass is also the well-formedness check: the first structural error stops it
// with its line and column. Entities: only XML's five and HTML's named ones are expanded, never
// those a DOCTYPE declares (no external fetches, no "billion laughs"), and never recursively.
import { SaxesParser } from 'saxes';
import { parseHTML } from 'linkedom';
import { InputError } from '../model/article.ts';

export interface XmlElement {
  /** qualified name as written ("content:encoded") */
  name: string;
  /** name without its prefix ("encoded") */
  local: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** where the element starts and ends in the source string */
  start: number;
  end: number;
}
export type XmlNode = XmlElement | string;

export interface XmlDocument {
  root: XmlElement;
  /** problems that did not stop the parse (unknown entities, stray control characters …) */
  warnings: string[];
}

/** Elements nested deeper are not kept as elements (their text goes to the deepest kept ancestor): traversals stay shallow. */
const MAX_XML_DEPTH = 200;
/** How many different undeclared entity names one document may make us look up as HTML entities. */
const MAX_ENTITY_LOOKUPS = 200;
const MAX_WARNINGS = 10;

/** Errors after which the content is still exactly what the author meant, or close to it. */
const RECOVERABLE = [/undefined entity/, /entity name/, /empty entity/, /malformed character entity/, /^disallowed character\.$/, /duplicate attribute/, /\]\]>/, /encoding value/];

const htmlEntityCache = new Map<string, string | undefined>();
let entityElement: { innerHTML: string; textContent: string | null } | null = null;

/** What an HTML named entity (e.g. "nbsp", "eacute") stands for, or undefined if HTML does not know it. */
function htmlEntity(name: string): string | undefined {
  if (htmlEntityCache.has(name)) return htmlEntityCache.get(name);
  entityElement ??= parseHTML('<!doctype html><html><body><p></p></body></html>').document.querySelector('p') as any;
  entityElement!.innerHTML = `&${name};`;
  const text = entityElement!.textContent ?? '';
  const value = text === `&${name};` ? undefined : text;
  if (htmlEntityCache.size < 5000) htmlEntityCache.set(name, value);
  return value;
}

/** The five XML entities, then HTML's named entities looked up on demand (feeds often use &nbsp; and friends). */
function entityTable(): Record<string, string> {
  const xml: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  let lookups = 0;
  return new Proxy(xml, {
    get(target, name) {
      if (typeof name !== 'string') return undefined;
      if (Object.hasOwn(target, name)) return target[name];
      if (!/^[A-Za-z][A-Za-z0-9]{1,31}$/.test(name) || lookups >= MAX_ENTITY_LOOKUPS) return undefined;
      lookups++;
      const v = htmlEntity(name);
      if (v !== undefined) target[name] = v;
      return v;
    },
  });
}

function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

/** Parse an XML document into a tree; throws InputError naming `origin`, line and column when it is not well-formed. */
export function parseXml(xml: string, origin: string): XmlDocument {
  const parser = new SaxesParser({ position: true, xmlns: false });
  parser.ENTITIES = entityTable();
  const warnings: string[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let tagStart = 0;
  let tooDeep = 0;
  const where = () => `line ${parser.line}, column ${parser.column + 1}`;

  parser.on('error', (err) => {
    const msg = err.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    if (!RECOVERABLE.some((re) => re.test(err.message.replace(/^\d+:\d+: /, '')))) {
      const hint = /unclosed tag|unexpected end/.test(msg) ? ' (truncated feed?)' : '';
      throw new InputError(`${origin}: malformed XML feed at ${where()}: ${msg}${hint}`);
    }
    if (warnings.length < MAX_WARNINGS) warnings.push(`XML ${where()}: ${msg}`);
  });
  parser.on('opentagstart', (tag) => {
    // saxes reports it after the name and the character that ended the name
    tagStart = parser.position - tag.name.length - 2;
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_XML_DEPTH) {
      if (!tag.isSelfClosing) tooDeep++;
      return;
    }
    const el: XmlElement = { name: tag.name, local: localName(tag.name), attrs: tag.attributes as Record<string, string>, children: [], start: tagStart, end: -1 };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    if (tag.isSelfClosing) el.end = parser.position;
    else stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    if (tooDeep > 0) {
      tooDeep--;
      return;
    }
    stack.pop()!.end = parser.position;
  });
  const addText = (t: string) => {
    if (stack.length) stack[stack.length - 1].children.push(t);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  parser.write(xml).close();
  if (!root) throw new InputError(`${origin}: malformed XML feed: no root element`);
  return { root, warnings };
}

export function childElements(el: XmlElement, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (local === undefined || c.local.toLowerCase() === local.toLowerCase())) out.push(c);
  return out;
}

/** All text inside an element, depth first, without recursion (the tree may be up to MAX_XML_DEPTH deep). */
export function textOf(el: XmlElement): string {
  const parts: string[] = [];
  const todo: XmlNode[] = [el];
  while (todo.length) {
    const n = todo.pop()!;
    if (typeof n === 'string') parts.push(n);
    else for (let i = n.children.length - 1; i >= 0; i--) todo.push(n.children[i]);
  }
  return parts.join('');
}

const VOID = new Set(['br', 'hr', 'img', 'wbr', 'source', 'track', 'area', 'col', 'embed', 'input']);
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** The markup inside an element (inline XHTML content of Atom entries), re-serialized. */
export function innerMarkup(el: XmlElement): string {
  const out: string[] = [];
  const todo: Array<XmlNode | { close: string }> = [...el.children].reverse();
  while (todo.length) {
    const n = todo.pop()!;
    if (typeof n === 'string') out.push(escapeText(n));
    else if ('close' in n) out.push(`</${n.close}>`);
    else {
      const attrs = Object.entries(n.attrs).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
      out.push(`<${n.local}${attrs}>`);
      if (VOID.has(n.local.toLowerCase()) && n.children.length === 0) continue;
      todo.push({ close: n.local });
      for (let i = n.children.length - 1; i >= 0; i--) todo.push(n.children[i]);
    }
  }
  return out.join('');
}
