// What every route file is given: the store for articles and rejects, the analysis view for findings.
import type { Store } from '../../store/store.ts';
import type { ServerAnalysis } from '../analysis.ts';

export interface RouteDeps {
  store: Store;
  analysis: ServerAnalysis;
}
