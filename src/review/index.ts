// An analyst's review: one correction checked, its old value read from the record as it stands, stored
// as its own record (src/store/corrections.ts), and a document whose publication date or outlet changed
// analysed again. Shared by `sitrep review` and the server's POST /api/corrections.
import { incidentRecords } from '../export/records.ts';
import { TYPE_BY_CODE } from '../incidents/taxonomy.ts';
import { analyseBounded as analyse } from '../ingest/bounded.ts';
import { createDocument } from '../model/create.ts';
import type { Document } from '../model/document.ts';
import {
  applyCorrections, correctedMeta, DOCUMENT_ACTIONS, INCIDENT_ACTIONS,
  type CorrectedRecord, type Correction, type CorrectionAction, type DateValue, type NewCorrection, type PlaceValue,
} from '../store/corrections.ts';
import type { Store } from '../store/index.ts';
import { admin1Name, loadGazetteer } from '../where/gazetteer.ts';

export class ReviewError extends Error {}

export const ACTIONS: readonly CorrectionAction[] = [...INCIDENT_ACTIONS, ...DOCUMENT_ACTIONS];

export interface ReviewRequest {
  /** An incident id, or for published/outlet a document id (or a unique prefix). */
  target: string;
  action: string;
  /** The new value: a string as typed on the command line, or the API's JSON (see parseValue). */
  value?: unknown;
  why: string;
  who: string;
}

const OUTCOMES = ['killed', 'injured', 'killed_or_injured', 'missing', 'captured'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string) => DATE.test(v) && new Date(Date.parse(v + 'T00:00:00Z')).toISOString().slice(0, 10) === v;
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();

/** A figure: 12, "10-14" (low-high, best their midpoint rounded down), "10/12/14", or {outcome, low, best, high}. */
function figureValue(v: unknown): { outcome: string; low: number; best: number; high: number } {
  const whole = (n: unknown, what: string) => {
    const x = typeof n === 'string' && /^\d+$/.test(n.trim()) ? Number(n) : n;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 1e7) throw new ReviewError(`${what} must be a whole number from 0, got ${JSON.stringify(n)}`);
    return x;
  };
  let outcome = 'killed';
  let low: number, best: number, high: number;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.outcome !== undefined) outcome = String(o.outcome);
    best = whole(o.best, 'best');
    low = o.low === undefined ? best : whole(o.low, 'low');
    high = o.high === undefined ? best : whole(o.high, 'high');
  } else {
    const s = String(v ?? '').trim();
    const m = /^(?:([a-z_]+)[=:])?(\d+)(?:-(\d+)|\/(\d+)\/(\d+))?$/.exec(s);
    if (!m) throw new ReviewError(`a figure is N, LOW-HIGH or LOW/BEST/HIGH, optionally after an outcome ("injured=4"); got "${s}"`);
    if (m[1]) outcome = m[1];
    if (m[3] !== undefined) { low = Number(m[2]); high = Number(m[3]); best = Math.floor((low + high) / 2); }
    else if (m[4] !== undefined) { low = Number(m[2]); best = Number(m[4]); high = Number(m[5]); }
    else low = best = high = Number(m[2]);
  }
  if (!OUTCOMES.includes(outcome)) throw new ReviewError(`a figure's outcome is one of ${OUTCOMES.join(', ')}; got "${outcome}"`);
  if (!(low <= best && best <= high)) throw new ReviewError(`a figure needs low <= best <= high, got ${low}/${best}/${high}`);
  return { outcome, low, best, high };
}

/** A place: a name found in the shipped gazetteer (the most populous match, in `country` when given), or explicit coordinates. */
function placeValue(v: unknown): PlaceValue {
  const o: Record<string, unknown> = v && typeof v === 'object' ? (v as Record<string, unknown>) : { name: v };
  const name = typeof o.name === 'string' ? oneLine(o.name).slice(0, 200) : '';
  if (!name) throw new ReviewError('a place needs a name');
  const country = typeof o.country === 'string' && o.country.trim() ? o.country.trim().toUpperCase() : null;
  if (country && !/^[A-Z]{2}$/.test(country)) throw new ReviewError(`a place's country is an ISO 3166 alpha-2 code, got "${o.country}"`);
  if (o.lat !== undefined || o.lon !== undefined) {
    const lat = Number(o.lat), lon = Number(o.lon);
    if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) throw new ReviewError(`a place's lat must be within ±90 and lon within ±180, got ${o.lat}, ${o.lon}`);
    return { name, admin1: typeof o.admin1 === 'string' ? oneLine(o.admin1) : null, country, latitude: lat, longitude: lon, precision: 1 };
  }
  const found = loadGazetteer().lookup(name).filter((p) => !country || p.country === country).sort((a, b) => b.population - a.population)[0];
  if (!found) throw new ReviewError(`no place "${name}"${country ? ` in ${country}` : ''} in the shipped gazetteer: give its coordinates (lat and lon)`);
  const area = /^(PCL|ADM|RGN)/.test(found.feature);
  return {
    name: found.name, admin1: found.admin1 ? admin1Name(found.country, found.admin1) ?? found.admin1 : null, country: found.country || country,
    latitude: found.lat, longitude: found.lon, precision: found.feature.startsWith('PCL') ? 3 : area ? 2 : 1,
  };
}

/** A date: "2025-03-10", "2025-03-10..2025-03-12", or {earliest, latest}. */
function dateValue(v: unknown): DateValue {
  let earliest: string, latest: string;
  if (v && typeof v === 'object') ({ earliest, latest } = v as DateValue);
  else [earliest, latest] = String(v ?? '').trim().split('..');
  latest ??= earliest;
  if (typeof earliest !== 'string' || typeof latest !== 'string' || !isDay(earliest) || !isDay(latest)) throw new ReviewError(`a date is YYYY-MM-DD or FROM..TO, got ${JSON.stringify(v)}`);
  if (earliest > latest) throw new ReviewError(`a date range runs forwards: ${earliest} is after ${latest}`);
  return { earliest, latest };
}

/** The new value of a correction, checked. */
export function parseValue(action: CorrectionAction, v: unknown): unknown {
  switch (action) {
    case 'reject': case 'restore': case 'split': return null;
    case 'figure': return figureValue(v);
    case 'place': return placeValue(v);
    case 'date': return dateValue(v);
    case 'type': {
      if (typeof v !== 'string' || !TYPE_BY_CODE.has(v)) throw new ReviewError(`a type is one of ${[...TYPE_BY_CODE.keys()].join(', ')}; got ${JSON.stringify(v)}`);
      return v;
    }
    case 'merge': {
      if (typeof v !== 'string' || !/^[0-9a-f]{4,64}-\d+(s\d+)?$/.test(v)) throw new ReviewError(`merge needs the id of the incident to merge into, got ${JSON.stringify(v)}`);
      return v;
    }
    case 'published': {
      if (typeof v !== 'string' || !isDay(v.trim())) throw new ReviewError(`a publication date is YYYY-MM-DD, got ${JSON.stringify(v)}`);
      return v.trim();
    }
    case 'outlet': {
      const s = typeof v === 'string' ? oneLine(v).slice(0, 200) : '';
      if (!s) throw new ReviewError('an outlet needs a name');
      return s;
    }
  }
}

/** The incident's document id and number from its id ("<doc>-3", "<doc>-3s1"). */
export function documentOf(incidentId: string): string | undefined {
  return /^([0-9a-f]{4,64})-\d+(?:s\d+)?$/.exec(incidentId)?.[1];
}

/** A document's records as the stores derive them, with every record's status (rejected and merged ones too). */
export async function reviewedRecords(store: Store, doc: Document): Promise<CorrectedRecord[]> {
  return applyCorrections(incidentRecords(doc), await store.listCorrections({ document: doc.id }));
}

async function incident(store: Store, id: string): Promise<{ doc: Document; record: CorrectedRecord; records: CorrectedRecord[] }> {
  const docId = documentOf(id);
  const doc = docId && (await store.getDocument(docId));
  if (!doc || doc.id !== docId) throw new ReviewError(`no incident "${id}" (an incident id is <document id>-<n>, as listed by the API and the exports)`);
  const records = await reviewedRecords(store, doc);
  const record = records.find((r) => r.id === id);
  if (!record) throw new ReviewError(`no incident "${id}" in document ${doc.id.slice(0, 12)}`);
  return { doc, record, records };
}

/** What the record shows now for the field an action corrects. */
function oldValue(action: CorrectionAction, r: CorrectedRecord, value: unknown): unknown {
  switch (action) {
    case 'reject': case 'restore': return r.status ?? 'ok';
    case 'type': return r.type;
    case 'date': return r.event_date ? { earliest: r.event_date, latest: r.event_date_latest ?? r.event_date } : null;
    case 'place': return r.latitude === null ? null : { name: r.location, admin1: r.admin1, country: r.country, latitude: r.latitude, longitude: r.longitude, precision: r.geo_precision };
    case 'figure': {
      const outcome = (value as { outcome: string }).outcome;
      if (outcome === 'killed') return r.fatalities_best === null ? { outcome, fatalities: r.fatalities } : { outcome, low: r.fatalities_low, best: r.fatalities_best, high: r.fatalities_high };
      const f = r.figures.filter((x) => x.outcome === outcome);
      return f.length ? f.map((x) => ({ group: x.group, low: x.low, best: x.best, high: x.high })) : null;
    }
    default: return null;
  }
}

/** Check, store and apply one correction. Throws ReviewError for anything the analyst should change. */
export async function review(store: Store, req: ReviewRequest): Promise<{ correction: Correction; records: CorrectedRecord[] }> {
  if (!ACTIONS.includes(req.action as CorrectionAction)) throw new ReviewError(`the action is one of ${ACTIONS.join(', ')}; got "${req.action}"`);
  const action = req.action as CorrectionAction;
  const why = oneLine(String(req.why ?? '')).slice(0, 1000);
  if (!why) throw new ReviewError('every correction needs a reason (why)');
  const who = oneLine(String(req.who ?? '')).slice(0, 100) || 'unknown';
  const value = parseValue(action, req.value);

  if ((DOCUMENT_ACTIONS as readonly string[]).includes(action)) {
    if (!/^[0-9a-f]{4,64}$/i.test(req.target)) throw new ReviewError(`${action} corrects a document: give its id, got "${req.target}"`);
    const doc = await store.getDocument(req.target);
    if (!doc) throw new ReviewError(`no document "${req.target}"`);
    const old = action === 'published' ? doc.meta.published ?? null : doc.meta.outlet ?? null;
    const correction = await store.addCorrection({ action, target: doc.id, document: doc.id, old, new: value, why, who });
    // The stages again with the corrected metadata: relative dates are anchored on the publication date.
    const meta = correctedMeta(doc.meta, await store.listCorrections({ document: doc.id }).then((cs) => cs.filter((c) => c.target === doc.id)));
    const fresh = analyse(createDocument(doc.text, meta, doc.sections));
    if (fresh.id !== doc.id) throw new ReviewError(`document ${doc.id}: its stored text no longer hashes to its id`);
    await store.replaceLayers(fresh);
    return { correction, records: await reviewedRecords(store, fresh) };
  }

  const { doc, record } = await incident(store, req.target);
  const status = record.status ?? 'ok';
  if (action === 'reject' && status !== 'ok') throw new ReviewError(`incident ${record.id} is already ${status}`);
  if (action === 'restore' && status === 'ok') throw new ReviewError(`incident ${record.id} is neither rejected nor merged: nothing to restore`);
  if (action !== 'reject' && action !== 'restore' && status !== 'ok') throw new ReviewError(`incident ${record.id} is ${status}: restore it first`);
  let related: string | null = null;
  let newValue = action === 'reject' ? 'rejected' : action === 'restore' ? 'ok' : value;
  if (action === 'merge') {
    if (value === record.id) throw new ReviewError('an incident cannot be merged into itself');
    const into = await incident(store, String(value));
    if ((into.record.status ?? 'ok') !== 'ok') throw new ReviewError(`incident ${into.record.id} is ${into.record.status}: merge into one that is not`);
    related = into.doc.id;
  }
  if (action === 'split') {
    if (/s\d+$/.test(record.id)) throw new ReviewError(`${record.id} is itself split off: split the incident it came from`);
    const parts = (await store.listCorrections({ document: doc.id })).filter((c) => c.action === 'split' && c.target === record.id).length;
    newValue = `${record.id}s${parts + 1}`;
  }
  const c: NewCorrection = { action, target: record.id, document: doc.id, related, anchor: record.evidence, old: oldValue(action, record, value), new: newValue, why, who };
  const correction = await store.addCorrection(c);
  return { correction, records: await reviewedRecords(store, doc) };
}
