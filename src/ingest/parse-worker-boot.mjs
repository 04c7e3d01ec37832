// Entry of a parse worker thread. The parser is TypeScript, so the thread loads tsx first: the
// parent may have been started by bin/newsprov.mjs (tsx registered through its API, which
// worker threads do not inherit) or with `node --import tsx` (inherited; registering again is harmless).
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
