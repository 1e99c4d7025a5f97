import { createDocument } from '../../model/create.ts';
import { DEFAULT_DB, openStore } from '../../store/index.ts';
import { parse, UsageError, type Io } from '../args.ts';
import { startProgress } from '../progress.ts';
import { parseWorkers } from './options.ts';

export const usage = `Usage: sitrep reanalyse [options]

Run the current stages again over every stored document (its stored text, sections and metadata) and
replace its layers and incidents, one transaction per document: after upgrading sitrep, the store
gets the better extraction without re-fetching anything. The texts and ids do not change.
Documents are analysed in --workers threads while this thread writes them back, in stored order.

Options:
  --db PATH|URL   SQLite file or postgres:// URL (default ${DEFAULT_DB}; env SITREP_DB)
  --workers N     analysis threads (default: the machine's cores; 0 = in this thread)
  --quiet         no progress bar
  -h, --help      show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, workers: { type: 'string' }, quiet: { type: 'boolean' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}\n\n${usage}`);
  const workers = parseWorkers(values.workers);
  const store = await openStore(values.db ?? DEFAULT_DB);
  const { openPool, inOrder } = await import('../../pool/index.ts');
  let done = 0, failed = 0;
  let pool;
  try {
    const before = (await store.incidentFacets()).total;
    // Ids first: writing while a cursor over the same table is open is not allowed in SQLite.
    const ids: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await store.listDocuments({ limit: 500, offset });
      ids.push(...page.map((d) => d.id));
      if (page.length < 500) break;
    }
    pool = await openPool(workers);
    const progress = await startProgress(io, { quiet: values.quiet, total: ids.length, unit: 'documents' });
    type Result = { ok: true; doc: import('../../model/document.ts').Document } | { ok: false; origin: string; error: string } | undefined;
    const analyse = async (id: string): Promise<Result> => {
      const stored = await store.getDocument(id);
      if (!stored) return undefined;
      try {
        const fresh = await pool!.analyse(createDocument(stored.text, stored.meta, stored.sections));
        if (fresh.id !== stored.id) throw new Error('the stored text no longer hashes to its id');
        return { ok: true, doc: fresh };
      } catch (e) {
        return { ok: false, origin: stored.meta.origin, error: (e as Error).message };
      }
    };
    await inOrder(ids, Math.max(4, pool.workers * 4), analyse, async (r, id) => {
      progress.tick();
      if (!r) return;
      try {
        if (!r.ok) throw new Error(r.error);
        await store.replaceLayers(r.doc);
        done++;
      } catch (e) {
        progress.log(`sitrep: ${id} (${r.ok ? r.doc.meta.origin : r.origin}): not reanalysed: ${(e as Error).message}`);
        failed++;
      }
    });
    progress.stop();
    io.err.write(`${done} reanalysed, ${failed} failed; incidents ${before} -> ${(await store.incidentFacets()).total}\n`);
  } finally {
    await pool?.close();
    await store.close();
  }
  return failed ? 1 : 0;
}
