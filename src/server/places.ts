// Place labels for the map, from the shipped gazetteer (no tile server): the most populous towns in
// view, more of them as the user zooms in, and country names when zoomed out.
import { loadGazetteer } from '../where/gazetteer.ts';

export interface Label { name: string; lat: number; lon: number; kind: 'country' | 'capital' | 'city' | 'town'; population: number }

/** Towns smaller than this are not labelled at any zoom (the map would be a list of villages). */
const MIN_POPULATION = 15_000;

let index: Label[] | undefined;

/** Every labelled place, most populous first (built once, on the first request: 1-4 s on a busy machine). */
function labels(): Label[] {
  if (index) return index;
  const g = loadGazetteer();
  const out: Label[] = [];
  // The gazetteer gives countries no population: the sum of their towns' ranks them instead.
  const countries: { label: Label; code: string }[] = [];
  const urban = new Map<string, number>();
  for (let row = 0; row < g.size; row++) {
    const p = g.get(row);
    if (p.feature.startsWith('PPL')) urban.set(p.country, (urban.get(p.country) ?? 0) + p.population);
    if (p.feature === 'PCLI') { const label: Label = { name: p.name, lat: p.lat, lon: p.lon, kind: 'country', population: 0 }; countries.push({ label, code: p.country }); out.push(label); }
    else if (p.feature.startsWith('PPL') && (p.population >= MIN_POPULATION || p.feature === 'PPLC')) {
      out.push({ name: p.name, lat: p.lat, lon: p.lon, kind: p.feature === 'PPLC' ? 'capital' : p.population >= 250_000 ? 'city' : 'town', population: p.population });
    }
  }
  for (const c of countries) c.label.population = urban.get(c.code) ?? 0;
  // Countries first (their names matter most when they are shown), then by population.
  index = out.sort((a, b) => Number(b.kind === 'country') - Number(a.kind === 'country') || b.population - a.population);
  return index;
}

/**
 * The labels in a box at a zoom level: countries up to zoom 5, capitals and cities from 3, towns from
 * 6, at most `limit`, most populous first (the web app places them so they do not overlap).
 */
export function labelsIn(box: { south: number; west: number; north: number; east: number }, zoom: number, limit = 150): Label[] {
  const inBox = (l: Label) => l.lat >= box.south && l.lat <= box.north && (box.west <= box.east ? l.lon >= box.west && l.lon <= box.east : l.lon >= box.west || l.lon <= box.east);
  const wanted = (l: Label) => (l.kind === 'country' ? zoom <= 5 : l.kind === 'town' ? zoom >= 6 : zoom >= 3 || l.kind === 'capital');
  const out: Label[] = [];
  for (const l of labels()) {
    if (!wanted(l) || !inBox(l)) continue;
    out.push(l);
    if (out.length >= limit) break;
  }
  return out;
}
