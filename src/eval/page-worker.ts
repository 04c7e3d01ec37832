// Worker thread of the page pool: parses the pages it is sent, one message each.
import { parentPort } from 'node:worker_threads';
import { parsePage, type PageTask } from './page.ts';

parentPort!.on('message', (task: PageTask) => parentPort!.postMessage(parsePage(task)));
