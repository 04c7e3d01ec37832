// Sentences that belong to the page rather than the report — photo captions, credit and copyright lines,
// widgets that address the reader — are never facts. Recognised by how such lines are built.
import { outsideQuotes } from '../copy/units.ts';

/** A photo caption: it ends in a parenthesised credit with a slash or a picture word, or starts with a label. */
const CAPTION_END = /\((?:[^()]*\/[^()]*|[^()]*\b(?:photo|photograph|image|picture|pictured|file|getty|credit)\b[^()]*)\)\s*\.?\s*$/i;
const LABEL_START = /^(?:photo|image|picture|caption|credit|video|watch|listen|graphic|illustration|file photo)\s*[:|]/i;
/** Credit, copyright and rights lines. */
const CREDIT_LINE =
  /^(?:copyright\b|©|\(c\)\s*\d{4}|all rights reserved|this (?:material|story|article|report|content) (?:may not|was|has been|is)\b|\(?(?:additional )?(?:reporting|writing|editing) by\b|.{0,80}\bcontributed (?:reporting )?to this (?:report|story|article)\b)/i;
/** Second-person address outside quotations: the page talking to its reader. */
const READER = /\b(?:you|your|yours)\b/i;
/** An imperative opening the sentence: "Sign up …", "Click here …", "Follow us …", "Register …". */
const IMPERATIVE = /^(?:sign|click|tap|follow|subscribe|register|download|share|read|watch|listen|get|join|tell|send|see|find|like|visit|log|support|donate)\b(?:\s+(?:up|here|us|in|more|now|our|the|this|to)\b)/i;

/** `next`: the following sentence of the paragraph; a bare photo credit there makes this one its caption. */
export function isPageText(sentence: string, next?: string): boolean {
  const t = sentence.trim();
  if (next && /^\(/.test(next.trim()) && CAPTION_END.test(next.trim()) && next.trim().length < 80) return true;
  if (CAPTION_END.test(t) || LABEL_START.test(t) || CREDIT_LINE.test(t)) return true;
  const outside = outsideQuotes(t, false).outside;
  return READER.test(outside) || IMPERATIVE.test(outside.trim());
}
