// Quotations in a sentence and who said them.

/** The longest quoted span of four or more words, if any. */
export function extractQuote(text: string): string | null {
  let best: string | null = null;
  for (const m of text.matchAll(/[“"«]([^”"»]{15,})[”"»]/g)) {
    const q = m[1].trim().replace(/[,.]$/, '');
    if (q.split(/\s+/).length >= 4 && (!best || q.length > best.length)) best = q;
  }
  // a quote running to the end of a paragraph without its closing mark
  if (!best) {
    const open = /^[“"«]([^”"»]{15,})$/.exec(text.trim());
    if (open && open[1].split(/\s+/).length >= 4) best = open[1].trim();
  }
  return best;
}

const SAY = '(?:said|says|told|stated|added|noted|warned|argued|wrote|remarked|insisted|explained|claimed|declared|stressed|according to)';

/** Who is quoted: a person named next to a verb of saying, the only person named beside a verb of saying, or — for "he said" — the last person named just before. Names inside the quotation do not count. */
export interface Speaker {
  name: string;
  surface: string;
  /** an untyped name: only taken when the text ties it to a verb of saying */
  weak?: boolean;
}

export function findSpeaker(text: string, persons: Speaker[], previous: Speaker[]): string | null {
  const outside = text.replace(/[“"«][^”"»]*[”"»]/g, ' … ').replace(/^[“"«][^”"»]*$/, ' … ');
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const present = persons.filter((p) => outside.includes(p.surface));
  const saysSomething = new RegExp(`(?<![\\w-])${SAY}\\b`, 'i').test(outside);
  for (const p of present) {
    const sf = esc(p.surface);
    // “…,” Boris Bondarev, a Russian diplomat …, told reporters.
    if (saysSomething && new RegExp(`…\\s*,?\\s*${sf}\\b`, 'u').test(outside)) return p.name;
    if (new RegExp(`${sf}(?:[’']s)?\\s*,?\\s+${SAY}\\b|\\b${SAY}\\s+(?:[\\p{L}.,-]+\\s+){0,6}?${sf}\\b`, 'u').test(outside)) return p.name;
  }
  const saying = new RegExp(`(?<![\\w-])${SAY}\\b|(?<![\\w-])(?:called|described|referred)\\b`, 'i').test(outside);
  const unique = [...new Set(present.filter((p) => !p.weak).map((p) => p.name))];
  if (unique.length === 1 && saying) return unique[0];
  if (!present.some((p) => !p.weak) && new RegExp(`\\b(?:he|she)\\s+${SAY}\\b|\\b${SAY}\\s+(?:he|she)\\b`, 'i').test(outside) && previous.length) return previous[previous.length - 1].name;
  return null;
}
