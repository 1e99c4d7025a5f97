// Universal POS tagger: a greedy left-to-right averaged perceptron (the design of Collins 2002 and
// Honnibal's textbook tagger) over hashed features of the word, its affixes and shape, the two words
// either side and the two tags already given. Frequent words that the treebank always tags one way are
// looked up instead of scored.
import { argmax, hashString, mix, type Scorer, TrainablePerceptron } from './perceptron.ts';

export const UPOS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X'] as const;
export type Upos = (typeof UPOS)[number];
export const UPOS_INDEX: Record<string, number> = Object.fromEntries(UPOS.map((t, i) => [t, i]));

/** Word shape, runs collapsed and capped: "Mattis" -> "Xx", "2,000" -> "d,d", "al-Assad" -> "x-Xx". */
export function wordShape(word: string): string {
  let out = '';
  let last = -1;
  for (let i = 0; i < word.length && out.length < 6; i++) {
    const c = word.charCodeAt(i);
    let k: string;
    if (c >= 48 && c <= 57) k = 'd';
    else {
      const ch = word[i];
      const lo = ch.toLowerCase(), up = ch.toUpperCase();
      k = ch !== lo ? 'X' : ch !== up ? 'x' : ch;
    }
    const code = k.charCodeAt(0);
    if (code !== last) out += k;
    last = code;
  }
  return out;
}

/** The per-word atoms the features read, computed once per sentence. */
interface WordAtoms {
  /** Ambiguity class: the set of tags the word had in training, as a bitmask (0 = unseen). */
  ambiguity: Int32Array;
  /** Distributional signature from unlabelled news: the function words it most often follows and precedes. */
  signature: Int32Array;
  word: Int32Array;
  lower: Int32Array;
  suffix1: Int32Array;
  suffix2: Int32Array;
  suffix3: Int32Array;
  suffix4: Int32Array;
  prefix1: Int32Array;
  prefix3: Int32Array;
  shape: Int32Array;
}

const ATOMS = 11;
/** A word's atoms, computed once per word form (and per tagger's classes): news repeats its words. */
const atomCaches = new WeakMap<ReadonlyMap<string, number>, Map<string, Int32Array>>();

function wordAtoms(w: string, classes: ReadonlyMap<string, number>, signatures?: ReadonlyMap<string, number>): Int32Array {
  let atomCache = atomCaches.get(classes);
  if (!atomCache) atomCaches.set(classes, (atomCache = new Map()));
  let x = atomCache.get(w);
  if (x) return x;
  const lw = w.toLowerCase();
  x = Int32Array.of(
    classes.get(lw) ?? 0, hashString(w), hashString(lw), hashString(lw.slice(-1)), hashString(lw.slice(-2)), hashString(lw.slice(-3)),
    hashString(lw.slice(-4)), hashString(w.slice(0, 1)), hashString(lw.slice(0, 3)), hashString(wordShape(w)),
    signatures?.get(lw) ?? -1,
  );
  if (atomCache.size > 200_000) atomCache.clear(); // bounded: a long-running server stays small
  atomCache.set(w, x);
  return x;
}

function atomsOf(words: readonly string[], classes: ReadonlyMap<string, number>, signatures?: ReadonlyMap<string, number>): WordAtoms {
  const n = words.length;
  const a: WordAtoms = {
    signature: new Int32Array(n), ambiguity: new Int32Array(n), word: new Int32Array(n), lower: new Int32Array(n), suffix1: new Int32Array(n), suffix2: new Int32Array(n),
    suffix3: new Int32Array(n), suffix4: new Int32Array(n), prefix1: new Int32Array(n), prefix3: new Int32Array(n), shape: new Int32Array(n),
  };
  const columns = [a.ambiguity, a.word, a.lower, a.suffix1, a.suffix2, a.suffix3, a.suffix4, a.prefix1, a.prefix3, a.shape, a.signature];
  for (let i = 0; i < n; i++) {
    const x = wordAtoms(words[i], classes, signatures);
    for (let k = 0; k < ATOMS; k++) columns[k][i] = x[k];
  }
  return a;
}

const START = 0x5a17, END = 0x3e9d; // atoms of the positions before and after the sentence
const NO_TAG = 31;

/** Writes token i's features into `out`; returns how many. `prev`/`prev2`: tags already given. */
function features(a: WordAtoms, n: number, i: number, prev: number, prev2: number, out: Int32Array): number {
  const L = a.lower;
  const before = i > 0 ? L[i - 1] : START, before2 = i > 1 ? L[i - 2] : START;
  const after = i + 1 < n ? L[i + 1] : END, after2 = i + 2 < n ? L[i + 2] : END;
  let k = 0;
  out[k++] = mix(1, 0);
  out[k++] = mix(2, a.word[i]);
  out[k++] = mix(3, L[i]);
  out[k++] = mix(4, a.suffix1[i]);
  out[k++] = mix(5, a.suffix2[i]);
  out[k++] = mix(6, a.suffix3[i]);
  out[k++] = mix(7, a.suffix4[i]);
  out[k++] = mix(8, a.prefix1[i]);
  out[k++] = mix(9, a.prefix3[i]);
  out[k++] = mix(10, a.shape[i]);
  out[k++] = mix(11, prev);
  out[k++] = mix(12, prev2);
  out[k++] = mix(mix(13, prev), prev2);
  out[k++] = mix(mix(14, prev), L[i]);
  out[k++] = mix(15, before);
  out[k++] = mix(16, i > 0 ? a.suffix3[i - 1] : START);
  out[k++] = mix(17, before2);
  out[k++] = mix(18, after);
  out[k++] = mix(19, i + 1 < n ? a.suffix3[i + 1] : END);
  out[k++] = mix(20, after2);
  out[k++] = mix(mix(21, before), L[i]);
  out[k++] = mix(mix(22, L[i]), after);
  out[k++] = mix(mix(23, prev), a.suffix3[i]);
  out[k++] = mix(mix(24, i === 0 ? 1 : 0), a.shape[i]);
  out[k++] = mix(mix(25, a.shape[i]), i + 1 < n ? a.shape[i + 1] : END);
  out[k++] = mix(mix(26, prev), after);
  // What the words around could be: the tags each had in training (the lookahead a greedy tagger lacks).
  const amb = a.ambiguity;
  const amb1 = i + 1 < n ? amb[i + 1] : -2, amb2 = i + 2 < n ? amb[i + 2] : -2;
  out[k++] = mix(27, amb[i]);
  out[k++] = mix(28, amb1);
  out[k++] = mix(mix(29, amb[i]), amb1);
  out[k++] = mix(mix(30, prev), amb1);
  out[k++] = mix(mix(31, a.suffix3[i]), amb1);
  out[k++] = mix(mix(32, amb1), amb2);
  out[k++] = mix(mix(mix(33, prev), amb[i]), amb1);
  out[k++] = mix(mix(34, L[i]), amb1);
  // Where the word stands in news (what it follows and precedes there), for words the treebanks rarely have.
  const sig = a.signature[i], sig1 = i + 1 < n ? a.signature[i + 1] : -2;
  if (sig >= 0) {
    out[k++] = mix(35, sig);
    out[k++] = mix(36, sig >> 5);
    out[k++] = mix(37, sig & 31);
    out[k++] = mix(mix(38, prev), sig);
    out[k++] = mix(mix(39, sig), amb1);
  }
  out[k++] = mix(40, sig1);
  return k;
}

/**
 * Second pass: the first pass's tags of the words after (what a left-to-right tagger could not see) and of
 * the word itself, added to the first pass's features. `first` holds the first pass's tags.
 */
function secondPassFeatures(a: WordAtoms, n: number, i: number, prev: number, prev2: number, first: Uint8Array, out: Int32Array): number {
  let k = features(a, n, i, prev, prev2, out);
  const next = i + 1 < n ? first[i + 1] : NO_TAG, next2 = i + 2 < n ? first[i + 2] : NO_TAG;
  out[k++] = mix(41, first[i]);
  out[k++] = mix(42, next);
  out[k++] = mix(mix(43, next), next2);
  out[k++] = mix(mix(44, prev), next);
  out[k++] = mix(mix(45, a.lower[i]), next);
  out[k++] = mix(mix(46, a.suffix3[i]), next);
  out[k++] = mix(mix(47, first[i]), next);
  out[k++] = mix(mix(mix(48, prev), first[i]), next);
  return k;
}

const MAX_FEATURES = 56;

export interface TaggerData {
  /** Frequent words the treebank tags one way: word -> UPOS index. */
  tagdict: Record<string, number>;
  /** Lowercased words seen in training -> bitmask of the tags they had (their ambiguity class). */
  classes: Record<string, number>;
  /** Lowercased words of unlabelled news -> signature (preceding function word * 32 + following one). */
  signatures?: Record<string, number>;
}

export class PosTagger {
  private readonly feats = new Int32Array(MAX_FEATURES);
  private readonly scores = new Float64Array(UPOS.length);
  private readonly tagdict: Map<string, number>;
  private readonly classes: Map<string, number>;
  private readonly signatures: Map<string, number>;

  /** `second`: the lookahead pass over the first pass's tags, when the artefact has one. */
  constructor(readonly model: Scorer, data: TaggerData, readonly second?: Scorer) {
    this.tagdict = new Map(Object.entries(data.tagdict));
    this.classes = new Map(Object.entries(data.classes ?? {}));
    this.signatures = new Map(Object.entries(data.signatures ?? {}));
  }

  /** UPOS indices for one sentence's words. */
  tag(words: readonly string[]): Uint8Array {
    const a = atomsOf(words, this.classes, this.signatures);
    const tags = greedyPass(this.model, this.tagdict, words, a, undefined, this.feats, this.scores);
    return this.second ? greedyPass(this.second, this.tagdict, words, a, tags, this.feats, this.scores) : tags;
  }
}

/**
 * One greedy left-to-right pass: frequent unambiguous words are looked up, the others scored. With
 * `first`, the second pass's features over the first pass's tags. With `train`, each mistake updates
 * the learner (the model being scored); the history stays the predicted one, as when tagging.
 */
function greedyPass(model: Scorer, tagdict: ReadonlyMap<string, number>, words: readonly string[], a: WordAtoms, first: Uint8Array | undefined,
  feats: Int32Array, scores: Float64Array, train?: { learner: TrainablePerceptron; gold: ArrayLike<number> }): Uint8Array {
  const n = words.length;
  const out = new Uint8Array(n);
  let prev = NO_TAG, prev2 = NO_TAG;
  for (let i = 0; i < n; i++) {
    let t = tagdict.get(words[i]);
    if (t === undefined) {
      const k = first ? secondPassFeatures(a, n, i, prev, prev2, first, feats) : features(a, n, i, prev, prev2, feats);
      model.score(feats, k, scores);
      t = argmax(scores);
      train?.learner.update(feats, k, train.gold[i], t);
    }
    out[i] = t;
    prev2 = prev;
    prev = t;
  }
  return out;
}

/** Training: one pass over a sentence against gold tags, updating on mistakes. Returns the number right. */
export function trainTaggerSentence(model: TrainablePerceptron, tagdict: Map<string, number>, classes: ReadonlyMap<string, number>, words: readonly string[], gold: ArrayLike<number>, signatures?: ReadonlyMap<string, number>): number {
  const tags = greedyPass(model, tagdict, words, atomsOf(words, classes, signatures), undefined, new Int32Array(MAX_FEATURES), new Float64Array(UPOS.length), { learner: model, gold });
  return countRight(tags, gold);
}

/** Training the second pass on a sentence the first pass tagged (`first`, jackknifed), against gold. */
export function trainSecondPassSentence(model: TrainablePerceptron, tagdict: Map<string, number>, classes: ReadonlyMap<string, number>, words: readonly string[], first: Uint8Array, gold: ArrayLike<number>, signatures?: ReadonlyMap<string, number>): number {
  const tags = greedyPass(model, tagdict, words, atomsOf(words, classes, signatures), first, new Int32Array(MAX_FEATURES), new Float64Array(UPOS.length), { learner: model, gold });
  return countRight(tags, gold);
}

function countRight(tags: Uint8Array, gold: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < tags.length; i++) if (tags[i] === gold[i]) right++;
  return right;
}

/** Words seen at least `minCount` times with one tag at least `share` of the time. */
export function buildTagdict(sentences: { words: readonly string[]; upos: ArrayLike<number> }[], minCount = 20, share = 0.97): Map<string, number> {
  const counts = new Map<string, Map<number, number>>();
  for (const s of sentences) {
    s.words.forEach((w, i) => {
      let m = counts.get(w);
      if (!m) counts.set(w, (m = new Map()));
      m.set(s.upos[i], (m.get(s.upos[i]) ?? 0) + 1);
    });
  }
  const dict = new Map<string, number>();
  for (const [w, m] of counts) {
    let total = 0, best = -1, bestCount = 0;
    for (const [t, c] of m) {
      total += c;
      if (c > bestCount) { best = t; bestCount = c; }
    }
    if (total >= minCount && bestCount / total >= share) dict.set(w, best);
  }
  return dict;
}

/**
 * Ambiguity classes: each word seen at least `minCount` times (lowercased) -> the bitmask of the tags it
 * had at least `minShare` of the time.
 */
export function buildClasses(sentences: { words: readonly string[]; upos: ArrayLike<number> }[], minCount = 2, minShare = 0.05): Map<string, number> {
  const counts = new Map<string, Int32Array>();
  for (const s of sentences) {
    s.words.forEach((w, i) => {
      const lw = w.toLowerCase();
      let c = counts.get(lw);
      if (!c) counts.set(lw, (c = new Int32Array(UPOS.length)));
      c[s.upos[i]]++;
    });
  }
  const classes = new Map<string, number>();
  for (const [w, c] of counts) {
    let total = 0;
    for (const x of c) total += x;
    if (total < minCount) continue;
    let mask = 0;
    c.forEach((x, t) => { if (x / total >= minShare) mask |= 1 << t; });
    classes.set(w, mask);
  }
  return classes;
}

/** Function words a signature is made of: what a word follows, and what it precedes. */
export const BEFORE_WORDS = ['the', 'a', 'an', 'was', 'were', 'been', 'be', 'is', 'are', 'has', 'have', 'had', 'to', 'of', 'in', 'by', 'and', 'will', 'his', 'their', 'two', 'three', 'said', 'who', 'not', 'they', 'he', 'it', 'on', 'for', 'that'];
export const AFTER_WORDS = ['of', 'the', 'a', 'was', 'were', 'in', 'on', 'by', 'to', 'and', 'that', 'who', 'said', '.', ',', 'is', 'are', 'have', 'has', 'for', 'with', 'at', 'from', 'as', 'will', 'would', 'had', 'an', 'it', 'their', 'his'];

/**
 * Distributional signatures from unlabelled text (sentences as word lists): for each word seen at least
 * `minCount` times, the function word it most often follows and the one it most often precedes.
 */
export function buildSignatures(sentences: Iterable<readonly string[]>, minCount = 5): Map<string, number> {
  const before = new Map(BEFORE_WORDS.map((w, i) => [w, i + 1]));
  const after = new Map(AFTER_WORDS.map((w, i) => [w, i + 1]));
  const counts = new Map<string, Int32Array>(); // 0: total, 1..31 before, 32..63 after
  for (const words of sentences) {
    const lower = words.map((w) => w.toLowerCase());
    for (let i = 0; i < lower.length; i++) {
      let c = counts.get(lower[i]);
      if (!c) counts.set(lower[i], (c = new Int32Array(64)));
      c[0]++;
      const b = i > 0 ? before.get(lower[i - 1]) : undefined;
      if (b) c[b]++;
      const a = i + 1 < lower.length ? after.get(lower[i + 1]) : undefined;
      if (a) c[32 + a]++;
    }
  }
  const out = new Map<string, number>();
  for (const [w, c] of counts) {
    if (c[0] < minCount) continue;
    let b = 0, a = 0;
    for (let k = 1; k < 32; k++) if (c[k] > c[b] || b === 0 && c[k] > 0) b = c[k] > 0 ? k : b;
    for (let k = 33; k < 64; k++) if (c[k] > (a ? c[a] : 0)) a = k;
    out.set(w, (b & 31) * 32 + (a ? a - 32 : 0));
  }
  return out;
}
