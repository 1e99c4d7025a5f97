// Learns fusion's decision (src/fusion/decision.ts) from gva-dev's GVC *train* incidents only: the
// articles whose `gvc` is "train" (the benchmarks README marks them; the dev incidents scored by
// `sitrep eval` are never read). Each article is analysed by the pipeline and profiled; candidate pairs
// come from blocking as in fusion; a pair is positive when both articles report one incident. A logistic
// model (L2, batch gradient descent) is fitted to the pairs, then the join threshold is the one whose
// clustering of the train articles scores the best B-cubed F1. Writes models/fusion.json.
//   npm run train:fusion [-- --profiles FILE]   (FILE: cached profiles, written on the first run)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlockingIndex } from '../src/fusion/blocking.ts';
import { clusterProfiles, streamOrder } from '../src/fusion/cluster.ts';
import { StreamIdf } from '../src/fusion/idf.ts';
import { FEATURES, features, type Feature, type FeatureContext } from '../src/fusion/features.ts';
import { sigmoid, type FusionModel } from '../src/fusion/decision.ts';
import type { FusionProfile } from '../src/fusion/profile.ts';
import { clusterScores } from '../src/eval/sets/fusion.ts';
import { profileItem, type FusionItem } from '../src/eval/sets/fusion.ts';

const SET = process.env.SITREP_GVA ?? join(import.meta.dirname, '..', '..', 'shared', 'benchmarks', 'gva-dev');
const args = process.argv.slice(2);
const cache = args.includes('--profiles') ? args[args.indexOf('--profiles') + 1] : undefined;
const L2 = 0.01;
const STEPS = 3000;
const RATE = 0.5;

const items = readFileSync(join(SET, 'items.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as FusionItem).filter((i) => i.gvc === 'train');
let profiles: FusionProfile[];
if (cache && existsSync(cache)) profiles = JSON.parse(readFileSync(cache, 'utf8'));
else {
  profiles = items.map((i) => profileItem(i)).filter((p): p is FusionProfile => !!p);
  if (cache) writeFileSync(cache, JSON.stringify(profiles));
}
const label = new Map(items.map((i) => [i.id, i.incident]));

// Candidate pairs by blocking, as fusion meets them (in publication order, word weights from the
// reports seen so far: src/fusion/cluster.ts).
profiles.sort(streamOrder);
const index = new BlockingIndex();
const stream = new StreamIdf();
const ctx: FeatureContext = { idf: (w) => stream.idf(w), vectors: new WeakMap() };
const X: number[][] = [];
const y: number[] = [];
for (const p of profiles) {
  stream.observe(p.terms);
  for (const q of index.candidates(p)) {
    const f = features(q, p, ctx);
    X.push(FEATURES.map((k) => f[k]));
    y.push(label.get(p.report) === label.get(q.report) ? 1 : 0);
  }
  index.add(p);
}
const positives = y.filter((v) => v).length;
const goldPairs = [...new Map([...label.values()].reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>())).values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
console.log(`${profiles.length} train articles, ${X.length} candidate pairs (${positives} positive of ${goldPairs} gold pairs)`);

// Positives and negatives weighted to count alike, so the model is not swamped by easy negatives.
const wPos = X.length / (2 * positives), wNeg = X.length / (2 * (X.length - positives));
const w = FEATURES.map(() => 0);
for (let step = 0; step < STEPS; step++) {
  const grad = w.map((wi, k) => (FEATURES[k] === 'bias' ? 0 : L2 * wi));
  let total = 0;
  for (let n = 0; n < X.length; n++) {
    let z = 0;
    for (let k = 0; k < w.length; k++) z += w[k] * X[n][k];
    const err = (sigmoid(z) - y[n]) * (y[n] ? wPos : wNeg);
    total += y[n] ? wPos : wNeg;
    for (let k = 0; k < w.length; k++) grad[k] += (err * X[n][k]);
  }
  for (let k = 0; k < w.length; k++) w[k] -= (RATE * grad[k]) / total * (FEATURES[k] === 'bias' ? 1 : 1);
}
const weights = Object.fromEntries(FEATURES.map((k, i) => [k, Math.round(w[i] * 1000) / 1000])) as Record<Feature, number>;

// The threshold whose clustering of the train articles scores best.
const ids = profiles.map((p) => p.report);
let best = { threshold: 0.5, f1: -1 };
for (let t = 0.3; t <= 0.99; t += 0.01) {
  const model: FusionModel = { weights, threshold: t };
  const { clusters } = clusterProfiles(profiles, model);
  const of = new Map<string, string>();
  for (const c of clusters) for (const r of c.reports) of.set(r, c.id);
  const f1 = clusterScores(ids.map((i) => label.get(i)!), ids.map((i) => of.get(i)!)).bcubed_f1;
  if (f1 > best.f1 + 1e-9) best = { threshold: Math.round(t * 100) / 100, f1 };
}
console.log(`threshold ${best.threshold}: train B-cubed F1 ${best.f1.toFixed(3)}`);
console.log(weights);
const model: FusionModel = {
  weights, threshold: best.threshold,
  trained: { data: 'gva-dev, GVC train incidents only', articles: profiles.length, pairs: X.length, positive: positives, l2: L2, steps: STEPS, train_bcubed_f1: Math.round(best.f1 * 1000) / 1000 },
};
writeFileSync(join(import.meta.dirname, '..', 'models', 'fusion.json'), JSON.stringify(model, null, 1) + '\n');
