// Incident records for export: one flat, self-describing record per incident, with its provenance
// (document id, outlet, evidence span) and its figures reconciled across sources.
import { acledFatalities } from '../claims/acled.ts';
import type { Document, Span } from '../model/document.ts';
import type { Incident, ReconciledFigure } from '../model/incident.ts';
import { lastStartingAtOrBefore } from '../model/search.ts';
import { totalOf } from '../incidents/reconcile.ts';
import { TYPE_BY_CODE } from '../incidents/taxonomy.ts';

/** A source's figure, traceable without the document: the claim's span, its sentence and the document. */
export interface TracedSource {
  name: string;
  /** Index into the document's claims. */
  claim: number;
  min: number;
  max: number | null;
  vague?: string;
  /** The document the claim is in (content hash). */
  document: string;
  /** The claim's span in that document's text. */
  start: number;
  end: number;
  /** The sentence holding the claim: its span and text (text === document text.slice(start, end)). */
  sentence: Span & { text: string };
}

export type RecordFigure = Omit<ReconciledFigure, 'sources'> & { sources: TracedSource[] };

export interface IncidentRecord {
  id: string;
  document: string;
  outlet: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  type: string;
  other_types: string[];
  acled_event_type: string | null;
  acled_sub_event_type: string | null;
  event_date: string | null;
  event_date_latest: string | null;
  time_precision: number | null;
  location: string | null;
  admin1: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  geo_precision: number | null;
  actors: { name: string; role: string }[];
  /** ACLED's conservative death count, derived from the claims (the incident's own count, src/incidents/reconcile.ts; src/claims/acled.ts for incidents stored before it). */
  fatalities: number;
  /** Where `fatalities` comes from: one claim (index into the document's claims), or the stated sum of disjoint groups' claims. */
  fatalities_from?: { rule: 'claim' | 'sum' | 'none'; claims: number[] };
  /** Deaths reconciled across sources (over victim groups, parts not counted twice: low / best / high). */
  fatalities_low: number | null;
  fatalities_best: number | null;
  fatalities_high: number | null;
  contested: boolean;
  figures: RecordFigure[];
  /** Who the incident's claims are attributed to (relaying media first), in order of appearance. */
  sources: string[];
  /** Whom the casualty claims are about, by their stated victims: civilians, combatants, both, or unknown. */
  victims: 'civilians' | 'combatants' | 'both' | null;
  /** A summary: the body sentences describing the incident (no headline, byline or dateline), in one paragraph. */
  notes: string;
  evidence: { start: number; end: number };
}

export interface RecordFilter { from?: string; to?: string; country?: string; type?: string }

export function incidentRecords(doc: Document): IncidentRecord[] {
  return doc.incidents.map((inc, n) => {
    const acled = TYPE_BY_CODE.get(inc.type)?.acled;
    // Summed over victim groups, parts of a group not counted twice (src/incidents/reconcile.ts).
    const killed = totalOf(inc.figures);
    const sum = (k: 'low' | 'best' | 'high') => (killed ? killed[k] : null);
    return {
      id: `${doc.id}-${n + 1}`,
      document: doc.id,
      outlet: doc.meta.outlet ?? null,
      url: doc.meta.url ?? null,
      title: doc.meta.title ?? null,
      published: doc.meta.published ?? null,
      type: inc.type,
      other_types: inc.otherTypes ?? [],
      acled_event_type: acled?.event_type ?? null,
      acled_sub_event_type: acled?.sub_event_type ?? null,
      event_date: inc.time?.earliest ?? null,
      event_date_latest: inc.time?.latest ?? null,
      time_precision: inc.time?.precision ?? null,
      location: inc.place?.name ?? null,
      admin1: inc.place?.admin1 ?? null,
      country: inc.place?.country ?? null,
      latitude: inc.place?.lat ?? null,
      longitude: inc.place?.lon ?? null,
      geo_precision: inc.place?.precision ?? null,
      actors: inc.actors.map((a) => ({ name: a.name, role: a.role })),
      fatalities: inc.fatalities?.count ?? acledFatalities(doc, inc.claims),
      ...(inc.fatalities ? { fatalities_from: { rule: inc.fatalities.rule, claims: inc.fatalities.claims } } : {}),
      fatalities_low: sum('low'),
      fatalities_best: sum('best'),
      fatalities_high: sum('high'),
      contested: inc.figures.some((f) => f.contested),
      figures: inc.figures.map((f) => ({ ...f, sources: f.sources.map((src) => traced(doc, src)) })),
      sources: sourcesOf(doc, inc),
      victims: victimsOf(doc, inc),
      notes: summary(doc, inc),
      evidence: inc.evidence,
    };
  });
}

/** A figure's source with the claim's span and sentence. */
function traced(doc: Document, s: ReconciledFigure['sources'][number]): TracedSource {
  const claim = doc.claims[s.claim];
  const start = claim?.start ?? 0;
  const end = claim?.end ?? 0;
  const k = lastStartingAtOrBefore(doc.sentences, start);
  const sentence = k >= 0 && doc.sentences[k].end >= end ? doc.sentences[k] : { start, end };
  return {
    ...s, document: s.document ?? doc.id, start, end,
    sentence: { start: sentence.start, end: sentence.end, text: doc.text.slice(sentence.start, sentence.end) },
  };
}

function sourcesOf(doc: Document, inc: Incident): string[] {
  const seen = new Map<string, string>();
  const add = (name: string | undefined) => { const n = name?.trim(); if (n && !seen.has(n.toLowerCase())) seen.set(n.toLowerCase(), n); };
  for (const i of inc.claims) {
    const src = doc.claims[i]?.source;
    if (!src || src.kind === 'narrator') continue;
    for (const v of src.via ?? []) add(v.name);
    add(src.name);
  }
  return [...seen.values()];
}

function victimsOf(doc: Document, inc: Incident): IncidentRecord['victims'] {
  let civilians = false;
  let combatants = false;
  for (const i of inc.claims) {
    const c = doc.claims[i];
    if (c?.kind !== 'casualties' || c.subject?.civilian === undefined) continue;
    if (c.subject.civilian) civilians = true;
    else combatants = true;
  }
  return civilians && combatants ? 'both' : civilians ? 'civilians' : combatants ? 'combatants' : null;
}

const NOTES_LENGTH = 500;

/**
 * The incident's evidence as one paragraph: its body sentences (captions, headline, byline and dateline
 * left out) while they fit in about 500 characters, whole sentences only (a first sentence longer than
 * that is cut at a word, with an ellipsis).
 */
function summary(doc: Document, inc: Incident): string {
  const { start, end } = inc.evidence;
  const inEvidence = doc.sentences.filter((s) => s.end > start && s.start < end);
  const body = inEvidence.filter((s) => doc.sections[s.section]?.kind === 'body');
  const chosen = body.length ? body : inEvidence.filter((s) => doc.sections[s.section]?.kind !== 'byline' && doc.sections[s.section]?.kind !== 'dateline');
  const clean = (s: Span) => doc.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
  const parts: string[] = [];
  let length = 0;
  for (const s of chosen) {
    const text = clean(s);
    if (!text) continue;
    if (parts.length && length + 1 + text.length > NOTES_LENGTH) break;
    parts.push(text);
    length += text.length + 1;
  }
  let notes = parts.join(' ');
  if (!notes) notes = clean(inc.evidence);
  if (notes.length > NOTES_LENGTH + 100) {
    const cut = notes.lastIndexOf(' ', NOTES_LENGTH);
    notes = notes.slice(0, cut > 0 ? cut : NOTES_LENGTH) + '…';
  }
  return notes;
}

export function matches(r: IncidentRecord, f: RecordFilter): boolean {
  if (f.from && (!r.event_date || (r.event_date_latest ?? r.event_date) < f.from)) return false;
  if (f.to && (!r.event_date || r.event_date > f.to)) return false;
  if (f.country && r.country?.toUpperCase() !== f.country.toUpperCase()) return false;
  if (f.type && r.type !== f.type && !r.other_types.includes(f.type)) return false;
  return true;
}
