// An analyst's corrections: each one a stored record (who, when, what, old, new, why) that is applied
// over the extracted incident records every time they are derived, so it survives `reanalyse` and
// reaches every view and export. Nothing extracted is overwritten: rejecting, merging or correcting
// an incident only changes what the records say, and the audit trail says how.
import type { IncidentRecord } from '../export/records.ts';
import { TYPE_BY_CODE } from '../incidents/taxonomy.ts';

/** What a correction does. The first eight act on an incident, the last two on a document. */
export const INCIDENT_ACTIONS = ['reject', 'restore', 'figure', 'place', 'date', 'type', 'merge', 'split'] as const;
export const DOCUMENT_ACTIONS = ['published', 'outlet'] as const;
export type CorrectionAction = (typeof INCIDENT_ACTIONS)[number] | (typeof DOCUMENT_ACTIONS)[number];

export interface PlaceValue { name: string; admin1: string | null; country: string | null; latitude: number; longitude: number; precision: number }
export interface DateValue { earliest: string; latest: string }

/** A correction as given: validated by src/review before it is stored. */
export interface NewCorrection {
  action: CorrectionAction;
  /** An incident id (`<document>-<n>`, or `<document>-<n>s<k>` for a split-off part) or a document id. */
  target: string;
  /** The document the target is in. */
  document: string;
  /** Merge: the document of the incident merged into (its records are derived again too). */
  related?: string | null;
  /** The target incident's evidence span when corrected: finds it again if a newer sitrep renumbers the incidents. */
  anchor?: { start: number; end: number } | null;
  /** The value before, as the record showed it (null for none). */
  old: unknown;
  /** The new value: reject/restore: null; figure: {outcome, low, best, high}; place: PlaceValue; date:
   * DateValue; type: a taxonomy code; merge: the incident id merged into; split: the new part's id;
   * published: YYYY-MM-DD; outlet: a name. */
  new: unknown;
  why: string;
  who: string;
}

export interface Correction extends NewCorrection { id: number; at: string }

/** What an exported record says about the corrections applied to it. */
export interface CorrectionNote { id: number; action: CorrectionAction; old: unknown; new: unknown; why: string; who: string; at: string }

export type RecordStatus = 'ok' | 'rejected' | 'merged';

export type CorrectedRecord = IncidentRecord & { status?: RecordStatus; merged_into?: string; merged_from?: string[]; corrections?: CorrectionNote[] };

const note = (c: Correction): CorrectionNote => ({ id: c.id, action: c.action, old: c.old, new: c.new, why: c.why, who: c.who, at: c.at });

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/**
 * The record a correction is about: the one with its id, while its evidence still overlaps the span the
 * analyst saw; otherwise (the incidents were renumbered by a newer analysis) the one whose evidence
 * overlaps that span most. None when neither holds: the correction is kept and reported as unmatched.
 */
function targetOf(records: CorrectedRecord[], c: Correction): CorrectedRecord | undefined {
  const same = records.find((r) => r.id === c.target);
  if (!c.anchor || (same && overlap(same.evidence, c.anchor) > 0)) return same;
  let best: CorrectedRecord | undefined;
  let most = 0;
  for (const r of records) {
    // A split-off part is found by its own id only.
    if (r.id.includes('s', r.document.length)) continue;
    const o = overlap(r.evidence, c.anchor);
    if (o > most) { most = o; best = r; }
  }
  return best ?? same;
}

/**
 * One document's records with its corrections applied, in the order they were made. Every record is
 * returned, rejected and merged ones with their status (the stores index only those that are 'ok').
 * `corrections` are those whose `document` or `related` is this document.
 */
export function applyCorrections(extracted: IncidentRecord[], corrections: Correction[]): CorrectedRecord[] {
  const records: CorrectedRecord[] = extracted.map((r) => ({ ...r }));
  if (!corrections.length) return records;
  const touch = (r: CorrectedRecord, c: Correction) => { (r.corrections ??= []).push(note(c)); };
  for (const c of [...corrections].sort((a, b) => a.id - b.id)) {
    if (c.action === 'merge' && c.related && c.document !== c.related) {
      // Only the incident merged into is in this document: it lists what was merged into it.
      const into = records.find((r) => r.id === c.new);
      if (into && !records.some((r) => r.id === c.target)) { (into.merged_from ??= []).push(c.target); touch(into, c); }
      if (!records.some((r) => r.id === c.target)) continue;
    }
    if ((DOCUMENT_ACTIONS as readonly string[]).includes(c.action)) {
      // Applied to the document's metadata before analysis; the records show it happened.
      for (const r of records) touch(r, c);
      continue;
    }
    const r = targetOf(records, c);
    if (!r) continue;
    switch (c.action) {
      case 'reject': r.status = 'rejected'; break;
      case 'restore': r.status = 'ok'; delete r.merged_into; break;
      case 'type': {
        const code = String(c.new);
        const acled = TYPE_BY_CODE.get(code)?.acled;
        r.type = code;
        r.other_types = r.other_types.filter((t) => t !== code);
        r.acled_event_type = acled?.event_type ?? null;
        r.acled_sub_event_type = acled?.sub_event_type ?? null;
        break;
      }
      case 'date': {
        const d = c.new as DateValue;
        r.event_date = d.earliest;
        r.event_date_latest = d.latest;
        r.time_precision = d.earliest === d.latest ? 1 : 2;
        break;
      }
      case 'place': {
        const p = c.new as PlaceValue;
        Object.assign(r, { location: p.name, admin1: p.admin1, country: p.country, latitude: p.latitude, longitude: p.longitude, geo_precision: p.precision });
        break;
      }
      case 'figure': {
        const f = c.new as { outcome: string; low: number; best: number; high: number };
        if (f.outcome === 'killed') Object.assign(r, { fatalities: f.best, fatalities_low: f.low, fatalities_best: f.best, fatalities_high: f.high, fatalities_from: undefined });
        // The extracted figures stay (with their sources); the analyst's figure is one more, sourced to the correction.
        r.figures = [...r.figures.filter((x) => !(x.outcome === f.outcome && x.group === 'analyst')),
          { group: 'analyst', outcome: f.outcome as any, low: f.low, best: f.best, high: f.high, contested: false, sources: [] }];
        break;
      }
      case 'merge': {
        r.status = 'merged';
        r.merged_into = String(c.new);
        const into = records.find((x) => x.id === c.new);
        if (into) (into.merged_from ??= []).push(r.id);
        if (into) touch(into, c);
        break;
      }
      case 'split': {
        // A second incident from the same report, a copy to be corrected on its own (place, date, figure).
        const part: CorrectedRecord = { ...r, id: String(c.new), corrections: [], merged_from: undefined };
        records.splice(records.indexOf(r) + 1, 0, part);
        touch(part, c);
        break;
      }
    }
    touch(r, c);
  }
  return records;
}

/** The document corrections' values, applied to metadata before the stages run (latest wins). */
export function correctedMeta<M extends { published?: string; outlet?: string; publishedFrom?: string }>(meta: M, corrections: Correction[]): M {
  const out = { ...meta };
  for (const c of [...corrections].sort((a, b) => a.id - b.id)) {
    if (c.action === 'published') { out.published = String(c.new); (out as any).publishedFrom = 'option'; }
    if (c.action === 'outlet') out.outlet = String(c.new);
  }
  return out;
}

/** The CSV's words for a record's corrections: "#3 date: 2025-03-10 -> 2025-03-11 (alice, 2026-...: why)". */
export function describeCorrections(notes: CorrectionNote[] | undefined): string {
  const show = (v: unknown) => (v === null || v === undefined ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (notes ?? []).map((n) => `#${n.id} ${n.action}: ${show(n.old)} -> ${show(n.new)} (${n.who}, ${n.at}: ${n.why})`).join(' | ');
}
