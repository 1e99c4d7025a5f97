// The fused record's figures, chosen among its reports' (fusion does not re-read the texts): killed and
// injured are the figure most reports give, ties to the larger (a later report's updated toll is
// usually the larger one); the date is the incident date most reports give (publication dates stand in
// only when no report dates the incident), ties to the earliest; the place is the town the reports
// name most often, counted over all their mentions, ties to the incident place of the most reports.
import { haversineKm } from '../where/distance.ts';
import type { FusionProfile } from './profile.ts';

export interface FusedFigures { killed: number; injured: number; date: string | null; lat: number | null; lon: number | null; place: string | null }

/** The value most reports give (0 counted only when no report gives more), ties to the larger. */
export function modeOf(values: number[]): number {
  const stated = values.filter((v) => v > 0);
  if (!stated.length) return 0;
  const n = new Map<number, number>();
  for (const v of stated) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
}

export function fusedFigures(reports: FusionProfile[]): FusedFigures {
  const killed = modeOf(reports.map((r) => r.killed));
  const injured = modeOf(reports.map((r) => r.injured));
  const dated = reports.filter((r) => r.dateFrom === 'incident' && r.date);
  const dates = (dated.length ? dated : reports.filter((r) => r.date)).map((r) => r.date!.slice(0, 10));
  const dn = new Map<string, number>();
  for (const d of dates) dn.set(d, (dn.get(d) ?? 0) + 1);
  const date = [...dn.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  const point = votedPoint(reports);
  return { killed, injured, date, lat: point?.lat ?? null, lon: point?.lon ?? null, place: point?.name ?? null };
}

/** The point the reports agree on: each report's incident point and named towns vote for every
 * candidate within 25 km of them (the incident point counts double). */
function votedPoint(reports: FusionProfile[]): { lat: number; lon: number; name: string | null } | undefined {
  const cands: { lat: number; lon: number; name: string | null; w: number }[] = [];
  for (const r of reports) {
    if (r.lat !== null && r.lon !== null) cands.push({ lat: r.lat, lon: r.lon, name: r.place, w: 2 });
    for (const t of r.towns ?? []) cands.push({ lat: t.lat, lon: t.lon, name: t.name, w: t.count });
  }
  if (!cands.length) return undefined;
  let best: { c: (typeof cands)[number]; votes: number } | undefined;
  for (const c of cands) {
    let votes = 0;
    for (const o of cands) if (haversineKm(c.lat, c.lon, o.lat, o.lon) <= 25) votes += o.w;
    if (!best || votes > best.votes) best = { c, votes };
  }
  return best && { lat: best.c.lat, lon: best.c.lon, name: best.c.name };
}
