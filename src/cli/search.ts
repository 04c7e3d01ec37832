// `newsprov search "query" [--outlet …] [--from …] [--to …] [--entity …] [--story …] [--limit N] [--json]`
import type { Store } from '../store/store.ts';
import { parseSearchQuery } from '../search/query.ts';
import { InvalidQuery, type SearchResult } from '../model/search.ts';
import { InvalidExport } from '../export/run.ts';
import { ensureAnalysis } from '../service.ts';
import { UsageError, out, progressFn, withStore, type Command } from './context.ts';

export interface SearchOptions {
  outlet?: string;
  from?: string;
  to?: string;
  entity?: string;
  story?: string;
  limit?: string;
  json?: boolean;
}

/** The matched words between « and » for a terminal, which shows no highlighting. */
function withMarks(snippet: string, marks: Array<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [a, b] of marks) {
    out += `${snippet.slice(at, a)}«${snippet.slice(a, b)}»`;
    at = b;
  }
  return out + snippet.slice(at);
}

export function searchText(r: SearchResult): string {
  const L: string[] = [];
  L.push(`Articles (${r.articles.length}):`);
  if (!r.articles.length) L.push('  none');
  for (const a of r.articles) {
    L.push(`  ${a.rank.toFixed(3)}  ${a.label}${a.outlet ? ` (${a.outlet})` : ''}${a.publishedAt ? ` ${a.publishedAt.slice(0, 10)}` : ''}${a.storyId ? ` · story ${a.storyId}` : ''}`);
    L.push(`         ${a.title ?? ''}`);
    if (a.snippet) L.push(`         ${withMarks(a.snippet, a.marks)}`);
  }
  L.push('', `Facts (${r.facts.length}):`);
  if (!r.facts.length) L.push('  none');
  for (const f of r.facts) L.push(`  ${f.rank.toFixed(3)}  [${f.status}, ${f.independentSources} independent] ${f.text.slice(0, 200)} · story ${f.storyId}`);
  return L.join('\n');
}

/** Run a search; an invalid query throws InvalidQuery with the parameter at fault. */
export async function searchCommand(store: Store, words: string[], o: SearchOptions): Promise<string> {
  const query = parseSearchQuery({ q: words.join(' '), outlet: o.outlet, from: o.from, to: o.to, entity: o.entity, story: o.story, limit: o.limit });
  const result = await store.search.search(query);
  return o.json ? JSON.stringify(result, null, 2) : searchText(result);
}

/** Bad search or export parameters are usage errors (exit status 2) with their own message. */
export function asUsage(e: unknown): never {
  if (e instanceof InvalidQuery || e instanceof InvalidExport) throw new UsageError(e.message);
  throw e;
}

export const searchCli: Command = {
  name: 'search',
  usage: `search <words…>       full-text search over articles and facts (web-search syntax: "phrase", -word, or)
                        --outlet NAME  --from DATE  --to DATE  --entity NAME|ID  --story N|ID
                        --limit N (default 50)  --json`,
  options: { outlet: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, entity: { type: 'string' }, story: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  async run({ o, rest, db }) {
    if (!rest.length) throw new UsageError('search needs some words, e.g. newsprov search "bridge collapse"');
    return withStore(db, async (store) => {
      await ensureAnalysis(store, progressFn());
      out(await searchCommand(store, rest, o as SearchOptions).catch(asUsage));
      return 0;
    });
  },
};
