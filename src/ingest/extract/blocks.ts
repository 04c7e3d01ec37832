// A DOM subtree as a list of text blocks: every block element and every <br><br> ends a paragraph, a single <br>
// ends a line, text standing directly in a container (after a heading, between lists) is a block of its own,
// and a data table gives one block per row with its cells joined. Each block knows how much of it is link text.
import { type DomElement, type DomNode, TEXT_NODE, isElement, tagOf, visibleText } from './dom.ts';

export interface Block {
  text: string;
  /** tag of the block element the text belongs to (p, li, h2, td, div …) */
  tag: string;
  /** the element whose text this is (the innermost block element around it) */
  el: DomElement;
  /** characters of the text inside links */
  linkChars: number;
  /** inside a <figcaption>: a caption, not body text */
  caption: boolean;
  /** an empty block standing where pruning removed an element */
  gap?: boolean;
}

/** The element pruning leaves where it removed page furniture. */
export const PRUNED_TAG = 'x-pruned';

/** Elements whose text is never read: code, media, form controls, document head. */
export const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'button', 'select', 'option', 'optgroup', 'input', 'textarea', 'iframe', 'object', 'embed', 'canvas', 'audio', 'video', 'map', 'head', 'title', 'meta', 'link', 'source', 'track', 'picture', 'img', 'datalist', 'dialog', 'frameset', 'frame', 'rt', 'rp']);

const BLOCK_TAGS = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'form', 'fieldset', 'legend', 'address', 'hr', 'center', 'details', 'summary', 'body', 'html', 'hgroup', 'menu', 'dir', 'listing', 'plaintext', 'xmp', 'noframes', 'output', 'label']);

export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

export function isBlockTag(tag: string): boolean {
  return BLOCK_TAGS.has(tag);
}

/** A table used for page layout (long cells, nested tables or block content in cells) is read like any container. */
function isLayoutTable(table: DomElement): boolean {
  if (table.querySelector('table')) return true;
  for (const cell of Array.from(table.querySelectorAll('td,th'))) {
    if ((cell.textContent ?? '').length > 400) return true;
    if (cell.querySelector('p,div p,ul,ol,h1,h2,h3,h4,h5,h6,blockquote')) return true;
  }
  return false;
}

class Collector {
  blocks: Block[] = [];
  private buf = '';
  private links = 0;
  private owner: DomElement;
  private ownerTag: string;
  private captionDepth = 0;

  constructor(root: DomElement) {
    this.owner = root;
    this.ownerTag = tagOf(root);
  }

  text(s: string, inLink: boolean, pre: boolean): void {
    const t = pre ? visibleText(s) : visibleText(s).replace(/[ \t\r\n\f\v\u00A0]+/g, ' ');
    if (!t) return;
    this.buf += t;
    if (inLink) this.links += t.trim().length;
  }

  lineBreak(): void {
    this.buf += '\n';
  }

  /** Close the running paragraph; `next` becomes the owner of the text that follows. */
  flush(next?: DomElement): void {
    const caption = this.captionDepth > 0 || this.ownerTag === 'figcaption';
    // two line breaks in a row separate paragraphs
    for (const part of this.buf.split(/\n[ \t]*\n+/)) {
      const text = part
        .split('\n')
        .map((l) => l.replace(/[ \t]+/g, ' ').trim())
        .filter(Boolean)
        .join('\n');
      if (!text) continue;
      const share = this.buf.trim().length > 0 ? text.length / this.buf.trim().length : 1;
      this.blocks.push({ text, tag: this.ownerTag, el: this.owner, linkChars: Math.min(text.length, Math.round(this.links * share)), caption });
    }
    this.buf = '';
    this.links = 0;
    if (next) {
      this.owner = next;
      this.ownerTag = tagOf(next);
    }
  }

  gap(el: DomElement): void {
    this.blocks.push({ text: '', tag: PRUNED_TAG, el, linkChars: 0, caption: false, gap: true });
  }

  enterCaption(): void {
    this.captionDepth++;
  }
  leaveCaption(): void {
    this.captionDepth--;
  }

  pushRow(el: DomElement, cells: string[], linkChars: number): void {
    // a tab between cells: the row stays one line and reads as a row, not as a breadcrumb trail
    const text = cells.filter(Boolean).join('\t');
    if (text) this.blocks.push({ text, tag: 'tr', el, linkChars: Math.min(linkChars, text.length), caption: this.captionDepth > 0 });
  }
}

function cellText(cell: DomElement): { text: string; links: number } {
  const c = new Collector(cell);
  walk(cell, c, false, false);
  c.flush();
  return { text: c.blocks.map((b) => b.text.replace(/\n/g, ' ')).join(' '), links: c.blocks.reduce((s, b) => s + b.linkChars, 0) };
}

function dataTable(table: DomElement, c: Collector): void {
  for (const row of Array.from(table.querySelectorAll('tr'))) {
    if (row.closest('table') !== table) continue;
    const cells = Array.from(row.children).filter((x) => tagOf(x) === 'td' || tagOf(x) === 'th');
    const parts = cells.map(cellText);
    c.pushRow(row, parts.map((p) => p.text), parts.reduce((s, p) => s + p.links, 0));
  }
  const caption = Array.from(table.children).find((x) => tagOf(x) === 'caption');
  if (caption) {
    c.enterCaption();
    c.pushRow(caption, [cellText(caption).text], 0);
    c.leaveCaption();
  }
}

function walk(node: DomNode, c: Collector, inLink: boolean, pre: boolean): void {
  const kids = Array.from(node.childNodes);
  for (const child of kids) {
    if (child.nodeType === TEXT_NODE) {
      c.text(child.textContent ?? '', inLink, pre);
      continue;
    }
    if (!isElement(child)) continue;
    const tag = tagOf(child);
    if (SKIP_TAGS.has(tag)) continue;
    if (tag === 'br') {
      c.lineBreak();
      continue;
    }
    if (tag === PRUNED_TAG) {
      c.flush(node as DomElement);
      c.gap(child);
      continue;
    }
    if (tag === 'table' && !isLayoutTable(child)) {
      c.flush(child);
      dataTable(child, c);
      c.flush(node as DomElement);
      continue;
    }
    if (isBlockTag(tag)) {
      const caption = tag === 'figcaption';
      c.flush(child);
      if (caption) c.enterCaption();
      walk(child, c, inLink, pre || tag === 'pre');
      c.flush(node as DomElement);
      if (caption) c.leaveCaption();
      continue;
    }
    walk(child, c, inLink || (tag === 'a' && child.hasAttribute('href')), pre);
  }
}

/** The text blocks of a subtree, in document order. */
export function blocksOf(root: DomElement): Block[] {
  const c = new Collector(root);
  walk(root, c, false, tagOf(root) === 'pre');
  c.flush();
  return c.blocks;
}

export function linkDensity(b: Block): number {
  return b.text.length ? b.linkChars / b.text.length : 0;
}
