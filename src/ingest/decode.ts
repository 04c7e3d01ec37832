// Bytes to text, the same way for every entry point (files, stdin, HTTP bodies), in the order
// browsers use: byte-order mark, then the HTTP charset, then what the document declares in its
// first bytes, then the bytes themselves (valid UTF-8, else a statistical guess).
import chardet from 'chardet';
import { InputError } from '../model/article.ts';

export interface Decoded {
  text: string;
  /** the charset the bytes were decoded with (WHATWG label, e.g. "utf-8", "windows-1251") */
  charset: string;
  warnings: string[];
}

export interface DecodeOptions {
  /** a Content-Type header value, when the bytes came over HTTP */
  contentType?: string | null;
}

/** Declarations are looked for in this many leading bytes (browsers look at 1024; XML feeds may carry long comments). */
const PRESCAN_BYTES = 4096;
/** Statistical detection looks at this much; more costs time without changing the verdict. */
const DETECT_SAMPLE = 64 * 1024;
/** Above this share of control or replacement characters the input is not text … */
const MAX_JUNK_SHARE = 0.02;
/** … unless there are fewer than this many (a short text with one odd character is still text). */
const MIN_JUNK_CHARS = 4;
/** Pages saved by broken server code can carry a few NUL bytes in otherwise good text; more than this is binary. */
const MAX_STRAY_NUL_SHARE = 0.001;

const BINARY_HINT = 'expected text, HTML, RSS or Atom';

interface Utf8Stats {
  /** well-formed sequences of two to four bytes */
  multiByte: number;
  /** bytes that start no well-formed sequence */
  invalid: number;
}

/** One linear pass over the bytes: how much of it is well-formed multi-byte UTF-8 and how much is not. */
export function utf8Stats(b: Uint8Array): Utf8Stats {
  let multiByte = 0;
  let invalid = 0;
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= b.length;
    for (let k = 1; ok && k < len; k++) ok = (b[i + k] & 0xc0) === 0x80;
    // overlong three/four-byte forms, UTF-16 surrogates and code points above U+10FFFF
    if (ok && len === 3) ok = !(c === 0xe0 && b[i + 1] < 0xa0) && !(c === 0xed && b[i + 1] >= 0xa0);
    if (ok && len === 4) ok = !(c === 0xf0 && b[i + 1] < 0x90) && !(c === 0xf4 && b[i + 1] >= 0x90);
    if (ok) {
      multiByte++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { multiByte, invalid };
}

/** The WHATWG name for a charset label, or null when TextDecoder does not know or cannot decode it. */
export function canonicalCharset(label: string): string | null {
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return null;
  }
}

function charsetOfContentType(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1] : null;
}

/** The charset a document declares in its first bytes: XML declaration or <meta charset> / http-equiv. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"'\s]+)["']/i.exec(head);
  if (xml) return xml[1];
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i.exec(head);
  return meta ? meta[1] : null;
}

function countZeros(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if (b[i] === 0) n++;
  return n;
}

function bomCharset(b: Uint8Array): { charset: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a byte-order mark: text in Latin script has a zero byte in every other position.
 * Returns the byte order, or null when the zero bytes do not line up (then they mean binary data).
 */
function utf16Without(b: Uint8Array): string | null {
  const n = Math.min(b.length, DETECT_SAMPLE) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) (i & 1 ? odd++ : even++);
  const zeros = even + odd;
  if (n < 4 || zeros < n / 8) return null;
  if (odd >= zeros * 0.95) return 'utf-16le';
  if (even >= zeros * 0.95) return 'utf-16be';
  return null;
}

function guessCharset(b: Uint8Array): { charset: string; confidence: number } | null {
  const sample = b.length > DETECT_SAMPLE ? b.subarray(0, DETECT_SAMPLE) : b;
  for (const m of chardet.analyse(sample)) {
    const charset = canonicalCharset(m.name);
    if (charset && !charset.startsWith('utf-16')) return { charset, confidence: m.confidence };
  }
  return null;
}

function decodeAs(bytes: Uint8Array, charset: string): string {
  // ignoreBOM keeps TextDecoder from eating a mark we already decided about
  return new TextDecoder(charset, { ignoreBOM: true }).decode(bytes);
}

/** Share of characters that no text contains: C0/C1 controls other than whitespace, and U+FFFD. */
function junkCount(text: string): { junk: number; nul: boolean } {
  let junk = 0;
  let nul = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) nul = true;
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) junk++;
  }
  return { junk, nul };
}

function assertText(d: Decoded, origin: string): Decoded {
  const { junk, nul } = junkCount(d.text);
  if (nul) throw new InputError(`${origin}: looks like a binary file (NUL bytes); ${BINARY_HINT}`);
  const share = junk / d.text.length;
  if (share > MAX_JUNK_SHARE && junk >= MIN_JUNK_CHARS) {
    throw new InputError(`${origin}: looks like a binary file (${(share * 100).toFixed(0)}% control or undecodable characters as ${d.charset}); ${BINARY_HINT}`);
  }
  return d;
}

/**
 * UTF-8 with a few bad bytes among more good multi-byte sequences is UTF-8 damaged in transit, not
 * a legacy charset: text in those has next to no byte pairs that happen to be well-formed UTF-8.
 */
function mostlyUtf8(s: Utf8Stats): boolean {
  return s.invalid > 0 && s.multiByte >= 2 * s.invalid;
}

function decodeUtf8(bytes: Uint8Array, s: Utf8Stats, why: string[]): Decoded {
  const warnings = [...why];
  if (s.invalid) warnings.push(`${s.invalid} byte(s) that are not valid UTF-8 replaced by U+FFFD`);
  return { text: decodeAs(bytes, 'utf-8'), charset: 'utf-8', warnings };
}

/** Decode one input; throws InputError (naming `origin` and the reason) for binary or undecodable bytes. */
export function decodeBytes(bytes: Uint8Array, origin: string, opts: DecodeOptions = {}): Decoded {
  const bom = bomCharset(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    if (bom.charset === 'utf-8') return assertText(decodeUtf8(body, utf8Stats(body), []), origin);
    return assertText({ text: decodeAs(body, bom.charset), charset: bom.charset, warnings: [] }, origin);
  }
  const fromHeader = charsetOfContentType(opts.contentType);
  const headerCharset = fromHeader ? canonicalCharset(fromHeader) : null;
  if (headerCharset?.startsWith('utf-16')) {
    return assertText({ text: decodeAs(bytes, headerCharset), charset: headerCharset, warnings: [] }, origin);
  }
  const warnings: string[] = [];
  if (bytes.includes(0)) {
    const utf16 = utf16Without(bytes);
    if (utf16) return assertText({ text: decodeAs(bytes, utf16), charset: utf16, warnings: [`no byte-order mark; read as ${utf16.toUpperCase()}`] }, origin);
    const nuls = countZeros(bytes);
    if (nuls > bytes.length * MAX_STRAY_NUL_SHARE) throw new InputError(`${origin}: looks like a binary file (NUL bytes); ${BINARY_HINT}`);
    bytes = bytes.filter((b) => b !== 0);
    warnings.push(`${nuls} stray NUL byte(s) removed`);
  }
  if (fromHeader && !headerCharset) warnings.push(`unknown charset "${fromHeader}" in Content-Type ignored`);
  const inDocument = headerCharset ? null : declaredCharset(bytes);
  let declared = headerCharset ?? (inDocument ? canonicalCharset(inDocument) : null);
  if (inDocument && !declared) warnings.push(`unknown charset "${inDocument}" declared in the document ignored`);
  // a document cannot be UTF-16 and still say so in ASCII (as browsers do, read it as UTF-8)
  if (declared?.startsWith('utf-16')) declared = 'utf-8';

  const stats = utf8Stats(bytes);
  if (declared && declared !== 'utf-8') {
    if (stats.multiByte > 0 && stats.invalid === 0) {
      return assertText(decodeUtf8(bytes, stats, [...warnings, `declared charset ${declared}, but the bytes are valid UTF-8; read as UTF-8`]), origin);
    }
    return assertText({ text: decodeAs(bytes, declared), charset: declared, warnings }, origin);
  }
  if (stats.invalid === 0 || mostlyUtf8(stats)) return assertText(decodeUtf8(bytes, stats, warnings), origin);

  const guess = guessCharset(bytes);
  if (!guess) throw new InputError(`${origin}: cannot tell the character encoding (not UTF-8, no charset declared); ${BINARY_HINT}`);
  const note = declared ? `declared UTF-8, but the bytes are not UTF-8` : 'no charset declared and not UTF-8';
  warnings.push(`${note}; detected ${guess.charset} (confidence ${guess.confidence}%)`);
  return assertText({ text: decodeAs(bytes, guess.charset), charset: guess.charset, warnings }, origin);
}
