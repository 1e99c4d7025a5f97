// A report's fusion profile: what fusion compares between two reports, read once from the analysed
// document and its main incident record, small enough to keep in the store beside the clustering (a
// new report is compared with stored profiles, never with re-analysed documents).
import type { Document } from '../model/document.ts';
import type { IncidentRecord } from '../export/records.ts';
import { totalOf } from '../incidents/reconcile.ts';
import { sketch } from './syndication.ts';
import { incidentRecords } from '../export/records.ts';
import { mainIncident } from '../eval/sets/main-incident.ts';

export interface FusionProfile {
  /** The report: the incident record's id (one report = one document's main incident). */
  report: string;
  document: string;
  outlet: string | null;
  title: string | null;
  published: string | null;
  /** The incident's date as the report gives it, else its publication date (dateFrom says which). */
  date: string | null;
  dateLatest: string | null;
  dateFrom: 'incident' | 'published' | null;
  lat: number | null;
  lon: number | null;
  /** The incident's place name and region, and every town the report names (lower-cased). */
  place: string | null;
  admin1: string | null;
  places: string[];
  /** Each town the report names with its coordinates and how often it is named: the fused record's place
   * is voted among its reports' towns (fusion chooses among the sources, it does not geocode). */
  towns: { name: string; lat: number; lon: number; admin1: string | null; count: number }[];
  /** People named in the report, by their fullest name's last word (lower-cased): victims, suspects, officials. */
  names: string[];
  killed: number;
  injured: number;
  weapons: string[];
  /** Content words of the event sentences (headline, lede, the sentences with casualty figures), with counts. */
  terms: Record<string, number>;
  /** Bottom-k sketch of the body's word 5-shingles: near-identical texts (syndicated copies) share most of it. */
  sketch: number[];
}

const CONTENT = new Set(['NOUN', 'PROPN', 'VERB', 'NUM', 'ADJ']);
const LEDE_SENTENCES = 5;

/** The report's profile; `record` is its main incident (absent when the pipeline found none). */
export function profileOf(doc: Document, record: IncidentRecord | undefined, report = record?.id ?? doc.id): FusionProfile {
  const published = doc.meta.published?.slice(0, 10) ?? null;
  const figure = (o: 'killed' | 'injured') => {
    const t = record ? totalOf(record.figures as never, o) : null;
    return t ? Math.floor(t.best) : 0;
  };
  const towns = doc.places.filter((p) => p.name && (p.precision ?? 3) <= 2);
  const regionVotes = new Map<string, number>();
  for (const p of doc.places) if (p.admin1) regionVotes.set(p.admin1, (regionVotes.get(p.admin1) ?? 0) + 1);
  const topRegion = [...regionVotes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  // Fall back on the first town the report names when the incident has no place of its own.
  const point = record?.latitude != null && record.longitude != null ? { lat: record.latitude, lon: record.longitude } : towns[0]?.lat != null ? { lat: towns[0].lat!, lon: towns[0].lon! } : null;
  const names = new Set<string>();
  for (const e of doc.entities) {
    if (e.kind !== 'person') continue;
    const last = e.name.toLowerCase().split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).pop();
    if (last) names.add(last.replace(/[^\p{L}'-]/gu, ''));
  }
  const weapons = new Set<string>();
  for (const c of doc.claims) if (c.kind === 'weapons' && Array.isArray(c.value)) for (const w of c.value) weapons.add(w.toLowerCase());
  return {
    report, document: doc.id, outlet: doc.meta.outlet ?? null, title: doc.meta.title ?? null, published,
    date: record?.event_date ?? published, dateLatest: record?.event_date ? record.event_date_latest : published,
    dateFrom: record?.event_date ? 'incident' : published ? 'published' : null,
    lat: point?.lat ?? null, lon: point?.lon ?? null,
    place: record?.location?.toLowerCase() ?? towns[0]?.name?.toLowerCase() ?? null,
    admin1: record?.admin1 ?? topRegion,
    places: [...new Set(towns.map((p) => p.name!.toLowerCase()))],
    towns: townCounts(towns),
    names: [...names].filter(Boolean),
    killed: figure('killed'), injured: figure('injured'),
    weapons: [...weapons],
    terms: eventTerms(doc),
    sketch: sketch(bodyText(doc)),
  };
}

/**
 * The profile of a document as one report: its main incident (the one with the largest toll, as the
 * victims and fusion scorers read it). When the incidents stage found none, the document's casualty
 * claims, incident place and date stand in for it; `report` names the report (default: the record id).
 */
export function reportProfile(doc: Document, report?: string): FusionProfile {
  const main = mainIncident(doc);
  const record = main && main.index >= 0 ? incidentRecords(doc)[main.index] : undefined;
  const p = profileOf(doc, record, report ?? record?.id ?? `${doc.id}-0`);
  if (!record && main) {
    p.killed = main.killed;
    p.injured = main.injured;
    if (main.time?.earliest) Object.assign(p, { date: main.time.earliest, dateLatest: main.time.latest ?? main.time.earliest, dateFrom: 'incident' });
    if (main.place?.lat !== undefined && main.place.lon !== undefined) Object.assign(p, { lat: main.place.lat, lon: main.place.lon, place: main.place.name?.toLowerCase() ?? p.place, admin1: main.place.admin1 ?? p.admin1 });
  }
  return p;
}

/** Sentences that tell the event: the headline, the first body sentences and those holding casualty claims. */
function eventSentences(doc: Document): Set<number> {
  const chosen = new Set<number>();
  let body = 0;
  doc.sentences.forEach((s, i) => {
    const kind = doc.sections[s.section]?.kind;
    if (kind === 'headline') chosen.add(i);
    else if (kind === 'body' && body++ < LEDE_SENTENCES) chosen.add(i);
  });
  for (const c of doc.claims) {
    if (c.kind !== 'casualties') continue;
    const i = doc.sentences.findIndex((s) => s.start <= c.start && c.start < s.end);
    if (i >= 0) chosen.add(i);
  }
  return chosen;
}

function eventTerms(doc: Document): Record<string, number> {
  const chosen = eventSentences(doc);
  const terms: Record<string, number> = {};
  doc.tokens.forEach((t, i) => {
    if (!chosen.has(t.sentence)) return;
    const upos = doc.syntax?.upos[i];
    if (upos ? !CONTENT.has(upos) : t.kind !== 'word' && t.kind !== 'number') return;
    // Word forms, not lemmas: the document frequencies (models/fusion-idf.json.gz) count word forms.
    const word = doc.text.slice(t.start, t.end).toLowerCase();
    if (word.length < 2 && upos !== 'NUM') return;
    terms[word] = (terms[word] ?? 0) + 1;
  });
  return terms;
}

/** The body's text (headline, byline and captions left out), for the syndication sketch. */
function bodyText(doc: Document): string {
  const body = doc.sections.filter((s) => s.kind === 'body');
  return (body.length ? body.map((s) => doc.text.slice(s.start, s.end)) : [doc.text]).join('\n');
}

function townCounts(places: Document['places']): FusionProfile['towns'] {
  const byName = new Map<string, FusionProfile['towns'][number]>();
  for (const p of places) {
    if (p.lat === undefined || p.lon === undefined || !p.name) continue;
    const key = `${p.name.toLowerCase()}|${p.lat.toFixed(2)}|${p.lon.toFixed(2)}`;
    const t = byName.get(key);
    if (t) t.count++;
    else byName.set(key, { name: p.name, lat: p.lat, lon: p.lon, admin1: p.admin1 ?? null, count: 1 });
  }
  return [...byName.values()];
}
