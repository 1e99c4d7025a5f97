import { DEFAULT_DB, isPostgresUrl, openStore } from '../../store/index.ts';
import { baseMeta } from '../../ingest/read.ts';
import { parse, UsageError, type Io } from '../args.ts';
import { parseWorkers } from './options.ts';

export const usage = `Usage: sitrep watch FEED_OR_URL_LIST [options]

Poll RSS/Atom feeds and pages and store what is new. FEED_OR_URL_LIST is one URL or a file of URLs, one
per line (# comments). Each poll asks every source with the ETag / Last-Modified its last answer gave
(an unchanged feed costs a 304 and no item bodies); a changed feed's items whose link is stored are
skipped, the others' pages fetched (the feed's own content when a page cannot be had) and ingested; a
text already stored is not analysed again. Requests send a User-Agent naming sitrep, time out, follow
at most 5 redirects and stop reading past --max-mb.

Options:
  --every DURATION   poll again after this long: 30s, 15m, 2h (default 15m)
  --once             poll once and exit
  --db PATH|URL      SQLite file or postgres:// URL (default ${DEFAULT_DB}; env SITREP_DB)
  --state FILE       where the sources' validators are kept (default: the database's path + .watch.json)
  --timeout DURATION a request's whole time (default 30s); silences over half of it end it too
  --max-mb N         largest body read, in MB (default 50)
  --published YYYY-MM-DD, --outlet NAME   as for ingest
  --workers N        analysis threads (default: the machine's cores; 0 = in this thread)
  --quiet            only errors and each poll's total
  -h, --help         show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    every: { type: 'string' }, once: { type: 'boolean' }, db: { type: 'string' }, state: { type: 'string' }, timeout: { type: 'string' },
    'max-mb': { type: 'string' }, published: { type: 'string' }, outlet: { type: 'string' }, workers: { type: 'string' }, quiet: { type: 'boolean' },
  }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length !== 1) throw new UsageError(`watch needs one FEED_OR_URL_LIST (a URL or a file of URLs)\n\n${usage}`);
  const { loadState, saveState, readSourceList, pollSources, parseDuration } = await import('../../ingest/watch.ts');
  const every = parseDuration(values.every ?? '15m');
  if (!every || every < 1000) throw new UsageError(`--every must be a duration of a second or more, such as 30s, 15m or 2h; got "${values.every}"`);
  const timeoutMs = parseDuration(values.timeout ?? '30s');
  if (!timeoutMs) throw new UsageError(`--timeout must be a duration such as 10s; got "${values.timeout}"`);
  const maxMb = Number(values['max-mb'] ?? 50);
  if (!(maxMb > 0)) throw new UsageError(`--max-mb must be a positive number; got "${values['max-mb']}"`);
  const workers = parseWorkers(values.workers);
  let sources: string[];
  try {
    sources = readSourceList(positionals[0]);
  } catch (e) {
    throw new UsageError(`${positionals[0]}: not a URL, and cannot be read as a list of URLs (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const bad = sources.find((s) => !/^https?:\/\//i.test(s));
  if (bad) throw new UsageError(`${positionals[0]}: "${bad}" is not an http(s) URL`);
  if (!sources.length) throw new UsageError(`${positionals[0]}: no URLs in the list`);
  const location = values.db ?? DEFAULT_DB;
  const statePath = values.state ?? (isPostgresUrl(location) ? 'sitrep.watch.json' : `${location}.watch.json`);
  const base = baseMeta({ published: values.published, outlet: values.outlet });
  const fetchOpts = { timeoutMs, idleMs: Math.max(1000, timeoutMs / 2), maxBytes: Math.round(maxMb * 1024 * 1024) };
  const store = await openStore(location);
  const { openPool } = await import('../../pool/index.ts');
  const { ingestPieces } = await import('../../pool/ingest.ts');
  const pool = await openPool(workers);
  let stopping = false;
  let wake: (() => void) | undefined;
  const stop = () => { stopping = true; wake?.(); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let failedAny = false;
  try {
    for (;;) {
      const state = loadState(statePath);
      let failedSources = 0;
      const counts = await ingestPieces(pollSources(sources, state, store, fetchOpts, (r) => {
        if (r.status === 'failed') { failedSources++; io.err.write(`sitrep: ${r.source}: ${r.message}\n`); }
        else if (!values.quiet) io.err.write(`${r.status === 'unchanged' ? 'unchanged (304)' : `fetched: ${r.items} items, ${r.known} already stored`}  ${r.source}\n`);
      }), base, store, pool, (o) => {
        if (o.kind === 'failed') io.err.write(`sitrep: ${o.origin}: ${o.error}\n`);
        else if (!values.quiet) io.err.write(`${o.kind === 'stored' ? 'stored   ' : 'unchanged'} ${o.id}  ${o.origin}\n`);
      });
      saveState(statePath, state);
      io.err.write(`${new Date().toISOString()} poll: ${counts.stored} stored, ${counts.unchanged} unchanged, ${counts.failed} failed; ${failedSources} of ${sources.length} sources failed\n`);
      failedAny ||= counts.failed > 0 || failedSources > 0;
      if (values.once || stopping) break;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => { wake = resolve; timer = setTimeout(resolve, every); });
      clearTimeout(timer);
      if (stopping) break;
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await pool.close();
    await store.close();
  }
  return values.once && failedAny ? 1 : 0;
}
