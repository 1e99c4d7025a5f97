import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { csvHeader, csvRow, geojsonFeature } from '../../export/formats.ts';
import { fusedView } from '../../export/fusion.ts';
import { incidentRecords, matches, type IncidentRecord, type RecordFilter } from '../../export/records.ts';
import { TYPE_BY_CODE } from '../../incidents/taxonomy.ts';
import { DEFAULT_DB, isPostgresUrl, openStore, StoreError } from '../../store/index.ts';
import { countryCode } from '../../export/acled.ts';
import { applyCorrections, type Correction } from '../../store/corrections.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep export --format json|csv|geojson|documents [options]

Export from the store, streamed.
  json       incident records as a JSON array (schema: docs/incident-record.schema.json); each source's
             figure carries its claim's span, its sentence's text and span, and the document id; a
             corrected record carries its corrections (sitrep review)
  csv        incident records as CSV with ACLED's 31 columns in ACLED's order (event_id_cnty ... timestamp;
             country as ACLED names it, iso numeric, region, inter1/inter2 where an actor's name says;
             admin2, admin3, source_scale, tags, timestamp left empty: the data cannot fill them), then
             sitrep's: event_id, sitrep_type, country_code, iso3, event_date_latest, fatalities_low/best/high,
             contested, document_id, url, corrections (an analyst's, each with who, when, old, new
             and why: sitrep review; the row shows the corrected values). Cells starting with = + - @ are prefixed with ' (formula-safe)
  geojson    incident records as a GeoJSON FeatureCollection (opens in QGIS); actors and figures as JSON
  documents  every stored document with all its layers, one JSON object per line

Options:
  --from YYYY-MM-DD   incidents on or after this date
  --to YYYY-MM-DD     incidents on or before this date
  --country CC        incidents in this country: ISO 3166 alpha-2 code or its name ("SY", "Syria")
  --type CODE         incidents of this type (docs/taxonomy.md)
  --fuse              join reports of one incident from several documents (same or next day, within
                      25 km, same ACLED event type); each fused record lists its reports and why they joined
  --db PATH|URL       SQLite file or postgres:// URL (default ${DEFAULT_DB}; env SITREP_DB)
  --out FILE          write to FILE instead of stdout
  -h, --help          show this help`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FORMATS = ['json', 'csv', 'geojson', 'documents'];

/** A real calendar day as YYYY-MM-DD ("2019-13-01" and "2019-02-30" are not). */
function isDate(v: string): boolean {
  const t = Date.parse(v);
  return DATE.test(v) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}

/** The filters, checked as the API checks them (it answers 400 where this is a usage error, exit 2). */
export function checkFilter(values: { format?: string; from?: string; to?: string; country?: string; type?: string; fuse?: boolean }): RecordFilter {
  if (values.format === undefined) throw new UsageError(`--format is required: one of ${FORMATS.join(', ')} (see sitrep export --help)`);
  if (!FORMATS.includes(values.format)) throw new UsageError(`--format must be json, csv, geojson or documents, got "${values.format}"`);
  for (const k of ['from', 'to'] as const) {
    const v = values[k];
    if (v !== undefined && !isDate(v)) throw new UsageError(`--${k} must be a date as YYYY-MM-DD, got "${v}"`);
  }
  if (values.from && values.to && values.from > values.to) throw new UsageError(`--from (${values.from}) is after --to (${values.to})`);
  let country: string | undefined;
  if (values.country !== undefined) {
    country = countryCode(values.country);
    if (!country) throw new UsageError(`--country must be an ISO 3166 alpha-2 code such as SY, or a country's name, got "${values.country}"`);
  }
  if (values.type !== undefined && !TYPE_BY_CODE.has(values.type)) throw new UsageError(`--type must be one of ${[...TYPE_BY_CODE.keys()].join(', ')}; got "${values.type}"`);
  const filter: RecordFilter = { from: values.from, to: values.to, country, type: values.type };
  if (values.format === 'documents' && (values.fuse || Object.values(filter).some((v) => v !== undefined))) throw new UsageError('--from, --to, --country, --type and --fuse apply to incidents; --format documents exports every document');
  return filter;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' },
    from: { type: 'string' }, to: { type: 'string' }, country: { type: 'string' }, type: { type: 'string' }, fuse: { type: 'boolean' },
  }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}\n\n${usage}`);
  const filter = checkFilter(values);
  const format = values.format!;
  // Exporting reads: a mistyped path is an error, not a new empty database.
  const location = values.db ?? DEFAULT_DB;
  if (!isPostgresUrl(location) && location !== ':memory:' && !existsSync(location)) throw new StoreError(`${location}: no such database (sitrep ingest creates one)`);
  const store = await openStore(location);
  const out = values.out ? createWriteStream(values.out) : io.out;
  // Respect back-pressure: a large store streams instead of piling up in memory.
  const write = async (s: string) => { if (!out.write(s)) await once(out, 'drain'); };
  try {
    if (format === 'csv') await write(csvHeader());
    if (format === 'json') await write('[');
    if (format === 'geojson') await write('{"type":"FeatureCollection","features":[');
    let first = true;
    const emit = async (r: IncidentRecord) => {
      if (format === 'csv') await write(csvRow(r));
      else await write((first ? '\n' : ',\n') + JSON.stringify(format === 'json' ? r : geojsonFeature(r)));
      first = false;
    };
    // Fusion needs every report at once; without it records stream one document at a time.
    const pending: IncidentRecord[] = [];
    // The analyst's corrections (few beside the documents), by each document they touch.
    const corrections = new Map<string, Correction[]>();
    for (const c of format === 'documents' ? [] : await store.listCorrections()) {
      for (const d of new Set([c.document, c.related].filter((x): x is string => !!x))) corrections.set(d, [...(corrections.get(d) ?? []), c]);
    }
    for await (const doc of store.allDocuments()) {
      if (format === 'documents') { await write(JSON.stringify(doc) + '\n'); continue; }
      // Corrected values; rejected and merged incidents left out (as in every view).
      for (const r of applyCorrections(incidentRecords(doc), corrections.get(doc.id) ?? []).filter((x) => (x.status ?? 'ok') === 'ok')) {
        if (!matches(r, filter)) continue;
        if (values.fuse) pending.push(r);
        else await emit(r);
      }
    }
    if (values.fuse) {
      // The fused incidents the store keeps (placed as each report was ingested), in place of their reports.
      const { items } = await store.queryFused({ limit: Number.MAX_SAFE_INTEGER });
      for (const r of fusedView(pending, items)) await emit(r);
    }
    if (format === 'json') await write('\n]\n');
    if (format === 'geojson') await write('\n]}\n');
  } finally {
    await store.close();
    if (values.out) await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  return 0;
}
