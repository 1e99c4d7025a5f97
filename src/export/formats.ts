// Serialisations of incident records: ACLED-like CSV (RFC 4180 quoting) and GeoJSON (RFC 7946).
import { actorTypeIn, countryInfo, disorderType, interaction } from './acled.ts';
import { describeCorrections, type CorrectedRecord } from '../store/corrections.ts';
import type { IncidentRecord } from './records.ts';

/**
 * ACLED's columns in ACLED's order, then sitrep's own. Filled from the record, or left empty when the
 * data does not support them: admin2 and admin3 (the gazetteer has first-level divisions only),
 * source_scale (local/national/international needs a list of outlets), tags and timestamp (ACLED's
 * coding and upload time); inter1/inter2 only when an actor's name says its type.
 */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

export const CSV_COLUMNS = [
  ...ACLED_COLUMNS,
  'event_id', 'sitrep_type', 'country_code', 'iso3', 'event_date_latest', 'fatalities_low', 'fatalities_best', 'fatalities_high',
  'contested', 'document_id', 'url', 'corrections',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return) gets a leading single quote, as OWASP recommends; numbers are written as numbers.
 */
export function cell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

function host(url: string | null): string | undefined {
  if (!url) return undefined;
  try { return new URL(url).hostname || undefined; } catch { return undefined; }
}

/** The record's values by column name. */
export function csvValues(r: IncidentRecord): Record<CsvColumn, unknown> {
  const attackers = r.actors.filter((a) => a.role === 'attacker');
  const primary = attackers[0] ?? r.actors.find((a) => a.role === 'other');
  const rest = r.actors.filter((a) => a !== primary && a.role !== 'attacker' && a.role !== 'ally');
  const second = rest.find((a) => a.role === 'target') ?? rest[0];
  const assoc1 = r.actors.filter((a) => a !== primary && (a.role === 'attacker' || a.role === 'ally'));
  const assoc2 = r.actors.filter((a) => a !== second && a.role === 'target');
  const info = countryInfo(r.country);
  // State forces abroad are "External/Other forces" (ACLED's codebook).
  const typeOf = (name: string | undefined) => (name ? actorTypeIn(name, r.country) : undefined);
  const inter1 = typeOf(primary?.name);
  const inter2 = typeOf(second?.name);
  const civilianTargeting = r.acled_event_type === 'Violence against civilians'
    || (r.acled_event_type === 'Explosions/Remote violence' && r.victims === 'civilians' && (!second || inter2 === 'Civilians'));
  const outlet = r.outlet ?? host(r.url);
  const sources = [...new Set([...(outlet ? [outlet] : []), ...(r.sources ?? [])])];
  return {
    event_id_cnty: `${info?.alpha3 ?? ''}${r.id}`,
    event_date: r.event_date,
    year: r.event_date ? Number(r.event_date.slice(0, 4)) : null,
    time_precision: r.time_precision,
    disorder_type: disorderType(r.acled_event_type, r.acled_sub_event_type),
    event_type: r.acled_event_type,
    sub_event_type: r.acled_sub_event_type,
    actor1: primary?.name,
    assoc_actor_1: assoc1.map((a) => a.name).join('; '),
    inter1,
    actor2: second?.name,
    assoc_actor_2: assoc2.map((a) => a.name).join('; '),
    inter2,
    interaction: interaction(inter1, inter2, second !== undefined),
    civilian_targeting: civilianTargeting ? 'Civilian targeting' : '',
    iso: info ? Number(info.numeric) : null,
    region: info?.region,
    country: info?.name ?? r.country,
    // ACLED's admin1 is a name; a bare GeoNames code (a division data/admin1.tsv does not name) is left out.
    admin1: r.admin1 && !/^(?:\d+|[A-Z\d]{1,3})$/.test(r.admin1) ? r.admin1 : null,
    admin2: null,
    admin3: null,
    location: r.location,
    latitude: r.latitude,
    longitude: r.longitude,
    geo_precision: r.geo_precision,
    source: sources.join('; '),
    source_scale: null,
    notes: r.notes,
    fatalities: r.fatalities,
    tags: null,
    timestamp: null,
    event_id: r.id,
    sitrep_type: r.type,
    country_code: r.country,
    iso3: info?.alpha3,
    event_date_latest: r.event_date_latest,
    fatalities_low: r.fatalities_low,
    fatalities_best: r.fatalities_best,
    fatalities_high: r.fatalities_high,
    contested: r.contested,
    document_id: r.document,
    url: r.url,
    // An analyst's corrections applied to this row, each with its audit record (sitrep review --list).
    corrections: describeCorrections((r as CorrectedRecord).corrections),
  };
}

export function csvRow(r: IncidentRecord): string {
  const values = csvValues(r);
  return CSV_COLUMNS.map((c) => cell(values[c])).join(',') + '\r\n';
}

/** A GeoJSON Feature (Point, [longitude, latitude]); incidents without a place have a null geometry. */
export function geojsonFeature(r: IncidentRecord): object {
  const { latitude, longitude, ...properties } = r;
  return {
    type: 'Feature',
    id: r.id,
    geometry: latitude !== null && longitude !== null ? { type: 'Point', coordinates: [longitude, latitude] } : null,
    properties,
  };
}
