// Incident records for export: one flat, self-describing record per incident, with its provenance
// (document id, outlet, evidence span) and its figures reconciled across sources.
import { acledFatalities } from '../claims/acled.ts';
import type { Document } from '../model/document.ts';
import type { ReconciledFigure } from '../model/incident.ts';
import { totalOf } from '../incidents/reconcile.ts';
import { TYPE_BY_CODE } from '../incidents/taxonomy.ts';

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
  /** ACLED's conservative death count, derived from the claims (src/claims/acled.ts). */
  fatalities: number;
  /** Deaths reconciled across sources (over victim groups, parts not counted twice: low / best / high). */
  fatalities_low: number | null;
  fatalities_best: number | null;
  fatalities_high: number | null;
  contested: boolean;
  figures: ReconciledFigure[];
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
      fatalities: acledFatalities(doc, inc.claims),
      fatalities_low: sum('low'),
      fatalities_best: sum('best'),
      fatalities_high: sum('high'),
      contested: inc.figures.some((f) => f.contested),
      figures: inc.figures,
      notes: doc.text.slice(inc.evidence.start, inc.evidence.end).replace(/\s+/g, ' ').slice(0, 500),
      evidence: inc.evidence,
    };
  });
}

export function matches(r: IncidentRecord, f: RecordFilter): boolean {
  if (f.from && (!r.event_date || (r.event_date_latest ?? r.event_date) < f.from)) return false;
  if (f.to && (!r.event_date || r.event_date > f.to)) return false;
  if (f.country && r.country?.toUpperCase() !== f.country.toUpperCase()) return false;
  if (f.type && r.type !== f.type && !r.other_types.includes(f.type)) return false;
  return true;
}
