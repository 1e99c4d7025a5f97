// Fusion: reports of one incident from different documents (outlets, days) joined into one incident.
// Computed at export time from the stored per-report records, so it is reversible (export without
// --fuse gives the reports) and explainable (each join records why). Two reports join when their
// dates are at most a day apart, their places within 25 km (both known to the town or "near" it), their
// types are compatible (one ACLED event type, or one report's text also supports the other's type), and
// they come from different documents. Joins are single-link.
import { sameGroup } from '../claims/groups.ts';
import { haversineKm } from '../where/distance.ts';
import { summarise, totalOf } from '../incidents/reconcile.ts';
import type { IncidentRecord, RecordFigure } from './records.ts';

export const MAX_KM = 25;
export const MAX_DAYS = 1;

export interface FusedIncident extends IncidentRecord {
  /** The per-report records joined here (their ids), and why each join was made. */
  reports: string[];
  joins: { a: string; b: string; why: string }[];
  documents: string[];
}

const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86400000;

/** Why two reports describe the same incident, or undefined when they do not. */
export function joinReason(a: IncidentRecord, b: IncidentRecord): string | undefined {
  if (a.document === b.document) return undefined;
  if (!a.event_date || !b.event_date || a.latitude === null || b.latitude === null || a.longitude === null || b.longitude === null) return undefined;
  if ((a.geo_precision ?? 3) > 2 || (b.geo_precision ?? 3) > 2) return undefined;
  const gap = Math.min(days(a.event_date, b.event_date), days(a.event_date_latest ?? a.event_date, b.event_date), days(a.event_date, b.event_date_latest ?? b.event_date));
  if (gap > MAX_DAYS) return undefined;
  const km = haversineKm(a.latitude, a.longitude, b.latitude, b.longitude);
  if (km > MAX_KM) return undefined;
  // Compatible types: one ACLED event type, or a type the other report's text also supports.
  const sameType = a.acled_event_type === b.acled_event_type;
  if (!sameType && !a.other_types.includes(b.type) && !b.other_types.includes(a.type)) return undefined;
  const kind = sameType ? `both ${a.acled_event_type}` : `types ${a.type} and ${b.type} compatible`;
  return `${gap === 0 ? 'same day' : `${gap} day apart`} (${a.event_date} / ${b.event_date}); ${km.toFixed(1)} km apart (${a.location} / ${b.location}); ${kind}`;
}

/** Figures of all reports together, per victim group and outcome (same rule as within a document). */
function mergeFigures(records: IncidentRecord[]): RecordFigure[] {
  const merged: RecordFigure[] = [];
  for (const r of records) {
    for (const f of r.figures) {
      // Each source keeps its document: claim indices are per document.
      const sources = f.sources.map((s) => ({ ...s, name: `${s.name} (${r.outlet ?? r.document})`, document: r.document }));
      const same = merged.find((m) => m.outcome === f.outcome && (m.group === f.group || (m.group && f.group && sameGroup(m.group, f.group))));
      if (same) same.sources.push(...sources);
      else merged.push({ ...f, sources });
    }
  }
  for (const m of merged) Object.assign(m, summarise(m.sources));
  return merged;
}

export function fuse(records: IncidentRecord[]): FusedIncident[] {
  const parent = records.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const joins: { a: number; b: number; why: string }[] = [];
  // Only dated reports can join, and only with reports at most MAX_DAYS after their window: in date
  // order each report is compared with the few that follow it, not with every other (10,000 reports
  // fuse in well under a second).
  const dated = records.map((r, i) => ({ r, i, t: r.event_date ? Date.parse(r.event_date) : NaN })).filter((x) => !Number.isNaN(x.t)).sort((a, b) => a.t - b.t);
  for (let x = 0; x < dated.length; x++) {
    const a = dated[x];
    const until = Date.parse(a.r.event_date_latest ?? a.r.event_date!) + MAX_DAYS * 86400000;
    for (let y = x + 1; y < dated.length && dated[y].t <= until; y++) {
      const b = dated[y];
      const [i, j] = a.i < b.i ? [a.i, b.i] : [b.i, a.i];
      const why = joinReason(records[i], records[j]);
      if (why) { joins.push({ a: i, b: j, why }); parent[find(j)] = find(i); }
    }
  }
  const clusters = new Map<number, number[]>();
  records.forEach((_, i) => { const root = find(i); const list = clusters.get(root); if (list) list.push(i); else clusters.set(root, [i]); });
  const joinsOf = new Map<number, { a: number; b: number; why: string }[]>();
  for (const j of joins) { const root = find(j.a); const list = joinsOf.get(root); if (list) list.push(j); else joinsOf.set(root, [j]); }
  return [...clusters.values()].map((members) => {
    const rs = members.map((i) => records[i]);
    // The most precise report locates and dates the fused incident.
    const lead = [...rs].sort((x, y) => (x.geo_precision ?? 3) - (y.geo_precision ?? 3) || (x.time_precision ?? 3) - (y.time_precision ?? 3))[0];
    const figures = mergeFigures(rs);
    const killed = totalOf(figures);
    const sum = (k: 'low' | 'best' | 'high') => (killed ? killed[k] : lead[`fatalities_${k}`]);
    const actors = new Map<string, { name: string; role: string }>();
    for (const r of rs) for (const a of r.actors) if (!actors.has(a.name)) actors.set(a.name, a);
    return {
      ...lead,
      id: rs.length > 1 ? `fused-${lead.id}` : lead.id,
      outlet: [...new Set(rs.map((r) => r.outlet).filter(Boolean))].join('; ') || null,
      actors: [...actors.values()],
      fatalities: Math.min(...rs.map((r) => r.fatalities)),
      fatalities_low: sum('low'),
      fatalities_best: sum('best'),
      fatalities_high: sum('high'),
      contested: figures.some((f) => f.contested),
      figures,
      // Every report's sources (records stored before they were recorded have none).
      sources: [...new Set(rs.flatMap((r) => r.sources ?? []))],
      reports: rs.map((r) => r.id),
      documents: [...new Set(rs.map((r) => r.document))],
      joins: (joinsOf.get(find(members[0])) ?? []).map((j) => ({ a: records[j.a].id, b: records[j.b].id, why: j.why })),
    };
  });
}
