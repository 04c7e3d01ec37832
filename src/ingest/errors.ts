// Rejections that carry what should be kept of the rejected input. Kept apart from the parsers so
// the main thread can use them without loading any parser.
import { InputError } from '../model/article.ts';

/** A feed item that could not become an article; keeps the item's own XML so it can be stored. */
export class ItemError extends InputError {
  constructor(
    message: string,
    readonly raw: string | null,
  ) {
    super(message);
  }
}

/**
 * A document the parse pool could not turn into articles: bad input, over the budget, or a crashed
 * parser. Carries the decoded text when decoding got that far, so the input can be kept as text.
 */
export class ParseRejection extends InputError {
  constructor(
    message: string,
    readonly text: string | null = null,
    readonly warnings: string[] = [],
  ) {
    super(message);
  }
}
