import { readFileSync, statSync } from 'node:fs';
import { readInputs } from '../../ingest/read.ts';
import { analyseBounded as analyse } from '../../ingest/bounded.ts';
import { incidentRecords } from '../../export/records.ts';
import type { IngestResult } from '../../ingest/index.ts';
import type { Document } from '../../model/document.ts';
import { TYPE_BY_CODE } from '../../incidents/taxonomy.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep extract FILE|DIR|- [options]

Analyse input (no database needed) and print a summary of each document: its incidents with their
type, date, place, actors and figures, and who gives each figure. --json prints every layer instead.

Options:
  --json                   each document's record as JSON: one document pretty-printed; several (a
                           JSONL batch, a directory) one JSON object per line
  --published YYYY-MM-DD   publication date (overrides metadata; anchors relative dates)
  --outlet NAME            outlet name (overrides metadata and URL)
  --format text|html|jsonl|feed  force the input format instead of sniffing it
  --compact                JSON, one line per document even for a single document (implies --json)
  --tokens                 JSON with the token layer (large; the syntax layer's arrays are parallel to it)
  -h, --help               show this help`;

const PRECISION: Record<number, string> = { 1: 'exact', 2: 'near', 3: 'region' };
const range = (s: { min: number; max: number | null }) => (s.max === null ? `${s.min}+` : s.min === s.max ? `${s.min}` : `${s.min}-${s.max}`);

/** A document in a few lines: what happened, where, when, how many, and who says so. */
export function summary(doc: Document): string {
  const m = doc.meta;
  const lines = [`${m.title ?? m.origin}  (${[m.outlet, m.published ? `published ${m.published}` : 'publication date unknown'].filter(Boolean).join(', ')}; id ${doc.id})`];
  const records = incidentRecords(doc);
  if (!records.length) lines.push('  no incident found');
  records.forEach((r, n) => {
    const acled = TYPE_BY_CODE.get(r.type)?.acled;
    const when = r.event_date ? `${r.event_date}${r.event_date_latest && r.event_date_latest !== r.event_date ? '..' + r.event_date_latest : ''}` : 'date unknown';
    const where = r.location ? `${[r.location, r.admin1, r.country].filter(Boolean).join(', ')} (${PRECISION[r.geo_precision ?? 0] ?? '?'})` : 'place unknown';
    lines.push(`  ${n + 1}. ${r.type}${acled ? ` (${acled.sub_event_type})` : ''}  ${when}  ${where}  fatalities ${r.fatalities}`);
    if (r.actors.length) lines.push(`     actors: ${r.actors.map((a) => `${a.name} (${a.role})`).join('; ')}`);
    for (const f of r.figures) {
      const who = f.sources.map((s) => `${s.name} ${range(s)}`).join('; ');
      lines.push(`     ${f.outcome.replace(/_/g, ' ')} ${f.group ? f.group + ' ' : ''}${f.low === f.high ? f.best : `${f.best} (${f.low}-${f.high})`}${f.within ? ` (part of ${f.within})` : ''}${f.contested ? ' CONTESTED' : ''}  <- ${who}`);
    }
    if (!r.figures.length) lines.push('     no casualty figure');
  });
  lines.push(`  ${doc.entities.length} entities, ${doc.quotes.length} quotes, ${doc.claims.length} claims, ${doc.times.length} dates, ${doc.places.length} places; --json for every layer with offsets`);
  for (const msg of doc.messages) lines.push(`  ${msg.severity}: ${msg.text}`);
  return lines.join('\n');
}

/**
 * Failures of one file, one line: a pretty-printed JSON file read as JSON Lines fails on nearly every
 * line, and a thousand errors say less than one.
 */
export function collapseFailures(results: IngestResult[]): IngestResult[] {
  const byFile = new Map<string, IngestResult[]>();
  for (const r of results) if (!r.ok) {
    const file = r.origin.replace(/:\d+$/, '');
    byFile.set(file, [...(byFile.get(file) ?? []), r]);
  }
  const out: IngestResult[] = [];
  const reported = new Set<string>();
  for (const r of results) {
    if (r.ok) { out.push(r); continue; }
    const file = r.origin.replace(/:\d+$/, '');
    const all = byFile.get(file)!;
    if (all.length < 4) { out.push(r); continue; }
    if (reported.has(file)) continue;
    reported.add(file);
    const json = /\.json$/i.test(file) ? 'a JSON document, not JSON Lines: sitrep reads one JSON object with a "text" field per line (jq -c \'.[]\' turns an array into that); ' : '';
    const head = all[0] as Extract<IngestResult, { ok: false }>;
    out.push({ ok: false, origin: file, error: `${json}${all.length} records failed, the first (${head.origin}): ${head.error}` });
  }
  return out;
}

/** The record printed for a document: every layer, tokens only on request. */
export function record(doc: Document, withTokens = false): object {
  const { tokens, ...rest } = doc;
  return withTokens ? doc : rest;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    published: { type: 'string' }, outlet: { type: 'string' }, format: { type: 'string' }, compact: { type: 'boolean' }, tokens: { type: 'boolean' }, json: { type: 'boolean' },
  }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length === 0) throw new UsageError(`extract needs a FILE, DIR or - (stdin)\n\n${usage}`);
  if (values.format && !['text', 'html', 'jsonl', 'feed'].includes(values.format)) throw new UsageError(`--format must be text, html, jsonl or feed\n\n${usage}`);
  // A pretty-printed .json file is neither an article nor JSON Lines: one clear error, not one per line.
  const jsonDocuments = positionals.filter((p) => !values.format && /\.json$/i.test(p) && isJsonDocument(p));
  for (const p of jsonDocuments) io.err.write(`sitrep: ${p}: a JSON document, not JSON Lines: sitrep reads one JSON object with a "text" field per line (jq -c '.[]' turns an array into that), or use --format text\n`);
  const inputs = positionals.filter((p) => !jsonDocuments.includes(p));
  if (!inputs.length) return 1;
  const opts = { published: values.published, outlet: values.outlet, format: values.format as 'text' | 'html' | 'jsonl' | 'feed' | undefined };
  const results = [];
  let failed = 0;
  try {
    for await (const r of readInputs(inputs, opts)) results.push(r);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const docs = results.filter((r) => r.ok).length;
  const json = values.json || values.compact || values.tokens;
  const oneLine = values.compact || docs > 1;
  let first = true;
  for (const r of collapseFailures(results)) {
    if (!r.ok) { io.err.write(`sitrep: ${r.origin}: ${r.error}\n`); failed++; continue; }
    const doc = analyse(r.doc);
    if (!json) { io.out.write((first ? '' : '\n') + summary(doc) + '\n'); first = false; continue; }
    const rec = record(doc, values.tokens);
    io.out.write((oneLine ? JSON.stringify(rec) : JSON.stringify(rec, null, 2)) + '\n');
  }
  return failed || jsonDocuments.length ? 1 : 0;
}

/** A file that parses as one JSON value spread over several lines (a small read: such files are data). */
function isJsonDocument(path: string): boolean {
  try {
    if (!statSync(path).isFile() || statSync(path).size > 50 * 1024 * 1024) return false;
    const text = readFileSync(path, 'utf8').trim();
    if (!/\n/.test(text)) return false;
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
