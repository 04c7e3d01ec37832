// newsprov serve: the HTTP API and web UI, until SIGINT or SIGTERM.
import { openStore } from '../service.ts';
import { UsageError, log, str, type Command } from './context.ts';

export const serve: Command = {
  name: 'serve',
  usage: `serve                 HTTP API and web UI   --port 8080 --host 127.0.0.1
                        --token T   API token required for writes (or $NEWSPROV_API_TOKEN);
                                    needed when --host is beyond loopback
                        --allow-host NAME   a further name clients use in Host (repeatable)`,
  options: { port: { type: 'string' }, host: { type: 'string' }, token: { type: 'string' }, 'allow-host': { type: 'string', multiple: true } },
  async run({ o, db }) {
    const { startServer } = await import('../server/server.ts');
    const { checkSecurityOptions } = await import('../server/security.ts');
    const port = o.port ? Number(o.port) : 8080;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number');
    const host = str(o.host) ?? '127.0.0.1';
    const token = str(o.token) ?? process.env.NEWSPROV_API_TOKEN ?? null;
    const allowHosts = ((o['allow-host'] as string[] | undefined) ?? []).flatMap((h) => h.split(',')).map((h) => h.trim()).filter(Boolean);
    try {
      checkSecurityOptions({ bindHost: host, token, allowHosts });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const store = await openStore(db);
    const srv = await startServer(store, { port, host, token, allowHosts });
    log(`newsprov serving on ${srv.url} (database: ${store.kind}); Ctrl-C stops`);
    await new Promise<void>((res) => {
      process.once('SIGINT', () => res());
      process.once('SIGTERM', () => res());
    });
    await srv.close();
    await store.close();
    return 0;
  },
};
