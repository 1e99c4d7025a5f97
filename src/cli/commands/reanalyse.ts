import { createDocument } from '../../model/create.ts';
import { analyseBounded as analyse } from '../../ingest/bounded.ts';
import { DEFAULT_DB, openStore } from '../../store/index.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep reanalyse [options]

Run the current stages again over every stored document (its stored text, sections and metadata) and
replace its layers and incidents, one transaction per document: after upgrading sitrep, the store
gets the better extraction without re-fetching anything. The texts and ids do not change.

Options:
  --db PATH|URL   SQLite file or postgres:// URL (default ${DEFAULT_DB}; env SITREP_DB)
  -h, --help      show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}\n\n${usage}`);
  const store = await openStore(values.db ?? DEFAULT_DB);
  let done = 0, failed = 0;
  try {
    const before = (await store.incidentFacets()).total;
    // Ids first: writing while a cursor over the same table is open is not allowed in SQLite.
    const ids: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await store.listDocuments({ limit: 500, offset });
      ids.push(...page.map((d) => d.id));
      if (page.length < 500) break;
    }
    for (const id of ids) {
      const stored = await store.getDocument(id);
      if (!stored) continue;
      try {
        const fresh = analyse(createDocument(stored.text, stored.meta, stored.sections));
        if (fresh.id !== stored.id) throw new Error('the stored text no longer hashes to its id');
        await store.replaceLayers(fresh);
        done++;
      } catch (e) {
        io.err.write(`sitrep: ${id} (${stored.meta.origin}): not reanalysed: ${(e as Error).message}\n`);
        failed++;
      }
    }
    io.err.write(`${done} reanalysed, ${failed} failed; incidents ${before} -> ${(await store.incidentFacets()).total}\n`);
  } finally {
    await store.close();
  }
  return failed ? 1 : 0;
}
