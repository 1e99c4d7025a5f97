import { DEFAULT_DB, openStore } from '../../store/index.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep fuse [--rebuild | --show ID | --detach REPORT] [options]

Fused incidents: every stored report (a document's main incident) is placed in one as it is ingested:
it joins the incident whose reports it most probably tells of (same place and day, people named,
figures, event sentences alike; docs/fusion.md), or opens its own. Without an action, lists them.

Actions:
  --rebuild         place every stored report anew, in publication order (after upgrading sitrep)
  --show ID         print one fused incident as JSON: its reports, why each joined, the toll over
                    time (every source's figure with its report and sentence), grade and reasons
                    (ID: a fused incident's id, or any of its reports' incident ids)
  --detach REPORT   take a report out of its fused incident (a wrong join undone): it becomes its own

Options:
  --limit N       incidents listed (default 50)
  --db PATH|URL   SQLite file or postgres:// URL (default ${DEFAULT_DB}; env SITREP_DB)
  -h, --help      show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, rebuild: { type: 'boolean' }, show: { type: 'string' }, detach: { type: 'string' }, limit: { type: 'string' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}\n\n${usage}`);
  if ([values.rebuild, values.show, values.detach].filter(Boolean).length > 1) throw new UsageError('give one of --rebuild, --show, --detach');
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number above 0, got "${values.limit}"`);
  const store = await openStore(values.db ?? DEFAULT_DB);
  try {
    if (values.rebuild) {
      const t0 = performance.now();
      const { reports, incidents } = await store.rebuildFusion();
      io.err.write(`${reports} reports placed in ${incidents} incidents (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
      return 0;
    }
    if (values.show) {
      const f = await store.getFused(values.show);
      if (!f) { io.err.write(`sitrep fuse: no fused incident "${values.show}" in ${store.location}\n`); return 1; }
      io.out.write(JSON.stringify(f, null, 2) + '\n');
      return 0;
    }
    if (values.detach) {
      const r = await store.detachReport(values.detach);
      if (!r) { io.err.write(`sitrep fuse: no report "${values.detach}" in ${store.location}\n`); return 1; }
      io.err.write(`${values.detach} left ${r.from}; it is now ${r.to}\n`);
      return 0;
    }
    const { total, items } = await store.queryFused({ limit });
    for (const f of items) {
      io.out.write(`${f.id}\t${f.fused.date ?? f.event_date ?? '-'}\t${f.fused.place ?? f.location ?? '-'}\tkilled ${f.fused.killed}, injured ${f.fused.injured}\t${f.reports.length} report${f.reports.length === 1 ? '' : 's'} (${f.independent_sources} independent)\t${f.grade}\n`);
    }
    io.err.write(`${items.length} of ${total} fused incidents\n`);
    return 0;
  } finally {
    await store.close();
  }
}
