// Scores the pipeline against our gold corpus: one folder per article with gold.json.
// Rules: ../shared/corpus/README.md; our decisions where it is silent: docs/eval.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, EntityKind } from '../model/document.ts';
import type { Outcome, Quantity } from '../model/claim.ts';
import type { Source } from '../model/source.ts';
import { documentFrom } from '../ingest/index.ts';
import { analyse } from '../pipeline/index.ts';
import { assignMax } from './assign.ts';
import { haversineKm, nameMatches, normText, prf } from './match.ts';

interface GoldRange { min: number; max: number | null; vague?: string }
interface GoldClaim {
  source: { aliases: string[]; kind: string };
  victims: { aliases: string[] };
  killed?: GoldRange; injured?: GoldRange; killed_or_injured?: GoldRange; missing?: GoldRange;
  evidence?: string;
}
export interface Gold {
  id: string;
  text: string;
  published: string | null;
  incidents: {
    types: string[];
    date: { earliest: string; latest: string };
    location: { name: string; aliases: string[]; country: string; lat: number; lon: number; tolerance_km: number };
    actors: { name: string; aliases: string[] }[];
  }[];
  casualty_claims: GoldClaim[];
  quotes: { speaker: string[]; contains: string }[];
  entities: { person?: string[]; organization?: string[]; place?: string[] };
}

export const AREAS = ['entities', 'quotes', 'casualties', 'locations', 'dates', 'incidents', 'actors'] as const;
export type Area = (typeof AREAS)[number];
/** The stage whose output each area scores; an area whose stage has not run is "not built". */
export const AREA_STAGE: Record<Area, string> = {
  entities: 'entities', quotes: 'attribution', casualties: 'claims', locations: 'where', dates: 'when', incidents: 'incidents', actors: 'incidents',
};

/** tp counts gold items found; tpPredicted, when set, counts system items that are right (they differ when one system item can match several gold items). */
export interface Counts { tp: number; predicted: number; gold: number; tpPredicted?: number }
const zero = (): Counts => ({ tp: 0, predicted: 0, gold: 0 });
const add = (a: Counts, b: Counts) => { a.tp += b.tp; a.predicted += b.predicted; a.gold += b.gold; a.tpPredicted = (a.tpPredicted ?? 0) + (b.tpPredicted ?? b.tp); };

const OUTCOMES = ['killed', 'injured', 'killed_or_injured', 'missing'] as const satisfies readonly Outcome[];

/** The names a system source answers to: its own, its entity's, and its relays'. */
function sourceNames(doc: Document, s: Source | undefined): string[] {
  if (!s) return [];
  const names = [s.name];
  if (s.entity !== undefined && doc.entities[s.entity]) names.push(doc.entities[s.entity].name, ...doc.entities[s.entity].aliases);
  if (s.kind === 'narrator') names.push('narrator', 'article', 'author');
  for (const v of s.via ?? []) names.push(...sourceNames(doc, v));
  return names;
}

const GOLD_TYPE_KINDS: Record<string, EntityKind[]> = {
  person: ['person'], organization: ['organisation', 'armed_group', 'media'], place: ['place'],
};

/** Entities, precision side: a system entity is right when it matches some gold name of its type. */
export function scoreEntities(doc: Document, gold: Gold): Counts {
  const c = zero();
  for (const [type, kinds] of Object.entries(GOLD_TYPE_KINDS)) {
    const goldNames = (gold.entities as Record<string, string[] | undefined>)[type] ?? [];
    const system = doc.entities.filter((e) => kinds.includes(e.kind)).map((e) => [e.name, ...e.aliases]);
    c.gold += goldNames.length;
    c.predicted += system.length;
    c.tp += system.filter((names) => goldNames.some((g) => nameMatches(names, [g]))).length;
  }
  return c;
}

/** Entities recall side: gold names found by some system entity of the same type. */
export function entityRecallHits(doc: Document, gold: Gold): number {
  let hits = 0;
  for (const [type, kinds] of Object.entries(GOLD_TYPE_KINDS)) {
    const goldNames = (gold.entities as Record<string, string[] | undefined>)[type] ?? [];
    const system = doc.entities.filter((e) => kinds.includes(e.kind)).map((e) => [e.name, ...e.aliases]);
    hits += goldNames.filter((g) => system.some((names) => nameMatches(names, [g]))).length;
  }
  return hits;
}

/** Quotes: one-to-one; a system quote matches a gold quote when its span covers `contains` and its speaker matches. */
/** Quote counts, and the same for direct quotes and for reported speech. */
type QuoteCounts = Counts & { direct: Counts; reported: Counts };

export function scoreQuotes(doc: Document, gold: Gold): QuoteCounts {
  const used = new Set<number>();
  let tp = 0;
  const direct = zero(), reported = zero();
  for (const q of gold.quotes) {
    const want = normText(q.contains);
    const i = doc.quotes.findIndex((s, k) => !used.has(k) && normText(doc.text.slice(s.start, s.end)).includes(want) && nameMatches(sourceNames(doc, s.source), q.speaker));
    // The gold does not say which quotes are direct: a matched one is what the system found, a missed one
    // is direct when a quote mark opens right before its words.
    const at = doc.text.indexOf(q.contains);
    const isDirect = i >= 0 ? doc.quotes[i].direct : at > 0 && /["“‘'”]\s*$/.test(doc.text.slice(Math.max(0, at - 3), at));
    const part = isDirect ? direct : reported;
    part.gold++;
    if (i >= 0) { used.add(i); tp++; part.tp++; }
  }
  for (const s of doc.quotes) (s.direct ? direct : reported).predicted++;
  return { tp, predicted: doc.quotes.length, gold: gold.quotes.length, direct, reported };
}

const sameRange = (a: Quantity | undefined, b: GoldRange | undefined) => !!a && !!b && a.min === b.min && (a.max ?? null) === (b.max ?? null);

/**
 * Casualties per figure and per claim. A system claim may pair with a gold claim whose source and victims
 * it matches; the pairs are chosen together, one-to-one, to maximise the figures right and then the
 * claims wholly right (an assignment, src/eval/assign.ts), not greedily in gold order.
 */
export function scoreCasualties(doc: Document, gold: Gold): { figures: Counts; claims: Counts } {
  const system = doc.claims.filter((c) => c.kind === 'casualties' && c.repeats === undefined && c.figures);
  const figures = zero();
  const claims = zero();
  figures.predicted = system.reduce((n, c) => n + OUTCOMES.filter((o) => c.figures![o]).length, 0);
  claims.predicted = system.length;
  const golds = gold.casualty_claims;
  // Figures right count first; a claim wholly right (every gold figure, no extra) only breaks ties.
  const tie = golds.length + 1;
  const hits: number[][] = [];
  const exact: boolean[][] = [];
  const weights = golds.map((g, gi) => {
    const goldOutcomes = OUTCOMES.filter((o) => g[o]);
    figures.gold += goldOutcomes.length;
    claims.gold++;
    hits[gi] = [];
    exact[gi] = [];
    return system.map((c, si) => {
      const victims = c.subject ? [c.subject.text, ...(c.subject.entity !== undefined ? [doc.entities[c.subject.entity]?.name ?? ''] : [])] : [];
      if (!nameMatches(victims, g.victims.aliases) || !nameMatches(sourceNames(doc, c.source), g.source.aliases)) return -Infinity;
      const h = goldOutcomes.filter((o) => sameRange(c.figures![o], g[o])).length;
      const extra = OUTCOMES.filter((o) => c.figures![o] && !g[o]).length;
      hits[gi][si] = h;
      exact[gi][si] = h === goldOutcomes.length && extra === 0;
      return h * tie + (exact[gi][si] ? 1 : 0);
    });
  });
  for (const [gi, si] of assignMax(weights)) {
    figures.tp += hits[gi][si];
    if (exact[gi][si]) claims.tp++;
  }
  return { figures, claims };
}

interface SystemIncidentView { lat?: number; lon?: number; earliest?: string; latest?: string; type?: string; actors: string[][] }

/** The system's incidents as eval sees them: doc.incidents when that stage ran, else the flagged place and time. */
function systemIncidents(doc: Document): SystemIncidentView[] {
  if (doc.incidents.length) {
    return doc.incidents.map((i) => ({
      lat: i.place?.lat, lon: i.place?.lon, earliest: i.time?.earliest, latest: i.time?.latest, type: i.type,
      actors: i.actors.map((a) => [a.name, ...(a.entity !== undefined && doc.entities[a.entity] ? [doc.entities[a.entity].name, ...doc.entities[a.entity].aliases] : [])]),
    }));
  }
  const place = doc.places.find((p) => p.incident);
  const time = doc.times.find((t) => t.incident);
  if (!place && !time) return [];
  return [{ lat: place?.lat, lon: place?.lon, earliest: time?.earliest, latest: time?.latest, actors: [] }];
}

/** Locations: a gold incident is located when some system incident point lies within its tolerance. */
export function scoreLocations(doc: Document, gold: Gold): Counts {
  const sys = systemIncidents(doc).filter((s) => s.lat !== undefined && s.lon !== undefined);
  const within = (s: SystemIncidentView, g: Gold['incidents'][number]) => haversineKm(s.lat!, s.lon!, g.location.lat, g.location.lon) <= g.location.tolerance_km;
  return {
    tp: gold.incidents.filter((g) => sys.some((s) => within(s, g))).length,
    tpPredicted: sys.filter((s) => gold.incidents.some((g) => within(s, g))).length,
    predicted: sys.length,
    gold: gold.incidents.length,
  };
}

/** Dates: a gold incident is dated when some system incident's window lies inside the gold window. */
export function scoreDates(doc: Document, gold: Gold): Counts {
  const sys = systemIncidents(doc).filter((s) => s.earliest);
  const inside = (s: SystemIncidentView, g: Gold['incidents'][number]) => s.earliest! >= g.date.earliest && (s.latest ?? s.earliest!) <= g.date.latest;
  return { tp: gold.incidents.filter((g) => sys.some((s) => inside(s, g))).length, tpPredicted: sys.filter((s) => gold.incidents.some((g) => inside(s, g))).length, predicted: sys.length, gold: gold.incidents.length };
}

/** Incidents: a gold incident is right when a system incident has one of its types; actors are scored by name over matched incidents. */
export function scoreIncidents(doc: Document, gold: Gold): Counts {
  const sys = systemIncidents(doc).filter((s) => s.type);
  return { tp: gold.incidents.filter((g) => sys.some((s) => g.types.includes(s.type!))).length, tpPredicted: sys.filter((s) => gold.incidents.some((g) => g.types.includes(s.type!))).length, predicted: sys.length, gold: gold.incidents.length };
}

/**
 * Actors: for each gold incident that lists actors, the system incident of a matching type (at the gold
 * place when one is) that names most of them; recall over the gold actors, precision over its actors.
 */
export function scoreActors(doc: Document, gold: Gold): Counts {
  const sys = systemIncidents(doc);
  const c: Counts = { tp: 0, tpPredicted: 0, predicted: 0, gold: 0 };
  for (const g of gold.incidents) {
    if (!g.actors?.length) continue;
    c.gold += g.actors.length;
    const found = (s: SystemIncidentView) => g.actors.filter((a) => s.actors.some((names) => nameMatches(names, [a.name, ...a.aliases]))).length;
    // The system incident of a matching type at the gold place if there is one, else anywhere.
    const typed = sys.filter((s) => s.type && g.types.includes(s.type));
    const near = typed.filter((s) => s.lat !== undefined && s.lon !== undefined && haversineKm(s.lat, s.lon, g.location.lat, g.location.lon) <= g.location.tolerance_km);
    let best: SystemIncidentView | undefined;
    let hits = -1;
    for (const s of near.length ? near : typed) if (found(s) > hits) { best = s; hits = found(s); }
    if (!best) continue;
    c.tp += hits;
    c.predicted += best.actors.length;
    c.tpPredicted! += best.actors.filter((names) => g.actors.some((a) => nameMatches(names, [a.name, ...a.aliases]))).length;
  }
  return c;
}

export interface CorpusDocResult {
  id: string;
  words: number;
  stages: string[];
  counts: Record<Area | 'casualty_claims' | 'entities_recall', Counts> & { quotes: QuoteCounts };
}

export function loadGold(dir: string): { gold: Gold; content: string; format: 'text' | 'html' } {
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as Gold;
  const file = join(dir, gold.text ?? 'article.txt');
  const path = existsSync(file) ? file : existsSync(join(dir, 'article.html')) ? join(dir, 'article.html') : join(dir, 'article.txt');
  return { gold, content: readFileSync(path, 'utf8'), format: path.endsWith('.html') ? 'html' : 'text' };
}

export function evaluateArticle(dir: string): CorpusDocResult {
  const { gold, content, format } = loadGold(dir);
  const doc = analyse(documentFrom(content, format, { origin: dir, ...(gold.published ? { published: gold.published, publishedFrom: 'metadata' as const } : {}) }));
  const ent = scoreEntities(doc, gold);
  const cas = scoreCasualties(doc, gold);
  const quotes = scoreQuotes(doc, gold);
  return {
    id: gold.id,
    words: doc.tokens.filter((t) => t.kind === 'word' || t.kind === 'number').length,
    stages: doc.stages,
    counts: {
      entities: ent,
      entities_recall: { tp: entityRecallHits(doc, gold), predicted: ent.predicted, gold: ent.gold },
      quotes,
      casualties: cas.figures,
      casualty_claims: cas.claims,
      locations: scoreLocations(doc, gold),
      dates: scoreDates(doc, gold),
      incidents: scoreIncidents(doc, gold),
      actors: scoreActors(doc, gold),
    },
  };
}

export interface AreaScore { built: boolean; precision: number; recall: number; f1: number; tp: number; fp: number; fn: number; note?: string; per_claim?: ReturnType<typeof prf>; direct?: ReturnType<typeof prf> & Tally; reported?: ReturnType<typeof prf> & Tally }
interface Tally { tp: number; fp: number; fn: number }

/** Sum per-document counts into per-area scores. Entities: precision from the system side, recall from the gold side. */
export function summarise(results: CorpusDocResult[]): Record<Area, AreaScore> {
  const out = {} as Record<Area, AreaScore>;
  for (const area of AREAS) {
    const built = results.length > 0 && results.every((r) => r.stages.includes(AREA_STAGE[area]));
    const c = zero();
    for (const r of results) add(c, r.counts[area]);
    let score: AreaScore;
    if (area === 'entities') {
      const rec = zero();
      for (const r of results) add(rec, r.counts.entities_recall);
      const p = c.predicted ? c.tp / c.predicted : 0;
      const rcl = rec.gold ? rec.tp / rec.gold : 0;
      score = { built, precision: p, recall: rcl, f1: p + rcl ? (2 * p * rcl) / (p + rcl) : 0, tp: c.tp, fp: c.predicted - c.tp, fn: rec.gold - rec.tp };
    } else {
      const right = c.tpPredicted ?? c.tp;
      const p = c.predicted ? right / c.predicted : 0;
      const r = c.gold ? c.tp / c.gold : 0;
      score = { built, precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp: c.tp, fp: c.predicted - right, fn: c.gold - c.tp };
    }
    if (area === 'casualties') {
      const cl = zero();
      for (const r of results) add(cl, r.counts.casualty_claims);
      score.per_claim = prf(cl.tp, cl.predicted, cl.gold);
    }
    if (area === 'quotes') {
      for (const kind of ['direct', 'reported'] as const) {
        const k = zero();
        for (const r of results) add(k, r.counts.quotes[kind]);
        score[kind] = { ...prf(k.tp, k.predicted, k.gold), tp: k.tp, fp: k.predicted - k.tp, fn: k.gold - k.tp };
      }
    }
    if (!built) Object.assign(score, { precision: 0, recall: 0, f1: 0, note: `not built (no '${AREA_STAGE[area]}' stage yet)` });
    out[area] = score;
  }
  return out;
}
