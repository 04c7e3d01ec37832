import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { Article } from '../model/article.ts';
import type { ParsedArticle } from '../model/article.ts';
import { foldTypography } from '../nlp/text.ts';

/** Hash of the cleaned text, insensitive to whitespace and typography: the same article ingested twice is stored once. */
export function contentHash(text: string): string {
  const norm = foldTypography(text).toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(norm).digest('hex');
}

export function labelFor(origin: string, title: string | null): string {
  const [file, item] = origin.split('#');
  const stem = basename(file, extname(file)) || 'article';
  if (!item) return stem;
  const slug = (title ?? item).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40);
  return `${stem}/${slug || item}`;
}

export function toArticle(p: ParsedArticle, now = new Date()): Article {
  const hash = contentHash(p.text);
  return {
    id: 'a' + hash.slice(0, 12),
    label: labelFor(p.origin, p.title),
    origin: p.origin,
    format: p.format,
    url: p.url,
    outlet: p.outlet,
    title: p.title,
    author: p.author,
    publishedAt: p.publishedAt,
    lang: p.lang,
    text: p.text,
    removed: p.removed,
    raw: p.raw,
    contentHash: hash,
    ingestedAt: now.toISOString(),
  };
}
