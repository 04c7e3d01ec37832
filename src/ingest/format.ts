// Which kind of document an input is, from its first element: feeds by their root element
// (after any XML declaration, comments, processing instructions and DOCTYPE), HTML by its tags
// even behind long leading <script>/<style> blocks, everything else is plain text.
import type { Format } from '../model/article.ts';

/** How far into the document HTML markers are looked for once leading script/style blocks are skipped. */
const HTML_WINDOW = 4000;
/** Elements whose content is not markup: skipped whole when looking for the first real tag. */
const RAW_TEXT = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title', 'xmp']);
const HTML_TAG = /<(html|head|body|article|main|header|nav|section|div|span|h[1-6]|table|ul|ol|form|iframe|meta|link|a|img|br)[\s>/]/i;

/** Index just past the end of the markup construct (comment, PI, DOCTYPE) at `i`, or -1 if it is not one or never ends. */
function skipPrologItem(s: string, i: number): number {
  if (s.startsWith('<!--', i)) {
    const end = s.indexOf('-->', i + 4);
    return end < 0 ? -1 : end + 3;
  }
  if (s.startsWith('<?', i)) {
    const end = s.indexOf('?>', i + 2);
    return end < 0 ? -1 : end + 2;
  }
  if (s.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
    const gt = s.indexOf('>', i);
    const bracket = s.indexOf('[', i);
    // an internal subset may hold declarations with their own '>'
    if (bracket >= 0 && (gt < 0 || bracket < gt)) {
      const close = s.indexOf(']', bracket);
      const end = close < 0 ? -1 : s.indexOf('>', close);
      return end < 0 ? -1 : end + 1;
    }
    return gt < 0 ? -1 : gt + 1;
  }
  return -1;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i])) i++;
  return i;
}

/** The qualified name of the tag starting at `i` ("rss", "rdf:RDF"), or null if no start tag is there. */
function tagNameAt(s: string, i: number): string | null {
  const m = /^<([A-Za-z_][\w.:-]*)/.exec(s.slice(i, i + 100));
  return m ? m[1] : null;
}

function feedFormat(qname: string): Format | null {
  const local = qname.slice(qname.indexOf(':') + 1).toLowerCase();
  if (local === 'rss' || (local === 'rdf' && qname.endsWith('RDF'))) return 'rss';
  if (local === 'feed') return 'atom';
  return null;
}

/** Skip leading raw-text elements (<script>, <style> …) so a long one does not hide the page's markup. */
function skipRawTextElements(s: string, i: number): number {
  for (;;) {
    i = skipSpace(s, i);
    const next = skipPrologItem(s, i);
    if (next >= 0) {
      i = next;
      continue;
    }
    const name = tagNameAt(s, i)?.toLowerCase();
    if (!name || !RAW_TEXT.has(name)) return i;
    const closing = new RegExp(`</${name}`, 'gi');
    closing.lastIndex = i;
    const close = closing.exec(s);
    if (!close) return i;
    const gt = s.indexOf('>', close.index);
    if (gt < 0) return i;
    i = gt + 1;
  }
}

export function detectFormat(content: string): Format {
  let i = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  let htmlDoctype = false;
  for (;;) {
    i = skipSpace(content, i);
    if (/^<!doctype\s+html[\s>]/i.test(content.slice(i, i + 15))) htmlDoctype = true;
    const next = skipPrologItem(content, i);
    if (next < 0) break;
    i = next;
  }
  if (htmlDoctype) return 'html';
  const root = tagNameAt(content, i);
  const feed = root ? feedFormat(root) : null;
  if (feed) return feed;
  const start = skipRawTextElements(content, i);
  const rest = content.slice(start, start + HTML_WINDOW);
  if (root !== null && HTML_TAG.test(rest)) return 'html';
  // text that does not start with a tag is HTML only with a document-level tag or a closed paragraph
  if (/<(html|head|body|article|main)[\s>]/i.test(rest) || (/<p[\s>]/i.test(rest) && /<\/p>/i.test(rest))) return 'html';
  return 'text';
}
