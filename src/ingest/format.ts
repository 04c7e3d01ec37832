// Which kind of document an input is, from its first bytes.
import type { Format } from '../model/article.ts';

export function detectFormat(content: string): Format {
  const head = content.slice(0, 4000).trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<rss[\s>]/i.test(head) || /<rdf:RDF[\s>]/i.test(head)) return 'rss';
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<feed[\s>]/i.test(head)) return 'atom';
  if (/^<!doctype html/i.test(head) || /<(html|head|body|article|main)[\s>]/i.test(head) || /<p[\s>][\s\S]*<\/p>/i.test(head)) return 'html';
  return 'text';
}
