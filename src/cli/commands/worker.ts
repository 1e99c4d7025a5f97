import { DEFAULT_DB, isPostgresUrl, openStore } from '../../store/index.ts';
import type { Piece } from '../../ingest/read.ts';
import { parse, UsageError, type Io } from '../args.ts';
import { parseWorkers } from './options.ts';

export const usage = `Usage: sitrep worker --db postgres://... [options]

Take jobs from the PostgreSQL job queue (filled by \`sitrep enqueue\`), analyse them and store the
documents, until stopped (SIGINT/SIGTERM: the jobs in hand are finished first). Run any number of
workers on any number of machines against one database: each job goes to one worker at a time; a job
that fails is retried with back-off, and one whose worker died goes back to the queue when its time
runs out. A text already stored is not analysed again, and no document is stored twice.

Options:
  --db URL        postgres:// URL of the store (env SITREP_DB)
  --workers N     analysis threads, and jobs in hand at once (default: the machine's cores)
  --poll SECONDS  how often an idle worker asks for jobs (default 2)
  --quiet         only errors
  -h, --help      show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, workers: { type: 'string' }, poll: { type: 'string' }, quiet: { type: 'boolean' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}\n\n${usage}`);
  const location = values.db ?? DEFAULT_DB;
  if (!isPostgresUrl(location)) throw new UsageError(`the queue needs a PostgreSQL store: --db postgres://user:pass@host/db (got "${location}")`);
  const poll = values.poll === undefined ? 2 : Number(values.poll);
  if (!(poll >= 0.5)) throw new UsageError('--poll must be a number of seconds, 0.5 or more');
  const workers = parseWorkers(values.workers);
  const { openQueue, QUEUE } = await import('../../queue/index.ts');
  const { openPool } = await import('../../pool/index.ts');
  const { ingestPieces } = await import('../../pool/ingest.ts');
  const { readPieces } = await import('../../ingest/read.ts');
  type Job = import('../../queue/index.ts').IngestJob;
  const store = await openStore(location);
  const pool = await openPool(workers);
  const boss = await openQueue(location, { pollingIntervalSeconds: poll });
  const handle = async (job: { id: string; data: Job }) => {
    const { piece, base } = job.data;
    const pieces: AsyncIterable<Piece> = piece.kind === 'url' ? readPieces([piece.url]) : (async function* () { yield piece; })();
    const errors: string[] = [];
    await ingestPieces(pieces, base, store, pool, (o) => {
      if (o.kind === 'failed') { errors.push(`${o.origin}: ${o.error}`); io.err.write(`sitrep: job ${job.id}: ${o.origin}: ${o.error}\n`); }
      else if (!values.quiet) io.err.write(`${o.kind === 'stored' ? 'stored   ' : 'unchanged'} ${o.id}  ${o.origin}  (job ${job.id})\n`);
    });
    // The job fails with its errors: pg-boss retries it with back-off, then keeps it failed with them.
    if (errors.length) throw new Error(errors.join('; '));
  };
  const concurrency = Math.max(1, pool.workers);
  for (let i = 0; i < concurrency; i++) {
    await boss.work<Job>(QUEUE, { batchSize: 1, pollingIntervalSeconds: poll }, async ([job]) => handle(job));
  }
  if (!values.quiet) io.err.write(`sitrep worker: taking jobs from ${store.location} (${concurrency} at a time)\n`);
  await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
  try {
    await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
  } finally {
    await pool.close();
    await store.close();
  }
  return 0;
}
