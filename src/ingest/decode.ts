// Bytes to text, the same way for every entry point (files, stdin, HTTP bodies).
// PROVISIONAL: this is the interface; the charset detection behind it is being rewritten.
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

/** Decode one input; throws InputError (naming `origin` and the reason) for binary or undecodable bytes. */
export function decodeBytes(bytes: Uint8Array, origin: string, opts: DecodeOptions = {}): Decoded {
  void opts;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.includes(0)) throw new InputError(`${origin}: looks like a binary file (NUL bytes); expected text, HTML, RSS or Atom`);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), charset: 'utf-8', warnings: [] };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(buf), charset: 'windows-1252', warnings: ['not valid UTF-8; read as Windows-1252'] };
  }
}
