import { baseMeta, isUrl, readPieces } from '../../ingest/read.ts';
import { DEFAULT_DB, isPostgresUrl } from '../../store/index.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep enqueue PATH|URL... --db postgres://... [options]

Put inputs on the PostgreSQL job queue for \`sitrep worker\` processes (on any number of machines) to
analyse and store: one job per file, JSONL record or URL (URLs are fetched by the worker). A job is
retried with back-off when it fails or its worker dies, and kept with its error when the retries run
out. Inputs that cannot be read here are reported and not queued.

Options:
  --db URL                 postgres:// URL of the store (env SITREP_DB); the queue lives in its database
  --published YYYY-MM-DD   publication date for every input
  --outlet NAME            outlet name for every input
  --format text|html|jsonl|feed force the input format
  --retries N              tries after the first (default 3)
  --expire DURATION        a job a worker has not finished by then (it died) goes to another: 30s, 15m (default 15m)
  -h, --help               show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, published: { type: 'string' }, outlet: { type: 'string' }, format: { type: 'string' }, retries: { type: 'string' }, expire: { type: 'string' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (!positionals.length) throw new UsageError(`enqueue needs at least one PATH or URL\n\n${usage}`);
  const location = values.db ?? DEFAULT_DB;
  if (!isPostgresUrl(location)) throw new UsageError(`the queue needs a PostgreSQL store: --db postgres://user:pass@host/db (got "${location}")`);
  if (values.format && !['text', 'html', 'jsonl', 'feed'].includes(values.format)) throw new UsageError(`--format must be text, html, jsonl or feed, got "${values.format}"`);
  const retries = values.retries === undefined ? 3 : Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0) throw new UsageError('--retries must be a whole number, 0 or more');
  const { parseDuration } = await import('../../ingest/watch.ts');
  const expireMs = parseDuration(values.expire ?? '15m');
  if (!expireMs || expireMs < 1000) throw new UsageError(`--expire must be a duration of a second or more, such as 30s or 15m; got "${values.expire}"`);
  const expireInSeconds = Math.round(expireMs / 1000);
  const opts = { published: values.published, outlet: values.outlet, format: values.format as 'text' | 'html' | 'jsonl' | 'feed' | undefined };
  const base = baseMeta(opts);
  const { openQueue, QUEUE } = await import('../../queue/index.ts');
  const boss = await openQueue(location, { retryLimit: retries });
  let queued = 0, failed = 0;
  try {
    const urls = positionals.filter(isUrl);
    for (const url of urls) { await boss.send(QUEUE, { piece: { kind: 'url', url }, base }, { retryLimit: retries, retryDelay: 5, retryBackoff: true, expireInSeconds }); queued++; }
    let batch: object[] = [];
    const flush = async () => { if (batch.length) await boss.insert(batch.map((data) => ({ name: QUEUE, data, retryLimit: retries, retryDelay: 5, retryBackoff: true, expireInSeconds }))); batch = []; };
    for await (const piece of readPieces(positionals.filter((p) => !isUrl(p)), opts)) {
      if (piece.kind === 'error') { io.err.write(`sitrep: ${piece.origin}: ${piece.error}\n`); failed++; continue; }
      batch.push({ piece, base });
      queued++;
      if (batch.length >= 200) await flush();
    }
    await flush();
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  io.err.write(`${queued} jobs queued, ${failed} inputs not read\n`);
  return failed ? 1 : 0;
}
