// Toponym ranking learned from data: among a name's same-named places, a linear model over features of
// the place and of the document (population, feature class, the document's countries and divisions,
// distance to the story's other places, the kind of name match) picks one. Weights are trained by
// scripts/train-toponyms.ts on GeoVirus (WikiNews, ../shared/training/geovirus-train) as a conditional
// logit (softmax over each name's candidates) and shipped in models/toponyms.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Span } from '../model/document.ts';
import { haversineKm } from './distance.ts';
import { foldName } from './fold.ts';
import type { Place } from './gazetteer.ts';

export const TOPONYM_MODEL_PATH = fileURLToPath(new URL('../../models/toponyms.json', import.meta.url));

export interface Candidate {
  mention: Span & { text: string };
  name: string;
  areaWord: boolean;
  places: Place[];
  /** A name the tagger did not call a place, taken as one by its context. */
  retyped?: boolean;
  /** Matched only by a spelling variant or consonant skeleton. */
  weak?: boolean;
  /** A place named by, or inside, the name of an organisation or other entity ("the Toronto Police"). */
  inName?: boolean;
  /** A one-word name that is also a word of a person's name in the text. */
  personWord?: boolean;
}

const FEATURE_RANK: Record<string, number> = { PCLI: 6, PPLC: 5, ADM1: 5, PPLA: 4, RGN: 3, STM: 3, SEA: 3, CONT: 2, PPLA2: 3, ADM2: 3, PPLA3: 2, PPLA4: 1.5, PPL: 1, PPLX: 0.5 };
/** Our own rows (regions, seas) and the divisions carry no population: they weigh as a large place. */
const REGION_POPULATION = 100000;
const regional = (p: Place) => !p.country || ['RGN', 'STM', 'SEA', 'CONT'].includes(p.feature);
export const populationOf = (p: Place) => p.population || (p.id.startsWith('r') || p.id.startsWith('s') ? REGION_POPULATION : 0);

/** Well-known places named once, unambiguously: they anchor the story (a homonym near one is meant). */
interface Anchor { place: Place; mentions: Set<Span> }

/** What the document says as a whole, computed once per document for every candidate. */
export class RankingContext {
  /** Countries named or implied, weighted by how often (at most 3). */
  readonly weights: Map<string, number>;
  private readonly topCountry: string | undefined;
  private readonly maxWeight: number;
  /** Anchors in 1-degree cells, so "within 100 km of an anchor" is a look at nine cells. */
  private readonly grid = new Map<string, Anchor[]>();
  private readonly byDivision = new Map<string, Anchor[]>();
  /** First-level divisions the text names ("Bulacan", "Kandahar province"), as "CC.code". */
  private readonly namedDivisions = new Set<string>();

  constructor(candidates: Candidate[], countries: Map<string, number>) {
    const anchors = new Map<string, Anchor>();
    for (const c of candidates) {
      // One candidate far larger than its homonyms ("New York") is as good as unambiguous.
      const bySize = [...c.places].sort((a, b) => b.population - a.population);
      const only = c.places.length === 1 || (bySize[0].population >= 1000000 && bySize[0].population >= 20 * (bySize[1]?.population ?? 0)) ? bySize[0] : undefined;
      if (only && only.feature !== 'PCLI' && only.country && (only.population >= 100000 || only.feature === 'PPLC' || only.feature === 'PPLA' || only.feature === 'ADM1')) {
        countries.set(only.country, (countries.get(only.country) ?? 0) + 0.5);
        const a = anchors.get(only.id) ?? { place: only, mentions: new Set<Span>() };
        a.mentions.add(c.mention);
        anchors.set(only.id, a);
      }
      for (const p of c.places) if (p.feature === 'ADM1' && p.admin1 && c.places.length <= 3) this.namedDivisions.add(`${p.country}.${p.admin1}`);
    }
    for (const a of anchors.values()) {
      const key = cell(Math.floor(a.place.lat), Math.floor(a.place.lon));
      (this.grid.get(key) ?? this.grid.set(key, []).get(key)!).push(a);
      if (a.place.admin1) {
        const d = `${a.place.country}.${a.place.admin1}`;
        (this.byDivision.get(d) ?? this.byDivision.set(d, []).get(d)!).push(a);
      }
    }
    this.weights = new Map([...countries].map(([code, n]) => [code, Math.min(3, n)]));
    let top: string | undefined;
    for (const [code, n] of countries) if (top === undefined || n > countries.get(top)!) top = code;
    this.topCountry = top;
    this.maxWeight = Math.max(0, ...this.weights.values());
  }

  /** The nearest anchor (other than the place itself or the mention's own), in km, searched within ~2 degrees. */
  private nearestAnchorKm(c: Candidate, p: Place): number {
    const la = Math.floor(p.lat), lo = Math.floor(p.lon);
    const span = Math.min(180, Math.ceil(2 / Math.max(0.05, Math.cos((p.lat * Math.PI) / 180))));
    let best = Infinity;
    for (let i = la - 2; i <= la + 2; i++) {
      for (let j = lo - span; j <= lo + span; j++) {
        for (const a of this.grid.get(cell(i, j)) ?? []) {
          if (a.place.id === p.id || (a.mentions.size === 1 && a.mentions.has(c.mention))) continue;
          best = Math.min(best, haversineKm(a.place.lat, a.place.lon, p.lat, p.lon));
        }
      }
    }
    return best;
  }

  private sameDivisionAsAnchor(c: Candidate, p: Place): boolean {
    if (!p.admin1) return false;
    return (this.byDivision.get(`${p.country}.${p.admin1}`) ?? []).some((a) => a.place.id !== p.id && !(a.mentions.size === 1 && a.mentions.has(c.mention)));
  }

  /** The feature vector of one candidate place (FEATURES names them). */
  features(c: Candidate, p: Place): number[] {
    const population = populationOf(p);
    const maxPopulation = Math.max(...c.places.map(populationOf));
    // A sea, continent or region across borders belongs to no country: it is as near as the document's own.
    const weight = p.country ? this.weights.get(p.country) ?? 0 : this.maxWeight;
    const ambiguous = c.places.length > 1 && p.feature !== 'PCLI';
    const km = ambiguous ? this.nearestAnchorKm(c, p) : Infinity;
    const key = foldName(c.name);
    const exactName = foldName(p.name) === key;
    const f = p.feature;
    const town = f.startsWith('PPL');
    const logPop = Math.log10(population + 10) / 7;
    return [
      logPop,
      (FEATURE_RANK[f] ?? 1) / 6,
      f === 'PCLI' ? 1 : 0,
      f === 'PPLC' ? 1 : 0,
      f === 'ADM1' ? 1 : 0,
      f === 'PPLA' ? 1 : 0,
      f === 'PPLA2' || f === 'PPLA3' || f === 'PPLA4' || f === 'ADM2' ? 1 : 0,
      regional(p) ? 1 : 0,
      weight / 3,
      weight > 0 ? 1 : 0,
      p.country && p.country === this.topCountry ? 1 : 0,
      km <= 100 ? 1 : 0,
      km <= 400 ? 1 : 0,
      ambiguous && this.sameDivisionAsAnchor(c, p) ? 1 : 0,
      p.admin1 && f !== 'ADM1' && this.namedDivisions.has(`${p.country}.${p.admin1}`) ? 1 : 0,
      exactName ? 1 : 0,
      population > 0 && population >= maxPopulation ? 1 : 0,
      maxPopulation > 0 ? Math.log10((population + 1) / (maxPopulation + 1)) / 7 : 0,
      c.areaWord && (f.startsWith('ADM') || f === 'RGN') ? 1 : 0,
      c.areaWord && town ? 1 : 0,
      (c.weak || c.retyped) && town ? logPop : 0,
      c.personWord ? logPop : 0,
      c.inName ? logPop : 0,
      c.inName && (f === 'PCLI' || f === 'ADM1') ? 1 : 0,
    ];
  }
}

const cell = (i: number, j: number) => `${i}:${((j % 360) + 540) % 360 - 180}`;

export const FEATURES = [
  'log_population', 'feature_rank', 'is_country', 'is_capital', 'is_division', 'is_division_seat', 'is_lower_seat_or_division',
  'is_region', 'country_weight', 'country_mentioned', 'is_top_country', 'anchor_within_100km', 'anchor_within_400km',
  'same_division_as_anchor', 'division_named_in_text', 'exact_name', 'largest_homonym', 'log_population_ratio',
  'area_word_and_division', 'area_word_and_town', 'weak_match_log_population', 'person_word_log_population',
  'in_name_log_population', 'in_name_country_or_division',
];

export interface ToponymModel { features: string[]; weights: number[]; trainedOn: string; note?: string }

let model: ToponymModel | undefined;

export function loadToponymModel(): ToponymModel {
  if (!model) {
    let parsed: ToponymModel;
    try {
      parsed = JSON.parse(readFileSync(TOPONYM_MODEL_PATH, 'utf8')) as ToponymModel;
    } catch (e) {
      throw new Error(`cannot load the toponym model at ${TOPONYM_MODEL_PATH} (${(e as Error).message}); retrain it with npm run train:toponyms`);
    }
    if (parsed.features.join() !== FEATURES.join()) throw new Error(`the toponym model at ${TOPONYM_MODEL_PATH} was trained on other features; retrain it with npm run train:toponyms`);
    model = parsed;
  }
  return model;
}

export function scoreOf(weights: readonly number[], f: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < f.length; i++) s += weights[i] * f[i];
  return s;
}
