// Fusion in the exports and the API's ?fuse=1 views: the fused incidents the store keeps (src/fusion,
// placed as each report was ingested) in place of the reports they join. Reversible: without --fuse
// (or ?fuse=1) the reports come out as they were stored; explainable: each fused record lists its
// joins with the evidence and probability of each, its toll over time and its grade.
import type { FusedIncident } from '../fusion/record.ts';
import type { IncidentRecord } from './records.ts';

export type { FusedIncident } from '../fusion/record.ts';

/**
 * The records a fused view shows: each stored fused incident that holds one of `records` (the reports a
 * filter kept), in place of its reports, and every record no fused incident holds (a document's other
 * incidents, which fusion does not place) as it is. Order: the records' order, each fused incident where
 * its first kept report was.
 */
export function fusedView(records: IncidentRecord[], fused: FusedIncident[]): (IncidentRecord | FusedIncident)[] {
  const byReport = new Map<string, FusedIncident>();
  for (const f of fused) for (const r of f.reports) byReport.set(r, f);
  const out: (IncidentRecord | FusedIncident)[] = [];
  const shown = new Set<string>();
  for (const r of records) {
    const f = byReport.get(r.id);
    if (!f) { out.push(r); continue; }
    if (shown.has(f.id)) continue;
    shown.add(f.id);
    out.push(f);
  }
  return out;
}
