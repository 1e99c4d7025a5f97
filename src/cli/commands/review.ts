import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { ACTIONS, review, ReviewError } from '../../review/index.ts';
import type { Correction } from '../../store/corrections.ts';
import { DEFAULT_DB, isPostgresUrl, openStore, StoreError } from '../../store/index.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep review ID ACTION [VALUE] --why TEXT [options]
       sitrep review --list [ID] [--json]

Correct what sitrep extracted. Every correction is stored as its own record (who, when, old value,
new value, why), applied whenever the records are derived (so it survives "sitrep reanalyse"), and
shown by every export beside the corrected values (the CSV's "corrections" column, the JSON's
"corrections" list). Nothing extracted is overwritten: "restore" undoes a reject or a merge.

Incident actions (ID is an incident id, <document id>-<n>, as the exports and the API list them):
  reject                  the incident is wrong: left out of lists, maps and exports
  restore                 undo a reject or a merge
  figure N|LOW-HIGH|LOW/BEST/HIGH   the death toll; "injured=4" (killed, injured, missing, captured) for another outcome
  place NAME              a place from the shipped gazetteer (--country CC to choose), or --lat/--lon
  date YYYY-MM-DD[..YYYY-MM-DD]
  type CODE               a type from docs/taxonomy.md
  merge OTHER_ID          the same event as OTHER_ID: this one is left out, OTHER_ID lists it
  split                   the report describes a second event: a copy (ID + "s1") to correct on its own
Document actions (ID is a document id or a unique prefix; the stages run again on it):
  published YYYY-MM-DD    the publication date (relative dates are anchored on it)
  outlet NAME

Options:
  --why TEXT       the reason (required for a correction)
  --who NAME       who corrects (default: the user name, ${safeUser()})
  --country CC     with place: the country to look the name up in
  --lat N --lon N  with place: coordinates instead of a gazetteer look-up
  --list           list the corrections (of one incident or document with ID)
  --json           with --list: as JSON
  --db PATH|URL    SQLite file or postgres:// URL (default ${DEFAULT_DB}; env SITREP_DB)
  -h, --help       show this help`;

function safeUser(): string {
  try { return userInfo().username; } catch { return 'unknown'; }
}

const show = (v: unknown) => (v === null || v === undefined ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function describeCorrection(c: Correction): string {
  return `#${c.id}  ${c.at}  ${c.who}  ${c.target}  ${c.action}: ${show(c.old)} -> ${show(c.new)}  (${c.why})`;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    db: { type: 'string' }, why: { type: 'string' }, who: { type: 'string' }, country: { type: 'string' },
    lat: { type: 'string' }, lon: { type: 'string' }, list: { type: 'boolean' }, json: { type: 'boolean' },
  }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  const [target, action, ...rest] = positionals;
  if (!values.list) {
    if (!target || !action) throw new UsageError(`review needs an ID and an ACTION (${ACTIONS.join(', ')})\n\n${usage}`);
    if (!ACTIONS.includes(action as any)) throw new UsageError(`unknown action "${action}": one of ${ACTIONS.join(', ')}`);
    if (values.why === undefined || !values.why.trim()) throw new UsageError('--why is required: every correction records its reason');
  } else if (positionals.length > 1) throw new UsageError(`--list takes at most one ID, got ${positionals.length}`);
  // Reviewing reads: a mistyped path is an error, not a new empty database.
  const location = values.db ?? DEFAULT_DB;
  if (!isPostgresUrl(location) && !existsSync(location)) throw new StoreError(`${location}: no such database (sitrep ingest creates one)`);
  const store = await openStore(location);
  try {
    if (values.list) {
      const list = target ? await store.listCorrections(/^[0-9a-f]+$/i.test(target) ? { document: target.toLowerCase() } : { target }) : await store.listCorrections();
      if (values.json) io.out.write(JSON.stringify(list, null, 2) + '\n');
      else {
        io.out.write(`${list.length} correction${list.length === 1 ? '' : 's'}\n`);
        for (const c of list) io.out.write(describeCorrection(c) + '\n');
      }
      return 0;
    }
    let value: unknown = rest.length ? rest.join(' ') : undefined;
    if (action === 'place') value = { name: value, country: values.country, ...(values.lat !== undefined || values.lon !== undefined ? { lat: values.lat, lon: values.lon } : {}) };
    try {
      const { correction, records } = await review(store, { target, action, value, why: values.why!, who: values.who ?? safeUser() });
      io.out.write(describeCorrection(correction) + '\n');
      const touched = records.filter((r) => r.id === correction.target || r.id === correction.new || correction.target === r.document);
      for (const r of touched) io.out.write(`  ${r.id}  ${r.status ?? 'ok'}  ${r.type}  ${r.event_date ?? 'date unknown'}  ${r.location ?? 'place unknown'}  killed ${r.fatalities}\n`);
    } catch (e) {
      if (e instanceof ReviewError) throw new UsageError(e.message);
      throw e;
    }
    return 0;
  } finally {
    await store.close();
  }
}
