import { TYPE_BY_CODE } from '../../incidents/taxonomy.ts';
import type { Document } from '../../model/document.ts';
import type { CorrectedRecord } from '../../store/corrections.ts';
import { DEFAULT_DB, openStore } from '../../store/index.ts';
import { documentOf, reviewedRecords } from '../../review/index.ts';
import { parse, UsageError, type Io } from '../args.ts';
import { existingStore } from '../store-option.ts';

export const usage = `Usage: sitrep show [ID] [options]

Show a stored document readably: metadata, sections, entities with titles and mentions, and the
quotes, claims, dates, places and incidents (type, actors, low/best/high per victim group with each
source's figure) when those stages produced them. ID is a document id (or a unique prefix of 4 or
more characters) or an incident id (<document id>-<n>, as the exports list them): that incident's
record, corrections applied. Without ID: list documents, saying how many are not shown.

Options:
  --db PATH|URL  SQLite file or postgres:// URL (default ${DEFAULT_DB}; env SITREP_DB); must exist
  --json       print the stored record as JSON
  --limit N    documents to list (default 50)
  --offset N   documents to skip first (default 0)
  -h, --help   show this help`;

const clip = (s: string, n = 90) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export function describe(doc: Document): string {
  const m = doc.meta;
  const lines = [
    `${doc.id}  ${m.title ?? '(no title)'}`,
    `  origin     ${m.origin}`,
    `  outlet     ${m.outlet ?? '-'}    published ${m.published ?? 'unknown'}${m.publishedFrom ? ` (from ${m.publishedFrom})` : ''}`,
    `  layers     ${doc.stages.join(' -> ')}`,
    `  text       ${doc.text.length} chars, ${doc.sections.length} sections, ${doc.sentences.length} sentences`,
    '',
    `Entities (${doc.entities.length})`,
  ];
  for (const e of doc.entities) {
    const first = doc.mentions[e.mentions[0]];
    lines.push(`  ${e.kind.padEnd(12)} ${e.name}${e.titles.length ? ` [${e.titles.join('; ')}]` : ''}${e.aliases.length ? ` aka ${e.aliases.join(', ')}` : ''}  x${e.mentions.length}  @${first?.start}`);
  }
  if (doc.quotes.length) {
    lines.push('', `Quotes (${doc.quotes.length})`);
    // Who (what kind of source, through whom), the verb, then the words: quoted when direct.
    for (const q of doc.quotes) {
      const via = q.source.via?.length ? ' via ' + q.source.via.map((v) => v.name).join(' via ') : '';
      lines.push(`  ${q.source.name} (${q.source.kind})${via} ${q.cue?.text ?? ''}: ${q.direct ? '"' : ''}${clip(q.text)}${q.direct ? '"' : ''}  @${q.start}`);
    }
  }
  if (doc.claims.length) {
    lines.push('', `Claims (${doc.claims.length})`);
    for (const c of doc.claims) lines.push(`  ${c.kind.padEnd(16)} ${c.source.name}: ${c.subject?.text ?? ''} ${JSON.stringify(c.figures ?? c.value)}  @${c.start}`);
  }
  if (doc.times.length) {
    lines.push('', `Dates (${doc.times.length})`);
    for (const t of doc.times) lines.push(`  ${t.incident ? '*' : ' '} ${clip(t.text, 30).padEnd(30)} ${t.earliest ?? '?'}..${t.latest ?? '?'} p${t.precision ?? '?'}`);
  }
  if (doc.places.length) {
    lines.push('', `Places (${doc.places.length})`);
    for (const p of doc.places) lines.push(`  ${p.incident ? '*' : ' '} ${p.text.padEnd(24)} ${p.name ?? '?'} ${p.country ?? ''} ${p.lat?.toFixed(3) ?? ''},${p.lon?.toFixed(3) ?? ''} p${p.precision ?? '?'}`);
  }
  if (doc.incidents.length) {
    lines.push('', `Incidents (${doc.incidents.length})`);
    doc.incidents.forEach((inc, n) => {
      const acled = TYPE_BY_CODE.get(inc.type)?.acled;
      const where = inc.place ? `${inc.place.name ?? inc.place.text}${inc.place.admin1 ? ', ' + inc.place.admin1 : ''}${inc.place.country ? ', ' + inc.place.country : ''} p${inc.place.precision ?? '?'}` : 'place unknown';
      const when = inc.time?.earliest ? `${inc.time.earliest}${inc.time.latest && inc.time.latest !== inc.time.earliest ? '..' + inc.time.latest : ''} p${inc.time.precision ?? '?'}` : 'date unknown';
      lines.push(`  ${n + 1}. ${inc.type}${acled ? ` (${acled.event_type} / ${acled.sub_event_type})` : ''}  ${when}  ${where}  @${inc.evidence.start}`);
      if (inc.actors.length) lines.push(`     actors   ${inc.actors.map((a) => `${a.name} (${a.role})`).join('; ')}`);
      for (const f of inc.figures) {
        const each = f.sources.map((x) => `${x.name} ${x.max === null ? `${x.min}+` : x.min === x.max ? x.min : `${x.min}-${x.max}`}${x.vague ? ` "${x.vague}"` : ''}`).join('; ');
        lines.push(`     ${f.outcome.padEnd(8)} ${(f.group || '(unspecified)')}${f.within ? ` (part of ${f.within})` : ''}: ${f.low}/${f.best}/${f.high}${f.contested ? ' CONTESTED' : ''}  <- ${each}`);
      }
    });
  }
  if (doc.messages.length) {
    lines.push('', 'Messages');
    for (const msg of doc.messages) lines.push(`  ${msg.severity} ${msg.code}: ${msg.text}`);
  }
  return lines.join('\n');
}

/** One incident record readably: what, when, where, who, the figures with their sources, corrections. */
export function describeIncident(r: CorrectedRecord): string {
  const lines = [
    `${r.id}  ${r.type}${r.acled_event_type ? ` (${r.acled_event_type} / ${r.acled_sub_event_type})` : ''}${r.status && r.status !== 'ok' ? `  ${r.status.toUpperCase()}${r.merged_into ? ' into ' + r.merged_into : ''}` : ''}`,
    `  when       ${r.event_date ?? 'unknown'}${r.event_date_latest && r.event_date_latest !== r.event_date ? '..' + r.event_date_latest : ''}`,
    `  where      ${[r.location, r.admin1, r.country].filter(Boolean).join(', ') || 'unknown'}${r.latitude !== null ? ` ${r.latitude.toFixed(3)},${r.longitude?.toFixed(3)} p${r.geo_precision ?? '?'}` : ''}`,
    `  actors     ${r.actors.map((a) => `${a.name} (${a.role})`).join('; ') || '-'}`,
    `  fatalities ${r.fatalities}${r.fatalities_best !== null ? ` (low/best/high ${r.fatalities_low}/${r.fatalities_best}/${r.fatalities_high}${r.contested ? ', CONTESTED' : ''})` : ''}`,
    `  report     ${r.title ?? '-'} (${r.outlet ?? 'outlet unknown'}, ${r.published ?? 'date unknown'}); document ${r.document}`,
  ];
  for (const f of r.figures) lines.push(`  ${f.outcome.padEnd(10)} ${f.group || '(unspecified)'}: ${f.low}/${f.best}/${f.high}  <- ${f.sources.map((s) => `${s.name} ${s.max === null ? `${s.min}+` : s.min === s.max ? s.min : `${s.min}-${s.max}`} "${clip(s.sentence.text, 70)}"`).join('; ') || 'analyst'}`);
  for (const c of r.corrections ?? []) lines.push(`  corrected  #${c.id} ${c.action}: ${JSON.stringify(c.old)} -> ${JSON.stringify(c.new)} (${c.who}, ${c.at}: ${c.why})`);
  lines.push('', `  notes: ${r.notes}`);
  return lines.join('\n');
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' }, offset: { type: 'string' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length > 1) throw new UsageError(`show takes one ID, got ${positionals.length}\n\n${usage}`);
  const limit = Number(values.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
  const offset = Number(values.offset ?? 0);
  if (!Number.isInteger(offset) || offset < 0) throw new UsageError('--offset must be a whole number');
  const store = await openStore(existingStore(values.db ?? DEFAULT_DB));
  try {
    if (positionals.length === 0) {
      const docs = await store.listDocuments({ limit, offset });
      const total = await store.count();
      if (values.json) io.out.write(JSON.stringify(docs, null, 2) + '\n');
      else {
        // Say what is left out: a list of 50 under "95 documents" reads as if 45 were lost.
        const shown = docs.length ? `; showing ${offset + 1}-${offset + docs.length}` : '';
        const more = offset + docs.length < total ? ` (--offset ${offset + docs.length} for the next ${Math.min(limit, total - offset - docs.length)})` : '';
        io.out.write(`${total} document${total === 1 ? '' : 's'}${shown}${more}\n`);
        for (const d of docs) io.out.write(`${d.id}  ${d.published ?? '----------'}  ${clip(d.title ?? d.origin, 70)}\n`);
      }
      return 0;
    }
    const incidentDoc = documentOf(positionals[0]);
    if (incidentDoc) {
      const doc = await store.getDocument(incidentDoc);
      const rec = doc?.id === incidentDoc ? (await reviewedRecords(store, doc)).find((r) => r.id === positionals[0]) : undefined;
      if (!doc || !rec) { io.err.write(`sitrep: no incident with id ${positionals[0]}\n`); return 1; }
      io.out.write((values.json ? JSON.stringify(rec, null, 2) : describeIncident(rec)) + '\n');
      return 0;
    }
    const doc = await store.getDocument(positionals[0]);
    if (!doc) { io.err.write(`sitrep: no document with id ${positionals[0]}\n`); return 1; }
    io.out.write((values.json ? JSON.stringify(doc, null, 2) : describe(doc)) + '\n');
    return 0;
  } finally {
    await store.close();
  }
}
