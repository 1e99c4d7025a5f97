import { startServer } from '../../server/index.ts';
import { DEFAULT_DB, openStore } from '../../store/index.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep serve [options]

Serve the store over HTTP: the web app (map, timeline, incident and document pages) at /, the JSON API
at /api (described in /api/openapi.json). Read-only unless --allow-ingest.

Options:
  --db PATH|URL     SQLite file or postgres:// URL (default ${DEFAULT_DB}; env SITREP_DB)
  --port N          port (default 8080; 0 picks a free one)
  --host HOST       address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --allow-ingest    accept articles by POST /api/documents and the app's "Add article" page
  -h, --help        show this help`;

export function portOption(value: string | undefined, dflt: number): number {
  if (value === undefined) return dflt;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`);
  return Number(value);
}

/** Serve until SIGINT/SIGTERM; resolves with the exit code. */
export async function serveUntilStopped(dbPath: string, port: number, host: string, allowIngest: boolean, io: Io): Promise<number> {
  const store = await openStore(dbPath);
  let server;
  try {
    server = await startServer(store, port, host, { allowIngest });
  } catch (e) {
    await store.close();
    throw new UsageError(`cannot listen on ${host}:${port}: ${(e as Error).message}`);
  }
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  io.err.write(`sitrep: serving ${dbPath} (${await store.count()} documents) at http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}/${allowIngest ? ' (ingest allowed)' : ''}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => { server.close(() => resolve()); server.closeAllConnections(); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await store.close();
  return 0;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'allow-ingest': { type: 'boolean' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}\n\n${usage}`);
  return serveUntilStopped(values.db ?? DEFAULT_DB, portOption(values.port, 8080), values.host ?? '127.0.0.1', !!values['allow-ingest'], io);
}
