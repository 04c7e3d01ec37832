// Worker-thread entry: loads the TypeScript sources through tsx (hooks registered in the main
// thread are not inherited by workers), then runs the analysis worker.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-worker.ts');
