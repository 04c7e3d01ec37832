// newsprov entities: the entities found, with the other forms of their names.
import { out, withAnalysis, type Command } from './context.ts';

export const entities: Command = {
  name: 'entities',
  usage: 'entities [--json]     entities with their aliases',
  options: { json: { type: 'boolean' } },
  run: ({ o, db }) =>
    withAnalysis(db, (an) => {
      if (o.json) out(JSON.stringify(an.entities.map(({ mentions, ...e }) => ({ ...e, mentionCount: mentions.length })), null, 2));
      else for (const e of an.entities) out(`${e.name} (${e.type}, ${e.articleIds.length} article(s))${e.aliases.length > 1 ? ' — ' + e.aliases.map((a) => `${a.form}×${a.count}`).join(', ') : ''}`);
      return 0;
    }),
};
