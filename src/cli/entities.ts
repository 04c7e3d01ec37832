// newsprov entities: the entities found, with the other forms of their names (read without their mentions).
import { out, withAnalysedStore, type Command } from './context.ts';

export const entities: Command = {
  name: 'entities',
  usage: 'entities [--json]     entities with their aliases',
  options: { json: { type: 'boolean' } },
  run: ({ o, db }) =>
    withAnalysedStore(db, async (store) => {
      const all = await store.reads.entities();
      if (o.json) out(JSON.stringify(all, null, 2));
      else for (const e of all) out(`${e.name} (${e.type}, ${e.articleIds.length} article(s))${e.aliases.length > 1 ? ' — ' + e.aliases.map((a) => `${a.form}×${a.count}`).join(', ') : ''}`);
      return 0;
    }),
};
