// A greedy averaged perceptron sequence tagger (Collins 2002; as in textbook POS/NER taggers).
// Small, fast, trainable in a minute on CoNLL-2003, and its weights ship as a compact file.
import { contextFeatures, shape, tokenFeatures, wordFeatures, type Gazetteer } from './features.ts';

export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
const N = TAGS.length;

/** Transitions that BIO forbids: I-X only after B-X or I-X. */
function allowed(prev: number, tag: number): boolean {
  const t = TAGS[tag];
  if (t[0] !== 'I') return true;
  const p = TAGS[prev] ?? 'O';
  return p !== 'O' && p.slice(2) === t.slice(2);
}

export class Perceptron {
  weights = new Map<string, Float32Array>();
  // Training-only state for averaging.
  private totals = new Map<string, Float64Array>();
  private stamps = new Map<string, Float64Array>();
  private instances = 0;

  constructor(public gaz?: Gazetteer) {}

  private scores(features: string[], out: Float64Array): void {
    out.fill(0);
    for (const f of features) {
      const w = this.weights.get(f);
      if (w) for (let k = 0; k < N; k++) out[k] += w[k];
    }
  }

  /** Summed weights of a word's own features, cached: news repeats its words, so most are hits. */
  private wordCache = new Map<string, Float64Array>();
  private wordScores(w: string, lw: string, sh: string): Float64Array {
    let v = this.wordCache.get(w);
    if (v) return v;
    v = new Float64Array(N);
    this.scores(wordFeatures(w, lw, sh, this.gaz), v);
    if (this.wordCache.size > 100_000) this.wordCache.clear(); // bounded: a long-running server stays small
    this.wordCache.set(w, v);
    return v;
  }

  /** Tag one sentence. Returns tag indices. */
  tag(words: string[]): number[] {
    const lowers = words.map((w) => w.toLowerCase());
    const shapes = words.map(shape);
    const tags: number[] = [];
    const sc = new Float64Array(N);
    let prev = 0;
    let prev2 = 0;
    for (let i = 0; i < words.length; i++) {
      this.scores(contextFeatures(words, lowers, shapes, i, TAGS[prev], TAGS[prev2], this.gaz), sc);
      const own = this.wordScores(words[i], lowers[i], shapes[i]);
      for (let k = 0; k < N; k++) sc[k] += own[k];
      let best = 0;
      let bestScore = -Infinity;
      for (let k = 0; k < N; k++) {
        if (sc[k] > bestScore && allowed(prev, k)) {
          best = k;
          bestScore = sc[k];
        }
      }
      tags.push(best);
      prev2 = prev;
      prev = best;
    }
    return tags;
  }

  private update(f: string, k: number, delta: number): void {
    let w = this.weights.get(f);
    if (!w) {
      w = new Float32Array(N);
      this.weights.set(f, w);
      this.totals.set(f, new Float64Array(N));
      this.stamps.set(f, new Float64Array(N));
    }
    const tot = this.totals.get(f)!;
    const st = this.stamps.get(f)!;
    tot[k] += (this.instances - st[k]) * w[k];
    st[k] = this.instances;
    w[k] += delta;
  }

  /** One pass over a sentence with gold tags; updates on mistakes. Returns the number correct. */
  train(words: string[], gold: number[]): number {
    this.wordCache.clear(); // weights change: cached word scores are stale
    const lowers = words.map((w) => w.toLowerCase());
    const shapes = words.map(shape);
    const sc = new Float64Array(N);
    let prev = 0;
    let prev2 = 0;
    let correct = 0;
    for (let i = 0; i < words.length; i++) {
      this.instances++;
      // Condition on the predicted history, as at test time (the greedy decoder's own mistakes).
      const feats = tokenFeatures(words, lowers, shapes, i, TAGS[prev], TAGS[prev2], this.gaz);
      this.scores(feats, sc);
      let guess = 0;
      let bestScore = -Infinity;
      for (let k = 0; k < N; k++) if (sc[k] > bestScore && allowed(prev, k)) { guess = k; bestScore = sc[k]; }
      if (guess !== gold[i]) {
        for (const f of feats) {
          this.update(f, gold[i], 1);
          this.update(f, guess, -1);
        }
      } else correct++;
      prev2 = prev;
      prev = guess;
    }
    return correct;
  }

  /** Replace weights by their averages over all updates (call once, after training). */
  average(): void {
    this.wordCache.clear();
    for (const [f, w] of this.weights) {
      const tot = this.totals.get(f)!;
      const st = this.stamps.get(f)!;
      for (let k = 0; k < N; k++) {
        tot[k] += (this.instances - st[k]) * w[k];
        w[k] = tot[k] / this.instances;
      }
    }
    this.totals.clear();
    this.stamps.clear();
  }

  /** Compact form: features whose largest weight is below `threshold` are dropped; weights quantised. */
  serialise(threshold: number, scale = 1000): { tags: readonly string[]; scale: number; features: Record<string, number[]> } {
    const features: Record<string, number[]> = {};
    for (const [f, w] of this.weights) {
      let max = 0;
      for (let k = 0; k < N; k++) max = Math.max(max, Math.abs(w[k]));
      if (max < threshold) continue;
      features[f] = Array.from(w, (x) => Math.round(x * scale));
    }
    return { tags: TAGS, scale, features };
  }

  static deserialise(data: { scale: number; features: Record<string, number[]> }, gaz?: Gazetteer): Perceptron {
    const p = new Perceptron(gaz);
    for (const f in data.features) {
      const row = data.features[f];
      const w = new Float32Array(N);
      for (let k = 0; k < N; k++) w[k] = row[k] / data.scale;
      p.weights.set(f, w);
    }
    return p;
  }
}
