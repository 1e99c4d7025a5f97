// The decision: a logistic model over the pair features (features.ts), learned from gva-dev's GVC train
// incidents only (scripts/train-fusion.ts writes models/fusion.json). A pair whose probability reaches
// the model's threshold is a join; its explanation lists the features that pushed it there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURES, features, type Feature, type FeatureContext, type FeatureVector } from './features.ts';
import type { FusionProfile } from './profile.ts';

export interface FusionModel {
  weights: Record<Feature, number>;
  /** Probability at or above which two reports join. */
  threshold: number;
  /** How it was learned (data, pairs, regularisation), for the record. */
  trained?: Record<string, unknown>;
}

const FILE = join(import.meta.dirname, '..', '..', 'models', 'fusion.json');
let shipped: FusionModel | undefined;

export function loadModel(): FusionModel {
  if (shipped) return shipped;
  try {
    shipped = JSON.parse(readFileSync(FILE, 'utf8')) as FusionModel;
  } catch (e) {
    throw new Error(`${FILE}: cannot read the fusion model (${(e as Error).message}); retrain with npm run train:fusion`);
  }
  return shipped;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function score(model: FusionModel, f: FeatureVector): number {
  let z = 0;
  for (const k of FEATURES) z += (model.weights[k] ?? 0) * f[k];
  return sigmoid(z);
}

export interface Judgement { probability: number; join: boolean; why: string }

const LABELS: Partial<Record<Feature, string>> = {
  same_day: 'same day', day_apart: 'a day apart', days_2_3: '2-3 days apart', days_4_7: '4-7 days apart', days_far: 'more than a week apart',
  date_unknown: 'a date unknown', km_5: 'within 5 km', km_25: 'within 25 km', km_100: 'within 100 km', km_far: 'more than 100 km apart',
  point_unknown: 'a place unknown', same_place: 'same town', shared_towns: 'towns named in common', towns_disjoint: 'no town named in common', same_region: 'same region',
  other_region: 'different regions', shared_name: 'a person named in both', shared_names_2: 'two or more people named in both',
  name_weight: 'rare names in common', same_killed: 'same killed figure', same_injured: 'same injured figure',
  killed_differ: 'different killed figures', injured_differ: 'different injured figures', same_weapon: 'same weapon',
  text_cosine: 'event sentences alike', text_cosine_sq: 'event sentences alike', title_cosine: 'headlines alike',
  copy: 'near-identical text (syndicated copy)', same_outlet: 'same outlet', no_figures: 'neither gives figures',
};

/** The probability that a and b tell one incident. */
export function probability(a: FusionProfile, b: FusionProfile, model = loadModel(), ctx?: FeatureContext): number {
  return score(model, features(a, b, ctx));
}

/** Whether a and b tell one incident, with the probability and the evidence that weighed most. */
export function judge(a: FusionProfile, b: FusionProfile, model = loadModel(), ctx?: FeatureContext): Judgement {
  const f = features(a, b, ctx);
  const probability = score(model, f);
  const parts = FEATURES.filter((k) => k !== 'bias' && f[k] && model.weights[k])
    .map((k) => ({ k, w: model.weights[k] * f[k] }))
    .sort((x, y) => Math.abs(y.w) - Math.abs(x.w));
  const said = new Set<string>();
  const why = parts.filter((p) => { const l = LABELS[p.k] ?? p.k; if (said.has(l)) return false; said.add(l); return true; })
    .slice(0, 5)
    .map((p) => `${LABELS[p.k] ?? p.k}${p.k.startsWith('text') || p.k === 'title_cosine' || p.k === 'shared_towns' ? ` (${f[p.k].toFixed(2)})` : ''} ${p.w > 0 ? '+' : '-'}${Math.abs(p.w).toFixed(1)}`)
    .join('; ');
  return { probability, join: probability >= model.threshold, why: `p=${probability.toFixed(2)}: ${why}` };
}
