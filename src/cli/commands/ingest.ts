import { baseMeta, countPieces, readPieces } from '../../ingest/read.ts';
import { DEFAULT_DB, openStore } from '../../store/index.ts';
import { parse, UsageError, type Io } from '../args.ts';
import { startProgress } from '../progress.ts';
import { parseWorkers } from './options.ts';

export const usage = `Usage: sitrep ingest PATH|URL... [options]

Analyse files, directories, gzip'd files (.gz, and directories of them), JSONL batches (streamed: the
size limit applies to each record), http(s) URLs (one page or feed each) or stdin (-) and store them.
Each document is committed on its own: a failing input is reported and skipped, everything else is
kept. A text already stored (same id: the hash of its normalised text) is not analysed again.

Documents are analysed in --workers threads while this thread stores them, one transaction per
document, in input order. On a terminal a progress bar shows n/N, rate and time left (stderr).

Options:
  --db PATH|URL            SQLite file or postgres:// URL (default ${DEFAULT_DB}; env SITREP_DB)
  --published YYYY-MM-DD   publication date for every input
  --outlet NAME            outlet name for every input
  --format text|html|jsonl|feed force the input format
  --workers N              analysis threads (default: the machine's cores; 0 = in this thread)
  --quiet                  no progress bar and no line per document (errors and the total still)
  -h, --help               show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, published: { type: 'string' }, outlet: { type: 'string' }, format: { type: 'string' }, workers: { type: 'string' }, quiet: { type: 'boolean' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length === 0) throw new UsageError(`ingest needs at least one PATH\n\n${usage}`);
  if (values.format && !['text', 'html', 'jsonl', 'feed'].includes(values.format)) throw new UsageError(`--format must be text, html, jsonl or feed, got "${values.format}"\n\n${usage}`);
  const workers = parseWorkers(values.workers);
  const opts = { published: values.published, outlet: values.outlet, format: values.format as 'text' | 'html' | 'jsonl' | 'feed' | undefined };
  const base = baseMeta(opts);
  const store = await openStore(values.db ?? DEFAULT_DB);
  const { openPool } = await import('../../pool/index.ts');
  const { ingestPieces } = await import('../../pool/ingest.ts');
  const tty = (io.err as NodeJS.WriteStream).isTTY === true && !values.quiet;
  const progress = await startProgress(io, { quiet: values.quiet, total: tty ? await countPieces(positionals, opts) : undefined, unit: 'inputs' });
  let lastPiece: unknown;
  const pool = await openPool(workers);
  let counts;
  try {
    counts = await ingestPieces(readPieces(positionals, opts), base, store, pool, (o, piece) => {
      if (piece !== lastPiece) { progress.tick(); lastPiece = piece; }
      if (o.kind === 'failed') progress.log(`sitrep: ${o.origin}: ${o.error}`);
      else if (!progress.drawn && !values.quiet) progress.log(`${o.kind === 'stored' ? 'stored   ' : 'unchanged'} ${o.id}  ${o.origin}`);
    });
  } finally {
    progress.stop();
    await pool.close();
    await store.close();
  }
  io.err.write(`${counts.stored} stored, ${counts.unchanged} unchanged, ${counts.failed} failed\n`);
  return counts.failed ? 1 : 0;
}
