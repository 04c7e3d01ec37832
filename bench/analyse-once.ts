// One bulk analysis in a process of its own (spawned by bench/engine.ts), so its peak memory is its own:
// prints {"articles", "ms", "maxRssBytes", "timings"} as JSON.
import { Store } from '../src/store/store.ts';
import { Engine } from '../src/engine/update.ts';

const store = await Store.open({ location: process.argv[2] });
const r = await new Engine(store).update();
await store.close();
console.log(JSON.stringify({ articles: r?.articles ?? 0, ms: r?.ms ?? 0, maxRssBytes: process.resourceUsage().maxRSS * 1024, timings: r?.timings ?? {} }));
