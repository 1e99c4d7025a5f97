import { readInputs } from '../../ingest/index.ts';
import { analyseBounded as analyse } from '../../ingest/bounded.ts';
import { DEFAULT_DB, openStore } from '../../store/index.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep ingest PATH... [options]

Analyse files, directories, JSONL batches or stdin (-) and store them. Each document is committed on
its own: a failing input is reported and skipped, everything else is kept. Re-ingesting the same text
changes nothing.

Options:
  --db PATH|URL            SQLite file or postgres:// URL (default ${DEFAULT_DB}; env SITREP_DB)
  --published YYYY-MM-DD   publication date for every input
  --outlet NAME            outlet name for every input
  --format text|html|jsonl|feed force the input format
  -h, --help               show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, published: { type: 'string' }, outlet: { type: 'string' }, format: { type: 'string' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length === 0) throw new UsageError(`ingest needs at least one PATH\n\n${usage}`);
  if (values.format && !['text', 'html', 'jsonl', 'feed'].includes(values.format)) throw new UsageError(`--format must be text, html, jsonl or feed, got "${values.format}"\n\n${usage}`);
  const store = await openStore(values.db ?? DEFAULT_DB);
  let stored = 0, unchanged = 0, failed = 0;
  try {
    for await (const r of readInputs(positionals, { published: values.published, outlet: values.outlet, format: values.format as 'text' | 'html' | 'jsonl' | 'feed' | undefined })) {
      if (!r.ok) { io.err.write(`sitrep: ${r.origin}: ${r.error}\n`); failed++; continue; }
      try {
        const { id, inserted } = await store.putDocument(analyse(r.doc));
        io.err.write(`${inserted ? 'stored   ' : 'unchanged'} ${id}  ${r.doc.meta.origin}\n`);
        if (inserted) stored++; else unchanged++;
      } catch (e) {
        io.err.write(`sitrep: ${r.doc.meta.origin}: not stored: ${(e as Error).message}\n`);
        failed++;
      }
    }
  } finally {
    await store.close();
  }
  io.err.write(`${stored} stored, ${unchanged} unchanged, ${failed} failed\n`);
  return failed ? 1 : 0;
}
