import { newToken, startServer } from '../../server/index.ts';
import { DEFAULT_DB, openStore } from '../../store/index.ts';
import { parse, UsageError, type Io } from '../args.ts';
import { existingStore } from '../store-option.ts';

export const usage = `Usage: sitrep serve [options]

Serve the store over HTTP: the web app (map, timeline, incident and document pages) at /, the JSON API
at /api (described in /api/openapi.json). Read-only unless --allow-ingest.

Options:
  --db PATH|URL     SQLite file or postgres:// URL (default ${DEFAULT_DB}; env SITREP_DB); must exist
                    unless --allow-ingest (then a new file starts empty)
  --port N          port (default 8080; 0 picks a free one)
  --host HOST       address to listen on (default 127.0.0.1; 0.0.0.0 for every interface); given
                    again, a further name the server answers to (requests for other Host names get 421)
  --allow-ingest    accept articles by POST /api/documents and the app's "Add article" page; a write
                    needs the token printed at start (or --token) and, from a browser, this server's Origin
  --allow-edit      accept an analyst's corrections (the app's review buttons, POST /api/corrections),
                    each stored with its audit record; guarded by the same token and Origin check
  --token TOKEN     the write token instead of a random one (env SITREP_TOKEN; at least 16 characters)
  -h, --help        show this help`;

export function portOption(value: string | undefined, dflt: number): number {
  if (value === undefined) return dflt;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`);
  return Number(value);
}

export interface ServeSettings { port: number; hosts: string[]; allowIngest: boolean; allowEdit?: boolean; token?: string }

/** --token or SITREP_TOKEN, checked; a random one when neither is given. */
export function tokenOption(value: string | undefined): string {
  const t = value ?? process.env.SITREP_TOKEN;
  if (t === undefined || t === '') return newToken();
  if (!/^[\x21-\x7e]{16,200}$/.test(t) || /[;,"\\]/.test(t)) throw new UsageError('--token must be 16 to 200 printable characters without spaces, quotes, commas, semicolons or backslashes');
  return t;
}

/** Serve until SIGINT/SIGTERM; resolves with the exit code. */
export async function serveUntilStopped(dbPath: string, settings: ServeSettings, io: Io): Promise<number> {
  const { port, allowIngest } = settings;
  const allowEdit = !!settings.allowEdit;
  const [host = '127.0.0.1', ...names] = settings.hosts;
  const token = allowIngest || allowEdit ? settings.token ?? newToken() : undefined;
  const store = await openStore(dbPath);
  let server;
  try {
    server = await startServer(store, port, host, { allowIngest, allowEdit, token, hosts: names });
  } catch (e) {
    await store.close();
    throw new UsageError(`cannot listen on ${host}:${port}: ${(e as Error).message}`);
  }
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const allowed = [allowIngest ? 'ingest' : '', allowEdit ? 'corrections' : ''].filter(Boolean);
  // The store's own location: a PostgreSQL URL without its password.
  io.err.write(`sitrep: serving ${store.location} (${await store.count()} documents) at http://${shown}:${actual}/${allowed.length ? ` (${allowed.join(' and ')} allowed)` : ''}\n`);
  if (token) io.err.write(`sitrep: writes need the token ${token}: open http://${shown}:${actual}/?token=${encodeURIComponent(token)} in the browser, or send "Authorization: Bearer ${token}"\n`);
  await new Promise<void>((resolve) => {
    const stop = () => { server.close(() => resolve()); server.closeAllConnections(); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await store.close();
  return 0;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string', multiple: true }, 'allow-ingest': { type: 'boolean' }, 'allow-edit': { type: 'boolean' }, token: { type: 'string' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}\n\n${usage}`);
  const allowIngest = !!values['allow-ingest'];
  const allowEdit = !!values['allow-edit'];
  if (values.token !== undefined && !allowIngest && !allowEdit) throw new UsageError(`--token needs --allow-ingest or --allow-edit\n\n${usage}`);
  const port = portOption(values.port, 8080);
  // Serving read-only a file that does not exist is a typo; with --allow-ingest it may start empty.
  const location = allowIngest ? values.db ?? DEFAULT_DB : existingStore(values.db ?? DEFAULT_DB);
  return serveUntilStopped(location, { port, hosts: values.host ?? ['127.0.0.1'], allowIngest, allowEdit, token: allowIngest || allowEdit ? tokenOption(values.token) : undefined }, io);
}
