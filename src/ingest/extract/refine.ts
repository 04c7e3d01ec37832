// Inside a chosen container: which text blocks are the article. Link lists, captions, headings left without a
// section (the "Related stories" heading over a removed link list), date lines and byline lines go, by structure
// and by what the page's metadata says (author names), not by phrases of any language.
import type { Removed, RemovedKind } from '../../model/article.ts';
import type { DomElement } from './dom.ts';
import { type Block, HEADING_TAGS, linkDensity } from './blocks.ts';

export interface RefineContext {
  /** author names known from the page's metadata */
  authors: string[];
}

export interface Refined {
  kept: Block[];
  removed: Removed[];
}

/** The list or table a list item or row belongs to: such blocks are judged together. */
function groupOf(b: Block): DomElement | null {
  if (b.tag === 'li' || b.tag === 'dt' || b.tag === 'dd') return b.el.closest('ul,ol,dl,menu');
  if (b.tag === 'tr' || b.tag === 'td' || b.tag === 'th') return b.el.closest('table');
  return null;
}

/**
 * Blocks that are navigation or related links, not prose: a list or table whose text is mostly links (a recipe's
 * linked ingredients in a list of unlinked ones stay), or a short block that is mostly a link.
 */
export function linkBlocks(blocks: Block[]): Set<Block> {
  const groups = new Map<DomElement, { chars: number; links: number }>();
  const groupOfBlock = new Map<Block, DomElement | null>();
  for (const b of blocks) {
    const g = groupOf(b);
    groupOfBlock.set(b, g);
    if (!g) continue;
    const s = groups.get(g) ?? { chars: 0, links: 0 };
    s.chars += b.text.length;
    s.links += b.linkChars;
    groups.set(g, s);
  }
  const out = new Set<Block>();
  for (const b of blocks) {
    const g = groupOfBlock.get(b);
    const s = g ? groups.get(g)! : null;
    // a data table may link every row's first cell (product, team, place) and still be content
    const share = b.tag === 'tr' ? 0.75 : 0.5;
    if (s ? s.links > s.chars * share : linkDensity(b) > 0.5 && b.text.length < 400) out.add(b);
  }
  return out;
}

const SENTENCE_END = /[.!?…。！？][\p{Pf}\p{Pe}"'»«]*$/u;
/** Characters of scripts written without spaces: a line of them says as much as a line of several words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}]/u;

/** A short line that does not end like a sentence: a label introducing what follows ("Related:", "More on this"). */
function isLabel(b: Block): boolean {
  if (b.text.includes('\n') || SENTENCE_END.test(b.text)) return false;
  if (UNSPACED.test(b.text)) return b.text.length <= 15;
  return b.text.length <= 60 && b.text.split(/\s+/).length <= 8;
}

/** List items, table rows and code are content however short they are. */
const LABEL_EXEMPT = new Set(['li', 'tr', 'td', 'th', 'dt', 'dd', 'pre', 'code']);

function headingLevel(b: Block): number {
  if (HEADING_TAGS.has(b.tag)) return Number(b.tag[1]);
  if (!LABEL_EXEMPT.has(b.tag) && isLabel(b)) return 7;
  return 0;
}

/**
 * Headings and label lines whose section (up to the next heading of the same or a higher level) kept nothing:
 * they announced boilerplate that was removed or stands outside the container ("More on this topic").
 */
function orphanHeadings(blocks: Block[], keep: boolean[]): void {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const level = headingLevel(blocks[i]);
    if (!level || !keep[i]) continue;
    let kept = false;
    for (let j = i + 1; j < blocks.length && !kept; j++) {
      const l = headingLevel(blocks[j]);
      if (l && l <= level) break;
      kept = keep[j] && !l;
    }
    if (!kept) keep[i] = false;
  }
}

const NUMERIC_DATE = /\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b/;

/** A short line that only dates the article ("23.10.2018", "News date: 04/21/2022 | Category: Releases"). */
function isDateLine(b: Block): boolean {
  if (b.text.length > 100 || !NUMERIC_DATE.test(b.text)) return false;
  const rest = b.text.replace(new RegExp(NUMERIC_DATE.source, 'g'), ' ').replace(/[^\p{L}]+/gu, ' ').trim();
  return rest.split(' ').filter(Boolean).length <= 6;
}

/** Words that credit a picture, in the languages pages are most often written in. */
const CREDIT_WORD = '(?:Foto|Fotos|Photo|Photos|Bild|Bilder|Image|Images|Credit|Credits|Crédit|Crédits|Imagen|Imágenes|Zdjęcie|Fot\\.|Quelle|Source|Fuente|Grafik|Illustration|Video)';
/** "… (Foto: Getty)", "… Foto: Andina", "… © AFP / Marco Bertorello": a credit closing a short text makes it a caption. */
const CREDIT_TAIL = new RegExp(`(?:(?<!\\p{L})\\(?\\s*${CREDIT_WORD}\\s*:\\s*[^.!?:]{2,60}\\)?|©\\s*[^.!?]{2,60})$`, 'u');
const CREDIT_HEAD = new RegExp(`^(?:${CREDIT_WORD}\\s*:|©)`, 'u');

/** A picture caption or credit standing as a paragraph. */
function isCaptionLine(b: Block): boolean {
  if (b.text.length > 300) return false;
  return CREDIT_TAIL.test(b.text) || (CREDIT_HEAD.test(b.text) && b.text.length <= 120);
}

/** Social platforms: a short closing paragraph naming several of them asks readers to follow or share. */
const PLATFORM = /\b(facebook|twitter|instagram|telegram|whatsapp|youtube|tiktok|linkedin|pinterest|threads|mastodon|snapchat|xing|flipboard|google news)\b/gi;

function isFollowUs(b: Block): boolean {
  if (b.text.length > 300) return false;
  const names = new Set((b.text.match(PLATFORM) ?? []).map((m) => m.toLowerCase()));
  return names.size >= 2;
}

function normName(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A short line naming the article's author(s): "By Jane Doe", "Jane Doe, John Roe · 3 min read". */
function isBylineLine(b: Block, authors: string[]): boolean {
  if (b.text.length > 150 || /[.!?]$/.test(b.text) && b.text.length > 60) return false;
  const t = normName(b.text);
  return authors.some((a) => a.length >= 4 && t.includes(normName(a)));
}

/** How many blocks at each end of a container count as its head and foot. */
const EDGE = 5;

export function refineBlocks(blocks: Block[], ctx: RefineContext): Refined {
  const keep = blocks.map(() => true);
  const kinds: RemovedKind[] = blocks.map(() => 'boilerplate');
  const links = linkBlocks(blocks);
  // date and byline lines are page furniture at the top or the foot of a piece; inside it they may be content (a timeline, an interview)
  const textual = blocks.map((b, i) => (b.gap ? -1 : i)).filter((i) => i >= 0);
  const edge = new Set([...textual.slice(0, EDGE), ...textual.slice(-EDGE)]);
  blocks.forEach((b, i) => {
    if (b.gap) keep[i] = false;
    else if (b.caption) [keep[i], kinds[i]] = [false, 'caption'];
    else if (links.has(b)) [keep[i], kinds[i]] = [false, 'related'];
    else if (isCaptionLine(b)) [keep[i], kinds[i]] = [false, 'caption'];
    else if (edge.has(i) && (isDateLine(b) || isBylineLine(b, ctx.authors))) [keep[i], kinds[i]] = [false, 'byline'];
    else if (edge.has(i) && isFollowUs(b)) [keep[i], kinds[i]] = [false, 'share'];
  });
  const before = [...keep];
  orphanHeadings(blocks, keep);
  keep.forEach((k, i) => {
    if (before[i] && !k) kinds[i] = 'related';
  });
  const kept: Block[] = [];
  const removed: Removed[] = [];
  blocks.forEach((b, i) => {
    if (keep[i]) kept.push(b);
    else if (!b.gap) removed.push({ kind: kinds[i], text: b.text });
  });
  return { kept, removed };
}
