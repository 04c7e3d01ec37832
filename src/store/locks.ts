// PostgreSQL advisory-lock keys, one list so two uses can never share a key by accident.
export const LOCK = {
  /** creating or upgrading the schema on open */
  schema: 7310421,
  /** article inserts (one document is never stored twice by concurrent ingest workers) */
  articleInsert: 7310422,
  /** giving stories and entities their persistent ids while an analysis is saved */
  identity: 7310423,
  /** running the analysis: one worker at a time */
  analysis: 7310424,
} as const;
