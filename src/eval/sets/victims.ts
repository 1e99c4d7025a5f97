// GVDB shooting reports: killed and injured of the article's main incident, its city and state, as the
// benchmarks README states (per article, rates over the articles each metric names).
import { createDocument } from '../../model/create.ts';
import { analyse } from '../../pipeline/index.ts';
import { mainIncident } from './main-incident.ts';
import { overlap, type SetScorer, type SpanText } from './types.ts';

export interface VictimsItem {
  id: string; title?: string | null; url?: string | null; text: string;
  killed: number; injured: number; counts_complete: boolean;
  date?: string | null; state?: string | null; state_code?: string | null; city?: SpanText | null;
  victims?: { name: SpanText | null }[];
}
export interface VictimsPred {
  killed: number; injured: number;
  place?: { start: number; end: number }; placeName?: string; state?: string; date?: string;
  /** Spans of person mentions the system reads as victims (subjects of casualty claims). */
  victimSpans?: { start: number; end: number }[];
}

interface State {
  complete: number; killed: number; injured: number; both: number; nonzero: number; killedNonzero: number;
  cities: number; city: number; states: number; state: number; dates: number; date: number; names: number; name: number;
}

/** Lower-case, punctuation removed, white space collapsed. */
export const normPlace = (s: string) => s.toLowerCase().replace(/[\p{P}\p{S}]/gu, '').replace(/\s+/g, ' ').trim();

export const victimsScorer: SetScorer<VictimsItem, VictimsPred, State> = {
  task: 'victims',
  needs: ['claims'],
  predict(item) {
    const doc = analyse(createDocument(item.text, { origin: item.id, format: 'text', ...(item.url ? { url: item.url } : {}) }));
    const main = mainIncident(doc);
    const victimSpans: { start: number; end: number }[] = [];
    for (const c of doc.claims) {
      if (c.kind !== 'casualties' || !c.subject) continue;
      const subj = c.subject;
      for (const m of doc.mentions) if (m.kind === 'person' && m.start < subj.end && subj.start < m.end) victimSpans.push({ start: m.start, end: m.end });
      const e = subj.entity !== undefined ? doc.entities[subj.entity] : undefined;
      if (e?.kind === 'person') for (const m of e.mentions) victimSpans.push({ start: doc.mentions[m].start, end: doc.mentions[m].end });
    }
    const place = main?.place;
    return {
      killed: main?.killed ?? 0, injured: main?.injured ?? 0,
      ...(place ? { place: { start: place.start, end: place.end }, placeName: place.name ?? place.text, ...(place.admin1 ? { state: place.admin1 } : {}) } : {}),
      ...(main?.time?.earliest ? { date: main.time.earliest } : {}),
      victimSpans,
    };
  },
  init: () => ({ complete: 0, killed: 0, injured: 0, both: 0, nonzero: 0, killedNonzero: 0, cities: 0, city: 0, states: 0, state: 0, dates: 0, date: 0, names: 0, name: 0 }),
  add(s, item, p) {
    if (item.counts_complete) {
      s.complete++;
      const k = p.killed === item.killed, i = p.injured === item.injured;
      if (k) s.killed++;
      if (i) s.injured++;
      if (k && i) s.both++;
      if (item.killed > 0) { s.nonzero++; if (k) s.killedNonzero++; }
    }
    if (item.city) {
      s.cities++;
      const gold = item.city;
      if ((p.place && overlap(p.place, gold) > 0) || (p.placeName !== undefined && normPlace(p.placeName) === normPlace(gold.text ?? ''))) s.city++;
    }
    if (item.state) {
      s.states++;
      const st = p.state?.toLowerCase();
      if (st && (st === item.state.toLowerCase() || st === item.state_code?.toLowerCase())) s.state++;
    }
    if (item.date) { s.dates++; if (p.date === item.date) s.date++; }
    for (const v of item.victims ?? []) {
      if (!v.name) continue;
      s.names++;
      if ((p.victimSpans ?? []).some((x) => overlap(x, v.name!) > 0)) s.name++;
    }
  },
  finish(s) {
    const r = (a: number, b: number) => (b ? a / b : 0);
    return {
      both_exact: r(s.both, s.complete), killed_exact: r(s.killed, s.complete), injured_exact: r(s.injured, s.complete),
      killed_exact_nonzero: r(s.killedNonzero, s.nonzero), city_accuracy: r(s.city, s.cities), state_accuracy: r(s.state, s.states),
      date_match: r(s.date, s.dates), victim_name_recall: r(s.name, s.names),
    };
  },
};
