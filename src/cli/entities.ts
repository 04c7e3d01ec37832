// newsprov entities: the entities found, with the other forms of their names.
import { currentAnalysis } from '../service.ts';
import { out, progressFn, withStore, type Command } from './context.ts';

export const entities: Command = {
  name: 'entities',
  usage: 'entities [--json]     entities with their aliases',
  options: { json: { type: 'boolean' } },
  run: ({ o, db }) =>
    withStore(db, async (store) => {
      const an = await currentAnalysis(store, progressFn());
      if (o.json) out(JSON.stringify(an.entities.map(({ mentions, ...e }) => ({ ...e, mentionCount: mentions.length })), null, 2));
      else for (const e of an.entities) out(`${e.name} (${e.type}, ${e.articleIds.length} article(s))${e.aliases.length > 1 ? ' — ' + e.aliases.map((a) => `${a.form}×${a.count}`).join(', ') : ''}`);
      return 0;
    }),
};
