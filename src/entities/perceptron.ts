// A greedy averaged perceptron sequence tagger (Collins 2002; as in textbook POS/NER taggers).
// Small, fast, trainable in a minute on CoNLL-2003, and its weights ship as a compact file.
import { contextFeatures, shape, tokenFeatures, wordFeatures, type Gazetteer } from './features.ts';

export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
const N = TAGS.length;

/** Transitions that BIO forbids: I-X only after B-X or I-X. */
function allowedTransition(prev: number, tag: number): boolean {
  const t = TAGS[tag];
  if (t[0] !== 'I') return true;
  const p = TAGS[prev] ?? 'O';
  return p !== 'O' && p.slice(2) === t.slice(2);
}
/** The same as a table, read once per tag and token in the decoder. */
const ALLOWED = Uint8Array.from({ length: N * N }, (_, i) => (allowedTransition(Math.floor(i / N), i % N) ? 1 : 0));
const allowed = (prev: number, tag: number): boolean => ALLOWED[prev * N + tag] === 1;

/**
 * Context templates (features.ts contextFeatures) as numbers: a feature "w-1w=a|b" becomes the key
 * (template, atom(a), atom(b)), so tagging builds no strings for them. Zero, one or two atoms each.
 */
const CONTEXT_TEMPLATES = ['t1', 't12', 't1w', 'w-1', 'w+1', 'w-2', 'w+2', 'sh-1', 'sh+1', 'w-1w', 'ww+1', 'first', 'g-1', 'g+1'] as const;
const TWO_ATOMS = new Set(['t12', 't1w', 'sh-1', 'sh+1', 'w-1w', 'ww+1']);
const T = Object.fromEntries(CONTEXT_TEMPLATES.map((t, i) => [t, i + 1])) as Record<(typeof CONTEXT_TEMPLATES)[number], number>;
const ATOM_SPACE = 4194304; // 2^22 atoms: (template, atom) packs into a small integer, which V8 hashes fastest
const key = (t: number, a: number) => t * ATOM_SPACE + a;
/** Two atoms: above every one-atom key, and exact in a double (< 2^53). */
const key2 = (t: number, a: number, b: number) => (t * ATOM_SPACE + a) * ATOM_SPACE + b;
/** Table slot of a key (Fibonacci hashing of its two 32-bit halves). */
const slot = (k: number, shift: number) => Math.imul((k >>> 0) ^ Math.imul(Math.floor(k / 4294967296), 0x85ebca77), 0x9e3779b1) >>> shift;

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

  // Numeric form of the context features, built once from `weights` (compile()): one open-addressing
  // table of numeric keys -> a row of N weights, flat in typed arrays (no Map or array object per feature).
  private atoms?: Map<string, number>;
  private table?: { keys: Float64Array; rows: Float32Array; mask: number; shift: number };

  /** Index the context features by number (after loading or training; weights must not change after). */
  compile(): void {
    const atoms = new Map<string, number>();
    const atom = (x: string) => { let id = atoms.get(x); if (id === undefined) { id = atoms.size + 1; atoms.set(x, id); } return id; };
    const entries: [number, Float32Array][] = [];
    for (const [f, w] of this.weights) {
      const eq = f.indexOf('=');
      const name = eq < 0 ? f : f.slice(0, eq);
      const t = (T as Record<string, number>)[name];
      if (t === undefined) continue;
      const value = eq < 0 ? '' : f.slice(eq + 1);
      if (TWO_ATOMS.has(name)) {
        const bar = value.indexOf('|');
        if (bar < 0 || value.indexOf('|', bar + 1) >= 0) continue; // a word with "|" in it: keep to the string path
        entries.push([key2(t, atom(value.slice(0, bar)), atom(value.slice(bar + 1))), w]);
      } else entries.push([eq < 0 ? key(t, 0) : key(t, atom(value)), w]);
    }
    if (atoms.size >= ATOM_SPACE) return; // too many to pack: the string path stays
    let bits = 4;
    while (1 << bits < entries.length * 2.5) bits++;
    const size = 1 << bits;
    const table = { keys: new Float64Array(size), rows: new Float32Array(size * N), mask: size - 1, shift: 32 - bits };
    for (const [k, w] of entries) {
      let h = slot(k, table.shift);
      while (table.keys[h] !== 0) h = (h + 1) & table.mask;
      table.keys[h] = k;
      table.rows.set(w, h * N);
    }
    this.atoms = atoms;
    this.table = table;
    this.wordCache.clear();
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
    const table = this.table;
    const numeric = table !== undefined;
    const atoms = this.atoms;
    // Atom ids of the sentence's words, shapes, and gazetteer classes (-1: never seen in training).
    const id = (x: string) => atoms!.get(x) ?? -1;
    const lw = numeric ? lowers.map(id) : [];
    const sh = numeric ? shapes.map(id) : [];
    const none: number[] = [];
    const gz = numeric ? lowers.map((x) => { const c = this.gaz?.lookup(x); return c ? c.map(id) : none; }) : [];
    const S = numeric ? id('<s>') : -1;
    const E = numeric ? id('</s>') : -1;
    const tagAtom = numeric ? TAGS.map(id) : [];
    const addKey = (k: number) => {
      const { keys, rows, mask } = table!;
      for (let h = slot(k, table!.shift); ; h = (h + 1) & mask) {
        const at = keys[h];
        if (at === k) { const base = h * N; for (let j = 0; j < N; j++) sc[j] += rows[base + j]; return; }
        if (at === 0) return;
      }
    };
    const add = (t: number, a: number) => { if (a >= 0) addKey(key(t, a)); };
    const add2 = (t: number, a: number, b: number) => { if (a >= 0 && b >= 0) addKey(key2(t, a, b)); };
    for (let i = 0; i < words.length; i++) {
      if (numeric) {
        sc.fill(0);
        const before = i > 0 ? lw[i - 1] : S, after = i + 1 < words.length ? lw[i + 1] : E;
        add(T.t1, tagAtom[prev]);
        add2(T.t12, tagAtom[prev2], tagAtom[prev]);
        add2(T.t1w, tagAtom[prev], lw[i]);
        add(T['w-1'], before);
        add(T['w+1'], after);
        add(T['w-2'], i > 1 ? lw[i - 2] : S);
        add(T['w+2'], i + 2 < words.length ? lw[i + 2] : E);
        add2(T['sh-1'], i > 0 ? sh[i - 1] : S, sh[i]);
        add2(T['sh+1'], sh[i], i + 1 < words.length ? sh[i + 1] : E);
        add2(T['w-1w'], before, lw[i]);
        add2(T['ww+1'], lw[i], after);
        if (i === 0) add(T.first, 0);
        if (i > 0) for (const c of gz[i - 1]) add(T['g-1'], c);
        if (i + 1 < words.length) for (const c of gz[i + 1]) add(T['g+1'], c);
      } else this.scores(contextFeatures(words, lowers, shapes, i, TAGS[prev], TAGS[prev2], this.gaz), sc);
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
    this.table = this.atoms = undefined;
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
    p.compile();
    return p;
  }
}
