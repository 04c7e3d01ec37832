// The CLI's commands, in the order the usage text lists them: the one list a new command joins.
import type { Command } from './context.ts';
import { ingest } from './ingest.ts';
import { analyzeCommand } from './analyze.ts';
import { stories } from './stories.ts';
import { dossier } from './dossier.ts';
import { copies } from './copies.ts';
import { entities } from './entities.ts';
import { errors } from './errors.ts';
import { searchCli } from './search.ts';
import { exportCli } from './export.ts';
import { fetchCli } from './fetch.ts';
import { feedsCli } from './feeds.ts';
import { watchCli } from './watch.ts';
import { serve } from './serve.ts';
import { worker } from './worker.ts';
import { demo } from './demo.ts';

export const COMMANDS: Command[] = [ingest, analyzeCommand, stories, dossier, copies, entities, searchCli, exportCli, errors, fetchCli, feedsCli, watchCli, serve, worker, demo];
