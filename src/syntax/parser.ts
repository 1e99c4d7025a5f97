// Dependency parser: greedy arc-hybrid transitions (Kuhlmann et al. 2011) with the root at the end of
// the buffer, scored by an averaged perceptron over hashed configuration features (the feature set of
// Honnibal's and Zhang & Nivre's parsers), trained with a dynamic oracle and error exploration
// (Goldberg & Nivre 2012, 2013). Moves are unlabelled; a second perceptron labels each arc when it is
// made, from the head, the dependent and the children each already has.
import { argmax, hashString, mix, type Scorer, TrainablePerceptron } from './perceptron.ts';

export const SHIFT = 0, LEFT = 1, RIGHT = 2;
const MOVES = 3;

const NONE = -1;
const NO_WORD = 0x1b873593, ROOT_WORD = 0x2e4c6f61;
const NO_TAG = 30, ROOT_TAG = 29;

/** A parse in progress over n words; index n is the root, last in the buffer. */
export class Configuration {
  n = 0;
  stack: Int32Array;
  depth = 0;
  b0 = 0;
  heads: Int32Array;
  labels: Int32Array;
  /** Leftmost and second-leftmost, rightmost and second-rightmost children; counts of each side. */
  left1: Int32Array;
  left2: Int32Array;
  right1: Int32Array;
  right2: Int32Array;
  nLeft: Int32Array;
  nRight: Int32Array;
  words: Int32Array;
  tags: Int32Array;

  constructor(capacity = 64) {
    this.stack = new Int32Array(capacity + 1);
    this.heads = new Int32Array(capacity + 1);
    this.labels = new Int32Array(capacity + 1);
    this.left1 = new Int32Array(capacity + 1);
    this.left2 = new Int32Array(capacity + 1);
    this.right1 = new Int32Array(capacity + 1);
    this.right2 = new Int32Array(capacity + 1);
    this.nLeft = new Int32Array(capacity + 1);
    this.nRight = new Int32Array(capacity + 1);
    this.words = new Int32Array(capacity + 1);
    this.tags = new Int32Array(capacity + 1);
  }

  /** Start over on a sentence: word atoms (hashes of the lowercased forms) and UPOS indices. */
  reset(words: ArrayLike<number>, tags: ArrayLike<number>): void {
    const n = words.length;
    if (n + 1 > this.heads.length) Object.assign(this, new Configuration(Math.max(n, this.heads.length * 2)));
    this.n = n;
    this.depth = 0;
    this.b0 = 0;
    for (let i = 0; i <= n; i++) {
      this.heads[i] = NONE;
      this.labels[i] = NONE;
      this.left1[i] = this.left2[i] = this.right1[i] = this.right2[i] = NONE;
      this.nLeft[i] = this.nRight[i] = 0;
      this.words[i] = i < n ? words[i] : ROOT_WORD;
      this.tags[i] = i < n ? tags[i] : ROOT_TAG;
    }
  }

  done(): boolean {
    return this.b0 === this.n && this.depth === 0;
  }

  /** The one valid move when there is only one (empty stack, or only the root left in the buffer), else -1. */
  forced(): number {
    if (this.depth === 0) return SHIFT;
    if (this.b0 === this.n) return this.depth === 1 ? LEFT : RIGHT;
    return -1;
  }

  /** SHIFT while a word is left; LEFT onto the root only for the last word standing (one root). */
  valid(move: number): boolean {
    if (move === SHIFT) return this.b0 < this.n;
    if (move === LEFT) return this.depth > 0 && (this.b0 < this.n || this.depth === 1);
    return this.depth > 1;
  }

  /** Apply a move; returns the dependent of the arc it made (its head is then in `heads`), -1 for SHIFT. */
  apply(move: number): number {
    if (move === SHIFT) {
      this.stack[this.depth++] = this.b0++;
      return -1;
    }
    const dep = this.stack[--this.depth];
    const head = move === LEFT ? this.b0 : this.stack[this.depth - 1];
    this.attach(head, dep);
    return dep;
  }

  private attach(head: number, dep: number): void {
    this.heads[dep] = head;
    if (dep < head) {
      this.nLeft[head]++;
      if (this.left1[head] === NONE || dep < this.left1[head]) { this.left2[head] = this.left1[head]; this.left1[head] = dep; }
      else if (this.left2[head] === NONE || dep < this.left2[head]) this.left2[head] = dep;
    } else {
      this.nRight[head]++;
      if (this.right1[head] === NONE || dep > this.right1[head]) { this.right2[head] = this.right1[head]; this.right1[head] = dep; }
      else if (this.right2[head] === NONE || dep > this.right2[head]) this.right2[head] = dep;
    }
  }

  /**
   * Dynamic oracle: how many gold arcs a move makes unreachable (Goldberg & Nivre 2013, arc-hybrid).
   * `gold[i]` is word i's gold head (n for the root).
   */
  cost(move: number, gold: ArrayLike<number>): number {
    const { stack, depth, b0, n } = this;
    if (move === SHIFT) {
      let c = 0;
      for (let k = 0; k < depth; k++) {
        const s = stack[k];
        if (gold[s] === b0) c++;
        if (gold[b0] === s && k < depth - 1) c++;
      }
      return c;
    }
    const s0 = stack[depth - 1];
    const s1 = depth > 1 ? stack[depth - 2] : NONE;
    let c = 0;
    for (let k = b0; k < n; k++) if (gold[k] === s0) c++;
    const g = gold[s0];
    if (move === LEFT) {
      if (g !== b0 && (g === s1 || g > b0)) c++;
    } else if (g !== s1 && g >= b0) c++;
    return c;
  }
}

const dist = (a: number, b: number) => { const d = Math.abs(a - b); return d > 5 ? (d > 10 ? 7 : 6) : d; };

const wordAt = (c: Configuration, p: number) => (p === NONE ? NO_WORD : c.words[p]);
const tagAt = (c: Configuration, p: number) => (p === NONE ? NO_TAG : c.tags[p]);
const labelAt = (c: Configuration, p: number) => (p === NONE ? 63 : c.labels[p] + 1);

/** Features of a configuration into `out`; returns how many. */
function moveFeatures(c: Configuration, out: Int32Array): number {
  const { stack, depth, b0, n } = c;
  const s0 = depth > 0 ? stack[depth - 1] : NONE, s1 = depth > 1 ? stack[depth - 2] : NONE, s2 = depth > 2 ? stack[depth - 3] : NONE;
  const n0 = b0, n1 = b0 + 1 <= n ? b0 + 1 : NONE, n2 = b0 + 2 <= n ? b0 + 2 : NONE;
  const s0l = s0 === NONE ? NONE : c.left1[s0], s0l2 = s0 === NONE ? NONE : c.left2[s0];
  const s0r = s0 === NONE ? NONE : c.right1[s0], s0r2 = s0 === NONE ? NONE : c.right2[s0];
  const n0l = c.left1[n0], n0l2 = c.left2[n0];
  const s1r = s1 === NONE ? NONE : c.right1[s1];
  const ws0 = wordAt(c, s0), ws1 = wordAt(c, s1), ws2 = wordAt(c, s2), wn0 = wordAt(c, n0), wn1 = wordAt(c, n1), wn2 = wordAt(c, n2);
  const ts0 = tagAt(c, s0), ts1 = tagAt(c, s1), ts2 = tagAt(c, s2), tn0 = tagAt(c, n0), tn1 = tagAt(c, n1), tn2 = tagAt(c, n2);
  const ts0l = tagAt(c, s0l), ts0l2 = tagAt(c, s0l2), ts0r = tagAt(c, s0r), ts0r2 = tagAt(c, s0r2), tn0l = tagAt(c, n0l), tn0l2 = tagAt(c, n0l2), ts1r = tagAt(c, s1r);
  const d = s0 === NONE ? 0 : dist(s0, n0 === n ? s0 : n0) + (n0 === n ? 8 : 0);
  const vs0l = s0 === NONE ? 0 : c.nLeft[s0], vs0r = s0 === NONE ? 0 : c.nRight[s0], vn0l = c.nLeft[n0];
  let k = 0;
  out[k++] = mix(1, 0);
  // words and tags of the stack, the buffer and the children already attached
  out[k++] = mix(2, wn0); out[k++] = mix(3, wn1); out[k++] = mix(4, wn2); out[k++] = mix(5, ws0); out[k++] = mix(6, ws1); out[k++] = mix(7, ws2);
  out[k++] = mix(8, wordAt(c, n0l)); out[k++] = mix(9, wordAt(c, n0l2)); out[k++] = mix(10, wordAt(c, s0l)); out[k++] = mix(11, wordAt(c, s0l2)); out[k++] = mix(12, wordAt(c, s0r)); out[k++] = mix(13, wordAt(c, s0r2));
  out[k++] = mix(14, tn0); out[k++] = mix(15, tn1); out[k++] = mix(16, tn2); out[k++] = mix(17, ts0); out[k++] = mix(18, ts1); out[k++] = mix(19, ts2);
  out[k++] = mix(20, tn0l); out[k++] = mix(21, tn0l2); out[k++] = mix(22, ts0l); out[k++] = mix(23, ts0l2); out[k++] = mix(24, ts0r); out[k++] = mix(25, ts0r2);
  out[k++] = mix(mix(26, wn0), tn0); out[k++] = mix(mix(27, wn1), tn1); out[k++] = mix(mix(28, wn2), tn2); out[k++] = mix(mix(29, ws0), ts0); out[k++] = mix(mix(30, ws1), ts1);
  // pairs
  out[k++] = mix(mix(31, ws0), wn0); out[k++] = mix(mix(mix(32, wn0), tn0), ws0); out[k++] = mix(mix(mix(33, wn0), tn0), ts0); out[k++] = mix(mix(mix(34, ws0), ts0), wn0); out[k++] = mix(mix(mix(35, ws0), ts0), tn0);
  out[k++] = mix(mix(mix(mix(36, ws0), ts0), wn0), tn0);
  out[k++] = mix(mix(37, ts0), tn0); out[k++] = mix(mix(38, tn0), tn1); out[k++] = mix(mix(39, ts1), ts0); out[k++] = mix(mix(40, ws1), ts0); out[k++] = mix(mix(41, ts1), ws0); out[k++] = mix(mix(42, ws0), wn1);
  // tag trigrams
  out[k++] = mix(mix(mix(43, tn0), tn1), tn2); out[k++] = mix(mix(mix(44, ts0), tn0), tn1); out[k++] = mix(mix(mix(45, ts0), ts1), tn0); out[k++] = mix(mix(mix(46, ts0), ts0r), tn0); out[k++] = mix(mix(mix(47, ts0), tn0), tn0l);
  out[k++] = mix(mix(mix(48, ts0), ts0l), ts0l2); out[k++] = mix(mix(mix(49, ts0), ts0r), ts0r2); out[k++] = mix(mix(mix(50, tn0), tn0l), tn0l2); out[k++] = mix(mix(mix(51, ts0), ts1), ts2); out[k++] = mix(mix(mix(52, ts1), ts1r), ts0);
  out[k++] = mix(mix(mix(53, ts1), ts0), ts0l); out[k++] = mix(mix(mix(54, ts1), ts0), ts0r);
  // valency and distance
  out[k++] = mix(mix(55, ws0), vs0r); out[k++] = mix(mix(56, ws0), vs0l); out[k++] = mix(mix(57, wn0), vn0l); out[k++] = mix(mix(58, ts0), vs0r); out[k++] = mix(mix(59, ts0), vs0l); out[k++] = mix(mix(60, tn0), vn0l);
  out[k++] = mix(mix(61, ws0), d); out[k++] = mix(mix(62, wn0), d); out[k++] = mix(mix(63, ts0), d); out[k++] = mix(mix(64, tn0), d); out[k++] = mix(mix(mix(65, ts0), tn0), d); out[k++] = mix(mix(mix(66, ws0), wn0), d);
  // labels of the children already attached
  out[k++] = mix(mix(67, ts0), labelAt(c, s0l)); out[k++] = mix(mix(68, ts0), labelAt(c, s0r)); out[k++] = mix(mix(69, tn0), labelAt(c, n0l)); out[k++] = mix(mix(mix(70, ts0), labelAt(c, s0l)), labelAt(c, s0r)); out[k++] = mix(mix(mix(71, ts0), labelAt(c, s0r)), labelAt(c, s0r2));
  out[k++] = mix(mix(mix(72, tn0), labelAt(c, n0l)), labelAt(c, n0l2)); out[k++] = mix(mix(73, ts1), labelAt(c, s1r));
  return k;
}

/** Features of an arc head -> dep, when it is made, for its label. */
function labelFeatures(c: Configuration, head: number, dep: number, out: Int32Array): number {
  const { n } = c;
  const dir = dep < head ? 1 : 2;
  const hw = wordAt(c, head), ht = tagAt(c, head), dw = wordAt(c, dep), dt = tagAt(c, dep);
  const dl = c.left1[dep], dr = c.right1[dep];
  // the child of the head nearest the dependent on its side, already attached
  const hn = dep < head ? c.left1[head] : c.right1[head];
  const next = dep + 1 < n ? dep + 1 : NONE, prevw = dep > 0 ? dep - 1 : NONE;
  const d = head === n ? 0 : dist(head, dep);
  let k = 0;
  out[k++] = mix(1, dir);
  out[k++] = mix(mix(2, dir), ht); out[k++] = mix(mix(3, dir), dt); out[k++] = mix(mix(4, dir), hw); out[k++] = mix(mix(5, dir), dw);
  out[k++] = mix(mix(mix(6, dir), ht), dt); out[k++] = mix(mix(mix(7, dir), hw), dt); out[k++] = mix(mix(mix(8, dir), ht), dw); out[k++] = mix(mix(mix(9, dir), hw), dw); out[k++] = mix(mix(mix(10, dir), dt), d); out[k++] = mix(mix(mix(11, ht), dt), d);
  out[k++] = mix(mix(mix(12, dir), dt), wordAt(c, dl)); out[k++] = mix(mix(mix(13, dir), dt), tagAt(c, dl)); out[k++] = mix(mix(mix(14, dir), dt), labelAt(c, dl)); out[k++] = mix(mix(mix(15, dir), dt), tagAt(c, dr)); out[k++] = mix(mix(mix(16, dir), dt), labelAt(c, dr));
  out[k++] = mix(mix(mix(17, dir), ht), wordAt(c, hn)); out[k++] = mix(mix(mix(18, dir), ht), labelAt(c, hn)); out[k++] = mix(mix(mix(19, dir), dt), wordAt(c, hn)); out[k++] = mix(mix(mix(20, dir), dt), labelAt(c, hn));
  out[k++] = mix(mix(mix(21, dir), dt), tagAt(c, next)); out[k++] = mix(mix(mix(22, dir), dt), wordAt(c, next)); out[k++] = mix(mix(mix(23, dir), dt), tagAt(c, prevw)); out[k++] = mix(mix(mix(24, dir), dt), wordAt(c, prevw));
  out[k++] = mix(mix(mix(25, dir), wordAt(c, dl)), ht); out[k++] = mix(mix(mix(26, dir), dt), c.nLeft[dep] * 8 + c.nRight[dep]);
  out[k++] = mix(mix(mix(mix(27, dir), ht), dt), wordAt(c, dl));
  out[k++] = mix(mix(mix(28, dir), head === n ? 1 : 0), dt);
  return k;
}

const MAX_FEATURES = 80;

export interface ParserData {
  /** Dependency labels, the labeller's classes in order. */
  labels: string[];
}

export interface Parse {
  /** Head of each word (index into the sentence), -1 for the root. */
  heads: Int32Array;
  /** Index into the label list of each word's arc. */
  labels: Int32Array;
}

/** The atoms the parser reads of each word: hashes of the lowercased forms. */
export function parserWords(words: readonly string[]): Int32Array {
  const out = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = hashString(words[i].toLowerCase());
  return out;
}

export class DependencyParser {
  private readonly config = new Configuration();
  private readonly feats = new Int32Array(MAX_FEATURES);
  private readonly moveScores = new Float64Array(MOVES);
  private readonly labelScores: Float64Array;
  private readonly rootLabel: number;

  constructor(private readonly moves: Scorer, private readonly labeller: Scorer, readonly data: ParserData) {
    this.labelScores = new Float64Array(data.labels.length);
    this.rootLabel = data.labels.indexOf('root');
  }

  parse(words: ArrayLike<number>, tags: ArrayLike<number>): Parse {
    const c = this.config;
    c.reset(words, tags);
    const sc = this.moveScores;
    while (!c.done()) {
      let move = c.forced(); // nothing to score
      if (move < 0) {
        const k = moveFeatures(c, this.feats);
        this.moves.score(this.feats, k, sc);
        for (let m = 0; m < MOVES; m++) if (c.valid(m) && (move < 0 || sc[m] > sc[move])) move = m;
      }
      const dep = c.apply(move);
      if (dep >= 0) c.labels[dep] = this.label(c, c.heads[dep], dep);
    }
    const n = c.n;
    const heads = new Int32Array(n), labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      heads[i] = c.heads[i] === n ? -1 : c.heads[i];
      labels[i] = c.labels[i];
    }
    return { heads, labels };
  }

  private label(c: Configuration, head: number, dep: number): number {
    if (head === c.n) return this.rootLabel;
    const k = labelFeatures(c, head, dep, this.feats);
    this.labeller.score(this.feats, k, this.labelScores);
    return argmax(this.labelScores, this.rootLabel);
  }
}

/** Training state shared across sentences: the two models and scratch buffers. */
export class ParserTrainer {
  readonly config = new Configuration();
  private readonly feats = new Int32Array(MAX_FEATURES);
  private readonly moveScores = new Float64Array(MOVES);
  private readonly labelScores: Float64Array;
  private readonly rootLabel: number;

  constructor(readonly moves: TrainablePerceptron, readonly labeller: TrainablePerceptron, readonly labels: string[], private random: () => number) {
    this.labelScores = new Float64Array(labels.length);
    this.rootLabel = labels.indexOf('root');
  }

  /**
   * One sentence: gold heads (index, n = root) and gold label indices. With `explore`, the parser
   * follows its own prediction 90% of the time (the dynamic oracle says what was best from there).
   * Returns [arcs right, labels right] for progress reports.
   */
  train(words: ArrayLike<number>, tags: ArrayLike<number>, gold: ArrayLike<number>, goldLabels: ArrayLike<number>, explore: boolean): [number, number] {
    const c = this.config;
    c.reset(words, tags);
    const costs = [0, 0, 0];
    while (!c.done()) {
      const k = moveFeatures(c, this.feats);
      this.moves.score(this.feats, k, this.moveScores);
      let guess = -1, best = -1, minCost = Infinity;
      for (let m = 0; m < MOVES; m++) {
        if (!c.valid(m)) { costs[m] = Infinity; continue; }
        costs[m] = c.cost(m, gold);
        if (guess < 0 || this.moveScores[m] > this.moveScores[guess]) guess = m;
        if (costs[m] < minCost || (costs[m] === minCost && this.moveScores[m] > this.moveScores[best])) { minCost = costs[m]; best = m; }
      }
      if (costs[guess] > minCost) this.moves.update(this.feats, k, best, guess);
      else this.moves.tick();
      const move = explore && costs[guess] > minCost && this.random() < 0.9 ? guess : best;
      const dep = c.apply(move);
      if (dep < 0) continue;
      const head = c.heads[dep];
      if (head === c.n) { c.labels[dep] = this.rootLabel; continue; }
      const lk = labelFeatures(c, head, dep, this.feats);
      this.labeller.score(this.feats, lk, this.labelScores);
      const predicted = argmax(this.labelScores, this.rootLabel);
      if (gold[dep] === head) this.labeller.update(this.feats, lk, goldLabels[dep], predicted);
      c.labels[dep] = predicted;
    }
    let arcs = 0, labelled = 0;
    for (let i = 0; i < c.n; i++) {
      if (c.heads[i] === gold[i]) { arcs++; if (c.labels[i] === goldLabels[i]) labelled++; }
    }
    return [arcs, labelled];
  }
}
