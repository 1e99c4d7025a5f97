// ACLED notes: the ACLED-convention death toll per event, plus date and place of the incident.
import { acledFatalities } from '../../claims/acled.ts';
import { createDocument } from '../../model/create.ts';
import { analyse } from '../../pipeline/index.ts';
import { haversineKm } from '../match.ts';
import type { SetScorer } from './types.ts';

export interface AcledItem { id: string; text: string; event_date: string; lat: number; lon: number; geo_precision: number; fatalities: number; event_type?: string }
export interface AcledPred { fatalities: number; date?: string; lat?: number; lon?: number }
interface State { n: number; exact: number; nonzero: number; exactNonzero: number; within20: number; date: number; loc: number; geo1: number; loc1: number }

export const casualtiesScorer: SetScorer<AcledItem, AcledPred, State> = {
  task: 'casualties',
  needs: ['claims'],
  predict(item) {
    const doc = analyse(createDocument(item.text, { origin: item.id, format: 'text' }));
    const time = doc.incidents[0]?.time ?? doc.times.find((t) => t.incident);
    const place = doc.incidents[0]?.place ?? doc.places.find((p) => p.incident);
    return { fatalities: acledFatalities(doc), date: time?.earliest, lat: place?.lat, lon: place?.lon };
  },
  init: () => ({ n: 0, exact: 0, nonzero: 0, exactNonzero: 0, within20: 0, date: 0, loc: 0, geo1: 0, loc1: 0 }),
  add(s, item, p) {
    s.n++;
    const g = item.fatalities;
    if (p.fatalities === g) s.exact++;
    if (g > 0) { s.nonzero++; if (p.fatalities === g) s.exactNonzero++; }
    if (g === 0 ? p.fatalities === 0 : Math.abs(p.fatalities - g) <= 0.2 * g) s.within20++;
    if (p.date && p.date === item.event_date) s.date++;
    const near = p.lat !== undefined && p.lon !== undefined && haversineKm(p.lat, p.lon, item.lat, item.lon) <= 25;
    if (near) s.loc++;
    if (item.geo_precision === 1) { s.geo1++; if (near) s.loc1++; }
  },
  finish(s) {
    const r = (a: number, b: number) => (b ? a / b : 0);
    return {
      exact: r(s.exact, s.n), exact_nonzero: r(s.exactNonzero, s.nonzero), within20: r(s.within20, s.n),
      date_match: r(s.date, s.n), location_25km: r(s.loc, s.n), location_25km_geo1: r(s.loc1, s.geo1),
    };
  },
};
