// The JSON API over a Store: routes, parameter checks, and the views the web app draws.
// Documented in docs/openapi.json; every route is covered in test/server.test.ts.
import { csvHeader, csvRow, geojsonFeature } from '../export/formats.ts';
import { fusedView as fusedRecords, type FusedIncident } from '../export/fusion.ts';
import type { IncidentRecord } from '../export/records.ts';
import { TYPE_BY_CODE } from '../incidents/taxonomy.ts';
import { InputError } from '../ingest/index.ts';
import { checkPublishedOption } from '../ingest/metadata.ts';
import type { Document } from '../model/document.ts';
import type { IncidentQuery, Store } from '../store/index.ts';
import { analyseUpload } from './analysis.ts';
import { labelsIn } from './places.ts';
import { segment } from '../segment/index.ts';
import { documentOf, review, reviewedRecords, ReviewError } from '../review/index.ts';

/** A failed request: the status and a message that says what to change. */
export class HttpError extends Error {
  constructor(public status: number, message: string) { super(message); }
}

/** What a route returns: a JSON value, or a body with its own content type (exports). */
export type ApiResult = { json: unknown; status?: number } | { body: string; type: string; filename?: string };

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The request body, read only for POST. */
  body?: () => Promise<{ text: string; type: string }>;
}

export const MAX_LIMIT = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FILTERS = ['q', 'from', 'to', 'country', 'type', 'actor'];

/** Reject parameters the route does not know: a typo should not silently return everything. */
function allowOnly(query: URLSearchParams, allowed: string[]): void {
  for (const key of query.keys()) {
    if (!allowed.includes(key)) throw new HttpError(400, `unknown parameter "${key}"; allowed: ${allowed.join(', ') || 'none'}`);
  }
}

function integer(query: URLSearchParams, name: string, dflt: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return dflt;
  if (!/^\d+$/.test(raw)) throw new HttpError(400, `${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new HttpError(400, `${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** The incident filters shared by list, points, facets and export. */
export function incidentQuery(query: URLSearchParams): IncidentQuery {
  const q: IncidentQuery = {};
  for (const k of ['from', 'to'] as const) {
    const v = query.get(k);
    if (v === null) continue;
    if (!isCalendarDate(v)) throw new HttpError(400, `${k} must be a date as YYYY-MM-DD, got "${v}"`);
    q[k] = v;
  }
  if (q.from && q.to && q.from > q.to) throw new HttpError(400, `from (${q.from}) is after to (${q.to})`);
  const country = query.get('country');
  if (country !== null) {
    if (!/^[A-Za-z]{2}$/.test(country)) throw new HttpError(400, `country must be an ISO 3166 alpha-2 code such as SY, got "${country}"`);
    q.country = country.toUpperCase();
  }
  const type = query.get('type');
  if (type !== null) {
    if (!TYPE_BY_CODE.has(type)) throw new HttpError(400, `type must be one of ${[...TYPE_BY_CODE.keys()].join(', ')}; got "${type}"`);
    q.type = type;
  }
  for (const k of ['q', 'actor'] as const) {
    const v = query.get(k);
    if (v === null || v.trim() === '') continue;
    if (v.length > 200) throw new HttpError(400, `${k} is longer than 200 characters`);
    q[k] = v.trim();
  }
  return q;
}

/** A yes/no parameter: absent, 0 or 1. */
function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  if (v === null || v === '0') return false;
  if (v === '1') return true;
  throw new HttpError(400, `${name} must be 0 or 1, got "${v}"`);
}

/** Every matching report, fused as the store keeps them (src/fusion: each report placed as it was
 * ingested), newest first; a report fusion did not place (a document's other incidents) stands alone. */
async function fusedIncidents(store: Store, q: IncidentQuery): Promise<(IncidentRecord | FusedIncident)[]> {
  // Fused once per store generation and filter, not once per page: paging through ?fuse=1 at 10,000
  // incidents recomputed the whole fusion on every request (about one request a second saturated it).
  const generation = await store.generation();
  const key = JSON.stringify(q);
  let memo = fusedMemo.get(store);
  if (!memo || memo.generation !== generation) fusedMemo.set(store, (memo = { generation, lists: new Map() }));
  const hit = memo.lists.get(key);
  if (hit) return hit;
  const { items } = await store.queryIncidents({ ...q, limit: Number.MAX_SAFE_INTEGER, offset: 0 });
  const stored = (await store.queryFused({ limit: Number.MAX_SAFE_INTEGER })).items;
  const fused = fusedRecords(items, stored).sort((a, b) => (b.event_date ?? '').localeCompare(a.event_date ?? '') || a.id.localeCompare(b.id));
  if (memo.lists.size >= 4) memo.lists.delete(memo.lists.keys().next().value!);
  memo.lists.set(key, fused);
  return fused;
}
/** The last few fused lists of each store, valid for one generation of its content. */
const fusedMemo = new WeakMap<Store, { generation: string; lists: Map<string, (IncidentRecord | FusedIncident)[]> }>();

/** A calendar date as YYYY-MM-DD that exists (2025-02-30 does not). */
export function isCalendarDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const t = Date.parse(v + 'T00:00:00Z');
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}

/** Metadata from a client: one line, no control characters (PostgreSQL refuses NUL; logs and CSV should not see the rest). */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();

/**
 * The stored fused incident (src/fusion) a report or fused incident id names, with every report's claims
 * and document: the incident page draws its toll over time and links each point to its sentence.
 */
async function fusedView(store: Store, id: string) {
  const incident = await store.getFused(id);
  if (!incident) return undefined;
  const reports = [];
  for (const rid of incident.reports) {
    const record = await store.getIncident(rid);
    const doc = record && (await store.getDocument(record.document));
    if (record && doc) reports.push(incidentView(record, doc));
  }
  return { incident, reports };
}

const GRADES = ['Confirmed', 'Fair', 'Weak', 'Contested', 'Discounted'];

/**
 * A document for the web app: every layer except the token objects (recomputable, and the bulk of the
 * size). With a syntax layer, the tokens it describes go beside it as [start, end] pairs: they are not
 * stored, so the deterministic segment stage recomputes them on a copy; a layer that no longer lines up
 * with them (a stale one) is left out rather than shown on the wrong words.
 */
function documentView(doc: Document) {
  // (Typed on its own so this holds whether or not the model declares the layer yet.)
  const { tokens, syntax, ...rest } = doc as Document & { syntax?: { upos: string[]; head: number[] } };
  if (!syntax) return rest;
  let words = tokens;
  if (words.length !== syntax.upos.length) {
    const copy: Document = { ...doc, sentences: [], tokens: [] };
    segment(copy);
    words = copy.tokens;
  }
  if (words.length !== syntax.upos.length || syntax.head.length !== words.length) return rest;
  return { ...rest, syntax, tokens: words.map((t) => [t.start, t.end]) };
}

/** The claims an incident rests on, with the sentence each came from (the incident page links them). */
function incidentView(record: IncidentRecord, doc: Document) {
  // parseInt: a split-off part ("<doc>-2s1") shows the claims of the incident it was split from.
  const inc = doc.incidents[parseInt(record.id.slice(record.id.lastIndexOf('-') + 1), 10) - 1];
  const sentenceOf = (offset: number) => doc.sentences.find((s) => s.start <= offset && offset < s.end);
  const claims = (inc?.claims ?? []).map((i) => {
    const c = doc.claims[i];
    const s = sentenceOf(c.start);
    return { index: i, ...c, sentence: s ? { start: s.start, end: s.end } : undefined };
  });
  // The incident page shows the text and its figures, not the syntax layer (half the payload otherwise).
  const { syntax: _syntax, ...plain } = doc;
  return { incident: record, claims, document: documentView(plain as Document) };
}

async function ingest(req: ApiRequest, store: Store): Promise<ApiResult> {
  const { text: raw, type } = await req.body!();
  let content = raw;
  let format: 'text' | 'html' = /html/.test(type) ? 'html' : 'text';
  const meta: { origin: string; title?: string; url?: string; outlet?: string; published?: string; publishedFrom?: 'option' } = { origin: 'upload' };
  if (/json/.test(type)) {
    let body: any;
    try { body = JSON.parse(raw); } catch { throw new HttpError(400, 'the body is not valid JSON'); }
    if (!body || typeof body !== 'object' || typeof body.text !== 'string') throw new HttpError(400, 'the JSON body needs a "text" string (the article), optionally title, url, outlet, published, format');
    content = body.text;
    if (body.format !== undefined && body.format !== 'text' && body.format !== 'html') throw new HttpError(400, 'format must be "text" or "html"');
    format = body.format ?? (/^\s*</.test(content) ? 'html' : 'text');
    for (const k of ['title', 'url', 'outlet'] as const) if (typeof body[k] === 'string' && oneLine(body[k])) meta[k] = oneLine(body[k]).slice(0, 500);
    if (typeof body.published === 'string' && body.published.trim()) {
      try { meta.published = checkPublishedOption(body.published.trim()); meta.publishedFrom = 'option'; } catch (e) { throw new HttpError(400, (e as Error).message); }
    }
    if (meta.url) meta.origin = meta.url;
  }
  if (!content.trim()) throw new HttpError(400, 'the article is empty');
  let doc: Document;
  try {
    // Off the event loop, within a time and memory budget (analysis.ts).
    doc = await analyseUpload({ content, format, meta });
  } catch (e) {
    if (e instanceof InputError) throw new HttpError(400, e.message);
    throw e;
  }
  const { id, inserted } = await store.putDocument(doc);
  return { status: inserted ? 201 : 200, json: { id, inserted, incidents: doc.incidents.map((_, n) => `${id}-${n + 1}`) } };
}

/**
 * Dated incidents per month (every month from the first to the last), split by type or by the first
 * named actor (the eight commonest; the rest as "other"): counts and fatalities.
 */
export function monthlySeries(items: IncidentRecord[], by: 'type' | 'actor') {
  const dated = items.filter((r) => r.event_date);
  const keyOf = (r: IncidentRecord) => (by === 'type' ? r.type : r.actors.find((a) => a.role === 'attacker')?.name ?? r.actors[0]?.name ?? 'unnamed');
  const counts = new Map<string, number>();
  for (const r of dated) counts.set(keyOf(r), (counts.get(keyOf(r)) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 8).map(([k]) => k);
  const months: string[] = [];
  if (dated.length) {
    const all = dated.map((r) => r.event_date!.slice(0, 7)).sort();
    let [y, m] = all[0].split('-').map(Number);
    const last = all[all.length - 1];
    for (;;) { const k = `${y}-${String(m).padStart(2, '0')}`; months.push(k); if (k >= last || months.length > 1200) break; if (++m > 12) { m = 1; y++; } }
  }
  const at = new Map(months.map((k, i) => [k, i]));
  const series = new Map<string, { key: string; incidents: number[]; fatalities: number[] }>();
  for (const r of dated) {
    const key = top.includes(keyOf(r)) ? keyOf(r) : 'other';
    if (!series.has(key)) series.set(key, { key, incidents: months.map(() => 0), fatalities: months.map(() => 0) });
    const s = series.get(key)!;
    const i = at.get(r.event_date!.slice(0, 7))!;
    s.incidents[i]++;
    s.fatalities[i] += r.fatalities;
  }
  const order = [...top, 'other'];
  return { by, months, series: [...series.values()].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key)), undated: items.length - dated.length };
}

/** POST /api/corrections: one analyst's correction (src/review), stored with its audit record. */
async function correct(req: ApiRequest, store: Store): Promise<ApiResult> {
  const { text } = await req.body!();
  let body: any;
  try { body = JSON.parse(text); } catch { throw new HttpError(400, 'the body is not valid JSON'); }
  if (!body || typeof body !== 'object' || typeof body.target !== 'string' || typeof body.action !== 'string') {
    throw new HttpError(400, 'the JSON body needs "target" (an incident or document id), "action", "why", and for most actions "value"');
  }
  try {
    const { correction, records } = await review(store, { target: body.target, action: body.action, value: body.value, why: body.why, who: typeof body.who === 'string' ? body.who : 'web' });
    return { status: 201, json: { correction, records: records.map(({ figures, ...r }) => r) } };
  } catch (e) {
    if (e instanceof ReviewError) throw new HttpError(400, e.message);
    throw e;
  }
}

/** Route one request. Throws HttpError for anything the client should change. */
export async function handleApi(req: ApiRequest, store: Store, opts: { allowIngest: boolean; allowEdit?: boolean }): Promise<ApiResult> {
  let parts: string[];
  try {
    parts = req.path.split('/').filter(Boolean).slice(1).map(decodeURIComponent); // after "api"
  } catch {
    throw new HttpError(400, `malformed %-escape in ${req.path.slice(0, 200)}`);
  }
  const route = parts.join('/');
  const get = req.method === 'GET' || req.method === 'HEAD';
  const only = (methods: string) => { if (!methods.split(',').includes(req.method === 'HEAD' ? 'GET' : req.method)) throw new HttpError(405, `${req.method} is not allowed on ${req.path}; use ${methods}`); };

  if (route === 'health') {
    only('GET'); allowOnly(req.query, []);
    return { json: { ok: true, documents: await store.count(), incidents: (await store.queryIncidents({ limit: 0 })).total, ingest: opts.allowIngest, edit: !!opts.allowEdit } };
  }
  if (route === 'incidents') {
    only('GET'); allowOnly(req.query, [...FILTERS, 'limit', 'offset', 'fuse']);
    const q = incidentQuery(req.query);
    const limit = integer(req.query, 'limit', 50, 1, MAX_LIMIT);
    const offset = integer(req.query, 'offset', 0, 0, 1e9);
    if (flag(req.query, 'fuse')) {
      const fused = await fusedIncidents(store, q);
      return { json: { total: fused.length, limit, offset, fused: true, items: fused.slice(offset, offset + limit).map(({ figures, ...r }) => { delete (r as Partial<FusedIncident>).toll; return r; }) } };
    }
    const { total, items } = await store.queryIncidents({ ...q, limit, offset });
    // Lists carry summaries; the figures with their sources are in /api/incidents/{id}.
    return { json: { total, limit, offset, items: items.map(({ figures, ...r }) => r) } };
  }
  if (route === 'incidents/points') {
    only('GET'); allowOnly(req.query, [...FILTERS, 'fuse']);
    const points = flag(req.query, 'fuse')
      ? (await fusedIncidents(store, incidentQuery(req.query))).filter((f) => f.latitude !== null && f.longitude !== null)
        .map((f) => ({ id: f.id, lat: f.latitude!, lon: f.longitude!, type: f.type, date: f.event_date, fatalities: f.fatalities, precision: f.geo_precision }))
      : await store.incidentPoints(incidentQuery(req.query));
    // Columns instead of objects: the map may draw tens of thousands.
    return { json: { columns: ['id', 'lat', 'lon', 'type', 'date', 'fatalities', 'precision'], rows: points.map((p) => [p.id, p.lat, p.lon, p.type, p.date, p.fatalities, p.precision ?? null]) } };
  }
  if (route === 'incidents/facets') {
    only('GET'); allowOnly(req.query, FILTERS);
    return { json: await store.incidentFacets(incidentQuery(req.query)) };
  }
  if (route === 'incidents/series') {
    // Incidents and deaths per month by type or by actor (the chart); the same filters as the list.
    only('GET'); allowOnly(req.query, [...FILTERS, 'by']);
    const by = req.query.get('by') ?? 'type';
    if (by !== 'type' && by !== 'actor') throw new HttpError(400, `by must be type or actor, got "${by}"`);
    const { items } = await store.queryIncidents({ ...incidentQuery(req.query), limit: Number.MAX_SAFE_INTEGER });
    return { json: monthlySeries(items, by) };
  }
  if (parts[0] === 'incidents' && parts.length === 2) {
    only('GET'); allowOnly(req.query, []);
    // A fused incident of the ?fuse=1 list is named after its lead report: "fused-<report id>"; the
    // page shows the stored fused incident that report is in.
    if (parts[1].startsWith('fused-') || parts[1].startsWith('incident-')) {
      const view = await fusedView(store, parts[1].startsWith('fused-') ? parts[1].slice('fused-'.length) : parts[1]);
      if (!view) throw new HttpError(404, `no incident "${parts[1]}"`);
      return { json: view };
    }
    let record = await store.getIncident(parts[1]);
    let doc = record && (await store.getDocument(record.document));
    // A rejected or merged incident is in no list, but its page still opens (to restore it).
    const docId = !record ? documentOf(parts[1]) : undefined;
    if (docId) {
      doc = await store.getDocument(docId);
      record = doc?.id === docId ? (await reviewedRecords(store, doc)).find((r) => r.id === parts[1]) : undefined;
    }
    if (!record || !doc) throw new HttpError(404, `no incident "${parts[1]}"`);
    return { json: { ...incidentView(record, doc), corrections: await store.listCorrections({ target: record.id }) } };
  }
  if (route === 'fused') {
    only('GET'); allowOnly(req.query, ['from', 'to', 'grade', 'limit', 'offset']);
    const { from, to } = incidentQuery(new URLSearchParams([...req.query].filter(([k]) => k === 'from' || k === 'to')));
    const grade = req.query.get('grade') ?? undefined;
    if (grade !== undefined && !GRADES.includes(grade)) throw new HttpError(400, `grade must be one of ${GRADES.join(', ')}; got "${grade}"`);
    const limit = integer(req.query, 'limit', 50, 1, MAX_LIMIT);
    const offset = integer(req.query, 'offset', 0, 0, 1e9);
    const { total, items } = await store.queryFused({ from, to, grade, limit, offset });
    // Lists carry summaries; the merged figures and the toll are in /api/fused/{id}.
    return { json: { total, limit, offset, items: items.map(({ figures, toll, ...f }) => f) } };
  }
  if (parts[0] === 'fused' && parts.length === 2) {
    only('GET'); allowOnly(req.query, []);
    const view = await fusedView(store, parts[1]);
    if (!view) throw new HttpError(404, `no fused incident "${parts[1]}"`);
    return { json: view };
  }
  if (route === 'documents') {
    if (req.method === 'POST') {
      if (!opts.allowIngest) throw new HttpError(403, 'ingest is disabled: start the server with --allow-ingest to accept articles');
      allowOnly(req.query, []);
      return ingest(req, store);
    }
    only('GET,POST'); allowOnly(req.query, ['limit', 'offset']);
    const limit = integer(req.query, 'limit', 50, 1, MAX_LIMIT);
    const offset = integer(req.query, 'offset', 0, 0, 1e9);
    return { json: { total: await store.count(), limit, offset, items: await store.listDocuments({ limit, offset }) } };
  }
  if (parts[0] === 'documents' && parts.length === 2) {
    only('GET'); allowOnly(req.query, []);
    if (!/^[0-9a-f]{4,64}$/i.test(parts[1])) throw new HttpError(400, `a document id is hexadecimal (4 to 64 characters), got "${parts[1]}"`);
    let doc: Document | undefined;
    try { doc = await store.getDocument(parts[1].toLowerCase()); } catch (e) { throw new HttpError(400, (e as Error).message); }
    if (!doc) throw new HttpError(404, `no document "${parts[1]}"`);
    return { json: documentView(doc) };
  }
  if (route === 'places') {
    // Map labels from the shipped gazetteer for a box at a zoom level.
    only('GET'); allowOnly(req.query, ['south', 'west', 'north', 'east', 'zoom']);
    const num = (k: string, lo: number, hi: number) => {
      const v = Number(req.query.get(k));
      if (req.query.get(k) === null || !Number.isFinite(v) || v < lo || v > hi) throw new HttpError(400, `${k} must be a number from ${lo} to ${hi}`);
      return v;
    };
    const box = { south: num('south', -90, 90), west: num('west', -180, 180), north: num('north', -90, 90), east: num('east', -180, 180) };
    return { json: { items: labelsIn(box, Math.round(num('zoom', 0, 20))).map((l) => [l.name, l.lat, l.lon, l.kind]) , columns: ['name', 'lat', 'lon', 'kind'] } };
  }
  if (route === 'corrections') {
    if (req.method === 'POST') {
      if (!opts.allowEdit) throw new HttpError(403, 'corrections are disabled: start the server with --allow-edit to accept them');
      allowOnly(req.query, []);
      return correct(req, store);
    }
    only('GET,POST'); allowOnly(req.query, ['document', 'target']);
    const document = req.query.get('document');
    if (document !== null && !/^[0-9a-f]{4,64}$/i.test(document)) throw new HttpError(400, `document must be a document id (hexadecimal), got "${document.slice(0, 100)}"`);
    const target = req.query.get('target') ?? undefined;
    return { json: { items: await store.listCorrections({ document: document?.toLowerCase() ?? undefined, target }) } };
  }
  if (route === 'export') {
    only('GET'); allowOnly(req.query, [...FILTERS, 'format', 'fuse']);
    const format = req.query.get('format') ?? 'json';
    if (!['json', 'csv', 'geojson'].includes(format)) throw new HttpError(400, `format must be json, csv or geojson, got "${format}"`);
    const q = incidentQuery(req.query);
    const items: IncidentRecord[] = flag(req.query, 'fuse') ? await fusedIncidents(store, q) : (await store.queryIncidents({ ...q, limit: Number.MAX_SAFE_INTEGER })).items;
    if (format === 'csv') return { body: csvHeader() + items.map(csvRow).join(''), type: 'text/csv; charset=utf-8', filename: 'incidents.csv' };
    if (format === 'geojson') return { body: JSON.stringify({ type: 'FeatureCollection', features: items.map(geojsonFeature) }), type: 'application/geo+json', filename: 'incidents.geojson' };
    return { body: JSON.stringify(items), type: 'application/json; charset=utf-8', filename: 'incidents.json' };
  }
  if (get && route === '') return { json: { api: 'sitrep', docs: '/api/openapi.json' } };
  throw new HttpError(404, `no such API route: ${req.path} (see /api/openapi.json)`);
}
