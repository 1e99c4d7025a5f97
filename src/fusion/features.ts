// The evidence a coder weighs when deciding that two reports tell one incident, as named features of a
// pair of profiles: how far apart in days and kilometres, whether they name the same town, region,
// people, weapon and figures, and how alike the event sentences read (TF-IDF cosine). The decision
// (decision.ts) weighs them; each join's explanation lists the ones that counted.
import { haversineKm } from '../where/distance.ts';
import { idfOf } from './idf.ts';
import type { FusionProfile } from './profile.ts';
import { resemblance } from './syndication.ts';

export const FEATURES = [
  'bias',
  'same_day', 'day_apart', 'days_2_3', 'days_4_7', 'days_far', 'date_unknown', 'date_from_published',
  'km_5', 'km_25', 'km_100', 'km_far', 'point_unknown',
  'same_place', 'shared_towns', 'towns_disjoint', 'same_region', 'other_region',
  'shared_name', 'shared_names_2', 'name_weight',
  'same_killed', 'same_injured', 'killed_differ', 'injured_differ', 'no_figures',
  'same_weapon',
  'text_cosine', 'text_cosine_sq', 'title_cosine',
  'copy', 'same_outlet',
] as const;
export type Feature = (typeof FEATURES)[number];
export type FeatureVector = Record<Feature, number>;

type Vector = { weights: Map<string, number>; norm: number };

/** The word weights a comparison uses (news frequencies, or those plus the stream's: idf.ts) and the
 * vectors already weighted with them. */
export interface FeatureContext { idf: (word: string) => number; vectors: WeakMap<FusionProfile, { text: Vector; title: Vector }> }
export const newsContext = (): FeatureContext => ({ idf: idfOf, vectors: new WeakMap() });
const DEFAULT = newsContext();

function tfidf(terms: Record<string, number>, idf: (w: string) => number): Vector {
  const weights = new Map<string, number>();
  let sq = 0;
  for (const [w, n] of Object.entries(terms)) {
    const x = (1 + Math.log(n)) * idf(w);
    weights.set(w, x);
    sq += x * x;
  }
  return { weights, norm: Math.sqrt(sq) };
}

const titleTerms = (title: string | null) => {
  const t: Record<string, number> = {};
  for (const w of title?.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []) t[w] = (t[w] ?? 0) + 1;
  return t;
};

function vectorsOf(p: FusionProfile, ctx: FeatureContext) {
  let v = ctx.vectors.get(p);
  if (!v) ctx.vectors.set(p, (v = { text: tfidf(p.terms, ctx.idf), title: tfidf(titleTerms(p.title), ctx.idf) }));
  return v;
}

export function cosine(a: Vector, b: Vector): number {
  if (!a.norm || !b.norm) return 0;
  const [small, large] = a.weights.size < b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [w, x] of small.weights) {
    const y = large.weights.get(w);
    if (y) dot += x * y;
  }
  return dot / (a.norm * b.norm);
}

const DAY = 86400000;

/** Days between the two reports' incident windows (0 when they overlap), or null when either is undated. */
export function dayGap(a: FusionProfile, b: FusionProfile): number | null {
  if (!a.date || !b.date) return null;
  const a0 = Date.parse(a.date), a1 = Date.parse(a.dateLatest ?? a.date);
  const b0 = Date.parse(b.date), b1 = Date.parse(b.dateLatest ?? b.date);
  if (Number.isNaN(a0) || Number.isNaN(b0)) return null;
  return Math.max(0, Math.round(Math.max(a0 - b1, b0 - a1) / DAY));
}

export function features(a: FusionProfile, b: FusionProfile, ctx: FeatureContext = DEFAULT): FeatureVector {
  const f = Object.fromEntries(FEATURES.map((k) => [k, 0])) as FeatureVector;
  f.bias = 1;
  const gap = dayGap(a, b);
  if (gap === null) f.date_unknown = 1;
  else if (gap === 0) f.same_day = 1;
  else if (gap === 1) f.day_apart = 1;
  else if (gap <= 3) f.days_2_3 = 1;
  else if (gap <= 7) f.days_4_7 = 1;
  else f.days_far = 1;
  if (a.dateFrom === 'published' || b.dateFrom === 'published') f.date_from_published = 1;
  if (a.lat === null || b.lat === null || a.lon === null || b.lon === null) f.point_unknown = 1;
  else {
    const km = haversineKm(a.lat, a.lon, b.lat, b.lon);
    if (km <= 5) f.km_5 = 1;
    else if (km <= 25) f.km_25 = 1;
    else if (km <= 100) f.km_100 = 1;
    else f.km_far = 1;
  }
  if (a.place && a.place === b.place) f.same_place = 1;
  f.shared_towns = jaccard(a.places, b.places);
  // Both name towns and none in common: two places, whatever the geocoder made of them.
  if (a.places.length && b.places.length && !f.shared_towns && !f.same_place) f.towns_disjoint = 1;
  if (a.admin1 && b.admin1) { if (a.admin1 === b.admin1) f.same_region = 1; else f.other_region = 1; }
  const shared = a.names.filter((n) => b.names.includes(n));
  if (shared.length >= 1) f.shared_name = 1;
  if (shared.length >= 2) f.shared_names_2 = 1;
  f.name_weight = Math.min(1, shared.reduce((s, n) => s + ctx.idf(n), 0) / 20);
  if (!a.killed && !a.injured && !b.killed && !b.injured) f.no_figures = 1;
  if (a.killed > 0 && a.killed === b.killed) f.same_killed = 1;
  if (a.injured > 0 && a.injured === b.injured) f.same_injured = 1;
  if (a.killed > 0 && b.killed > 0 && a.killed !== b.killed) f.killed_differ = 1;
  if (a.injured > 0 && b.injured > 0 && a.injured !== b.injured) f.injured_differ = 1;
  if (a.weapons.some((w) => b.weapons.includes(w))) f.same_weapon = 1;
  const va = vectorsOf(a, ctx), vb = vectorsOf(b, ctx);
  f.text_cosine = cosine(va.text, vb.text);
  f.text_cosine_sq = f.text_cosine * f.text_cosine;
  f.title_cosine = cosine(va.title, vb.title);
  if (resemblance(a.sketch, b.sketch) >= 0.6) f.copy = 1;
  if (a.outlet && a.outlet === b.outlet) f.same_outlet = 1;
  return f;
}

function jaccard(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const sb = new Set(b);
  const both = a.filter((x) => sb.has(x)).length;
  return both / (a.length + b.length - both);
}
