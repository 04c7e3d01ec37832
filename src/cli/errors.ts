// newsprov errors: rejected inputs, each kept with its raw content.
import { out, withStore, type Command } from './context.ts';

export const errors: Command = {
  name: 'errors',
  usage: 'errors                rejected inputs (kept with their raw content)',
  options: { json: { type: 'boolean' } },
  run: ({ o, db }) =>
    withStore(db, async (store) => {
      const errs = await store.listErrors();
      if (o.json) out(JSON.stringify(errs, null, 2));
      else if (!errs.length) out('No rejected inputs.');
      else for (const e of errs) out(`${e.createdAt.slice(0, 19)}  ${e.reason}${e.hasRaw ? '' : ' (content could not be read)'}`);
      return 0;
    }),
};
