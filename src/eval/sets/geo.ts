// Geoparsing (GeoWebNews): accuracy within 161 km over resolved gold toponyms, error, recall.
import { createDocument } from '../../model/create.ts';
import { analyse } from '../../pipeline/index.ts';
import { haversineKm } from '../match.ts';
import type { SetScorer } from './types.ts';

export interface GeoItem { id: string; text: string; toponyms: { start: number; end: number; lat: number; lon: number }[] }
export interface GeoPred { start: number; end: number; lat: number; lon: number }
interface State { gold: number; errors: number[] }

export const geoScorer: SetScorer<GeoItem, GeoPred[], State> = {
  task: 'geo',
  needs: ['where'],
  predict(item) {
    const doc = analyse(createDocument(item.text, { origin: item.id, format: 'text' }));
    return doc.places.filter((p) => p.lat !== undefined && p.lon !== undefined).map((p) => ({ start: p.start, end: p.end, lat: p.lat!, lon: p.lon! }));
  },
  init: () => ({ gold: 0, errors: [] }),
  add(state, item, pred) {
    for (const g of item.toponyms) {
      state.gold++;
      let best: GeoPred | undefined;
      let bestOverlap = 0;
      for (const p of pred) {
        const o = Math.min(p.end, g.end) - Math.max(p.start, g.start);
        if (o > bestOverlap) { best = p; bestOverlap = o; }
      }
      if (best) state.errors.push(haversineKm(best.lat, best.lon, g.lat, g.lon));
    }
  },
  finish(s) {
    const n = s.errors.length;
    const sorted = [...s.errors].sort((a, b) => a - b);
    const median = n ? (n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2) : 0;
    return {
      acc161: n ? s.errors.filter((e) => e <= 161).length / n : 0,
      mean_error_km: n ? s.errors.reduce((a, b) => a + b, 0) / n : 0,
      median_error_km: median,
      recall: s.gold ? n / s.gold : 0,
    };
  },
};
