// Trains the toponym ranker (src/where/rank.ts) on GeoVirus (../shared/training/geovirus-train: 229
// WikiNews articles, 2,167 toponyms with coordinates) and writes models/toponyms.json. Never on a
// development set. Each gold toponym our pipeline finds with two or more eligible places is one
// example: a conditional logit (softmax over its places) learns to put the places within 161 km of the
// gold point first. Full-batch gradient descent with L2, deterministic; five-fold cross-validation by
// article is reported beside the hand-set score the model replaces.
//   npm run train:toponyms [-- --data DIR] [--out FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDocument } from '../src/model/create.ts';
import { STAGES } from '../src/pipeline/index.ts';
import { haversineKm } from '../src/where/distance.ts';
import { eligiblePlaces, placeCandidates } from '../src/where/index.ts';
import { FEATURES, scoreOf, TOPONYM_MODEL_PATH, type ToponymModel } from '../src/where/rank.ts';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/training/geovirus-train' }, out: { type: 'string', default: TOPONYM_MODEL_PATH } } });

interface Item { id: string; text: string; toponyms: { start: number; end: number; lat: number; lon: number }[] }
/** One gold toponym: its places' feature vectors and which of them are right (within 161 km). */
interface Example { article: number; x: number[][]; right: boolean[] }

const items = readFileSync(`${values.data}/items.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Item);
const needed = new Set(['segment', 'syntax', 'entities']);
const examples: Example[] = [];
let gold = 0, found = 0, unambiguous = 0, unreachable = 0;
items.forEach((item, article) => {
  const doc = createDocument(item.text, { origin: item.id, format: 'text' });
  for (const s of STAGES) if (needed.has(s.name)) s.run(doc);
  const { candidates, context } = placeCandidates(doc);
  for (const g of item.toponyms) {
    gold++;
    let best: (typeof candidates)[number] | undefined;
    let overlap = 0;
    for (const c of candidates) {
      const o = Math.min(c.mention.end, g.end) - Math.max(c.mention.start, g.start);
      if (o > overlap) { best = c; overlap = o; }
    }
    if (!best) continue;
    found++;
    const places = eligiblePlaces(best, context);
    if (places.length < 2) { unambiguous++; continue; }
    const right = places.map((p) => haversineKm(p.lat, p.lon, g.lat, g.lon) <= 161);
    if (!right.some(Boolean)) { unreachable++; continue; }
    examples.push({ article, x: places.map((p) => context.features(best!, p)), right });
  }
});
console.log(`${items.length} articles, ${gold} gold toponyms: ${found} found, ${unambiguous} with one eligible place, ${unreachable} with no place within 161 km, ${examples.length} training examples`);

/** The score the model replaces (src/where/index.ts before: 4 x country weight + feature rank + log population + anchors). */
const HAND_SET = FEATURES.map((f) => ({ log_population: 7, feature_rank: 6, country_weight: 12, anchor_within_100km: 3, same_division_as_anchor: 1.5 } as Record<string, number>)[f] ?? 0);

function train(set: Example[], iterations = 1500, l2 = 1e-3, rate = 0.5): number[] {
  const w = new Array(FEATURES.length).fill(0);
  // Adam over the mean log-likelihood of the right places.
  const m = new Array(w.length).fill(0), v = new Array(w.length).fill(0);
  for (let t = 1; t <= iterations; t++) {
    const grad = w.map((wi) => l2 * wi);
    for (const e of set) {
      const s = e.x.map((f) => scoreOf(w, f));
      const top = Math.max(...s);
      const p = s.map((z) => Math.exp(z - top));
      const total = p.reduce((a, b) => a + b, 0);
      const rightTotal = p.reduce((a, b, i) => a + (e.right[i] ? b : 0), 0);
      for (let i = 0; i < e.x.length; i++) {
        // d(-log P(right))/dz_i = p_i - [right] p_i / P(right) (probabilities unnormalised by the same factor)
        const g = p[i] / total - (e.right[i] ? p[i] / rightTotal : 0);
        if (g === 0) continue;
        for (let k = 0; k < w.length; k++) grad[k] += (g * e.x[i][k]) / set.length;
      }
    }
    for (let k = 0; k < w.length; k++) {
      m[k] = 0.9 * m[k] + 0.1 * grad[k];
      v[k] = 0.999 * v[k] + 0.001 * grad[k] * grad[k];
      w[k] -= (rate / Math.sqrt(t)) * (m[k] / (1 - 0.9 ** t)) / (Math.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return w;
}

const accuracy = (w: number[], set: Example[]) => {
  let hits = 0;
  for (const e of set) {
    let best = 0;
    for (let i = 1; i < e.x.length; i++) if (scoreOf(w, e.x[i]) > scoreOf(w, e.x[best])) best = i;
    if (e.right[best]) hits++;
  }
  return set.length ? hits / set.length : 0;
};

const FOLDS = 5;
let cvHits = 0;
for (let f = 0; f < FOLDS; f++) {
  const held = examples.filter((e) => e.article % FOLDS === f);
  const w = train(examples.filter((e) => e.article % FOLDS !== f));
  cvHits += accuracy(w, held) * held.length;
}
const weights = train(examples).map((x) => Math.round(x * 1e4) / 1e4);
const cv = cvHits / examples.length;
console.log(`ambiguous toponyms right (acc@161): hand-set score ${accuracy(HAND_SET, examples).toFixed(3)}; learned, ${FOLDS}-fold CV ${cv.toFixed(3)}, on all training ${accuracy(weights, examples).toFixed(3)}`);
for (let k = 0; k < FEATURES.length; k++) console.log(`  ${FEATURES[k].padEnd(28)} ${weights[k].toFixed(3)}`);
const model: ToponymModel = {
  features: FEATURES, weights, trainedOn: `geovirus-train: ${examples.length} ambiguous toponyms of ${items.length} articles`,
  note: `conditional logit, L2 1e-3; ${FOLDS}-fold CV acc@161 on ambiguous toponyms ${cv.toFixed(3)} (hand-set score ${accuracy(HAND_SET, examples).toFixed(3)})`,
};
writeFileSync(values.out!, JSON.stringify(model, null, 1) + '\n');
console.log(`wrote ${values.out}`);
