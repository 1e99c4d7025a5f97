// A job queue kept in PostgreSQL by pg-boss, for many `sitrep worker` processes on many machines: one
// job per piece of input (a file, a JSONL record, a URL), each fetched by one worker at a time, retried
// with back-off when it fails or its worker dies (the job expires and goes back to the queue), and
// kept with its error when the retries are spent. No document is stored twice: a document's id is the
// hash of its text and the store inserts an id once, so a job run again after a kill changes nothing.
import PgBoss from 'pg-boss';
import type { Piece } from '../ingest/read.ts';
import type { DocumentMeta } from '../model/document.ts';

export const QUEUE = 'sitrep-ingest';

/** A job: one piece of input (or a URL to fetch), with the run's metadata options. */
export interface IngestJob { piece: Piece | { kind: 'url'; url: string }; base: Partial<DocumentMeta> }

export interface QueueOptions {
  /** Tries after the first (default 3), each after a longer wait (back-off from retryDelay seconds). */
  retryLimit?: number;
  retryDelay?: number;
  /** A job not finished this long after a worker took it is given to another (default 15 min). */
  expireInSeconds?: number;
  /** How often an idle worker asks for work (default 2 s). */
  pollingIntervalSeconds?: number;
}

export async function openQueue(url: string, opts: QueueOptions = {}): Promise<PgBoss> {
  // pg-boss keeps its tables in its own schema of the same database as the store.
  // Maintenance finds the jobs of dead workers (expired) and puts them back: every minute, or as set.
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', maintenanceIntervalSeconds: Number(process.env.SITREP_QUEUE_MAINTENANCE_SECONDS) || 60 });
  boss.on('error', (e) => process.stderr.write(`sitrep: queue: ${e.message}\n`));
  await boss.start();
  await boss.createQueue(QUEUE, {
    name: QUEUE,
    retryLimit: opts.retryLimit ?? 3,
    retryDelay: opts.retryDelay ?? 5,
    retryBackoff: true,
    expireInSeconds: opts.expireInSeconds ?? 15 * 60,
    // Failed jobs are kept a week with their error (pg-boss archives, then deletes them).
    retentionDays: 7,
  }).catch((e: Error) => { if (!/exists/i.test(e.message)) throw e; });
  return boss;
}
