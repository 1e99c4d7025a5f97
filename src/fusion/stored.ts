// Fusion in the store: what the SQLite and PostgreSQL stores share. A report (a document's main incident)
// is placed as it is stored: the reports stored within the blocking window of its date are read back with
// their incidents, and the report joins the best of those incidents or opens its own; the incident's
// fused record is then rewritten from its members. Rebuilding replays every stored report in publication
// order, as `sitrep eval` clusters a benchmark set.
import type { IncidentRecord } from '../export/records.ts';
import type { Document } from '../model/document.ts';
import { segment } from '../segment/index.ts';
import { WINDOW_DAYS } from './blocking.ts';
import { Clustering, streamOrder, type Join } from './cluster.ts';
import { loadModel } from './decision.ts';
import { reportProfile, type FusionProfile } from './profile.ts';
import { fusedRecord, type FusedIncident } from './record.ts';

/** One row of fusion_reports: a report, the incident it is in, and how it got there. */
export interface FusionRow {
  report: string;
  doc_id: string;
  incident: string;
  seq: number;
  day: number | null;
  profile: FusionProfile;
  joined_to: string | null;
  probability: number | null;
  why: string | null;
  copy: boolean;
}

const DAY = 86400000;
export const dayNumber = (date: string | null) => {
  if (!date) return null;
  const t = Date.parse(date);
  return Number.isNaN(t) ? null : Math.floor(t / DAY);
};

/** The days a new report's neighbours are read from (undated reports are read too). */
export function windowOf(p: FusionProfile): { from: number; to: number } | null {
  const d = dayNumber(p.date);
  return d === null ? null : { from: d - WINDOW_DAYS, to: d + WINDOW_DAYS };
}

/** The report a stored document contributes to fusion (its main incident), or none when it has no incident record. */
export function storedReport(doc: Document, records: IncidentRecord[]): FusionProfile | undefined {
  if (!records.length) return undefined;
  const p = reportProfile(withTokens(doc));
  return records.some((r) => r.id === p.report) ? p : undefined;
}

/** Places a new report among its stored neighbours: the incident it joins (with the join) or its own. */
export function placeReport(p: FusionProfile, neighbours: { profile: FusionProfile; incident: string }[]): { incident: string; join?: Join } {
  const c = new Clustering(loadModel());
  for (const n of neighbours) c.seed(n.profile, n.incident);
  const { cluster, join } = c.add(p);
  return { incident: cluster.id, join };
}

export function rowOf(p: FusionProfile, placed: { incident: string; join?: Join }, seq: number): FusionRow {
  return {
    report: p.report, doc_id: p.document, incident: placed.incident, seq, day: dayNumber(p.date), profile: p,
    joined_to: placed.join?.to ?? null, probability: placed.join?.probability ?? null, why: placed.join?.why ?? null, copy: placed.join?.copy ?? false,
  };
}

/** Every report placed from scratch, in publication order (the rebuild). */
export function replay(profiles: FusionProfile[]): FusionRow[] {
  const c = new Clustering(loadModel());
  return [...profiles].sort(streamOrder).map((p, seq) => rowOf(p, (({ cluster, join }) => ({ incident: cluster.id, join }))(c.add(p)), seq));
}

/** The fused record of one incident from its rows and their reports' incident records. */
export function recordOf(incident: string, rows: FusionRow[], records: Map<string, IncidentRecord>): FusedIncident | undefined {
  const members = [...rows].sort((a, b) => a.seq - b.seq).filter((r) => records.has(r.report)).map((r) => ({
    record: records.get(r.report)!, profile: r.profile,
    ...(r.joined_to ? { join: { report: r.report, to: r.joined_to, probability: r.probability ?? 0, why: r.why ?? '', copy: r.copy } } : {}),
  }));
  return members.length ? fusedRecord(incident, members) : undefined;
}

/** A stored document with its tokens back (the store keeps every layer but tokens, which the
 * deterministic segment stage recomputes); a syntax layer that no longer lines up with them is left out. */
function withTokens(doc: Document): Document {
  if (doc.tokens.length || !doc.text) return doc;
  const copy: Document = { ...doc, sentences: [], tokens: [] };
  segment(copy);
  const aligned = doc.syntax && doc.syntax.upos.length === copy.tokens.length;
  return { ...doc, tokens: copy.tokens, ...(doc.syntax && !aligned ? { syntax: undefined } : {}), ...(copy.sentences.length === doc.sentences.length ? {} : { sentences: copy.sentences }) };
}
