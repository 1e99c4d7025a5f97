// Serialisations of incident records: ACLED-like CSV (RFC 4180 quoting) and GeoJSON (RFC 7946).
import type { IncidentRecord } from './records.ts';

export const CSV_COLUMNS = [
  'event_id', 'event_date', 'event_type', 'sub_event_type', 'sitrep_type', 'actor1', 'actor2', 'country', 'admin1', 'location',
  'latitude', 'longitude', 'geo_precision', 'time_precision', 'source', 'notes', 'fatalities', 'fatalities_low',
  'fatalities_best', 'fatalities_high', 'contested', 'document_id', 'url',
] as const;

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

export function csvRow(r: IncidentRecord): string {
  const attackers = r.actors.filter((a) => a.role === 'attacker');
  const others = r.actors.filter((a) => a.role !== 'attacker');
  const actor1 = (attackers[0] ?? others[0])?.name ?? '';
  const actor2 = (attackers[0] ? others[0] : others[1])?.name ?? '';
  const values = [
    r.id, r.event_date, r.acled_event_type, r.acled_sub_event_type, r.type, actor1, actor2, r.country, r.admin1, r.location,
    r.latitude, r.longitude, r.geo_precision, r.time_precision, r.outlet, r.notes, r.fatalities, r.fatalities_low,
    r.fatalities_best, r.fatalities_high, r.contested, r.document, r.url,
  ];
  return values.map(cell).join(',') + '\r\n';
}

/** A GeoJSON Feature (Point, [longitude, latitude]); incidents without a place have a null geometry. */
export function geojsonFeature(r: IncidentRecord): object {
  const { latitude, longitude, ...properties } = r;
  return {
    type: 'Feature',
    id: r.id,
    geometry: latitude !== null && longitude !== null ? { type: 'Point', coordinates: [longitude, latitude] } : null,
    properties: { ...properties, actors: r.actors.map((a) => `${a.name} (${a.role})`).join('; '), figures: JSON.stringify(r.figures) },
  };
}
