// Learned attribution: three averaged perceptrons over the syntax layer, trained on PolNeAR's training
// half (scripts/train-attribution.ts), shipped in models/attribution.bin.gz and loaded once, lazily.
// 1. cue: is this token the head of a reporting cue (verb, noun, "according", a colon)?
// 2. content: for a cue, is this token of its sentence inside what is attributed? (the path from the cue
//    to the token in the tree: which of the cue's branches it lies in, or how far up and down)
// 3. source: for a cue, which candidate noun phrase head of its sentence (or none) is the source.
// Features are 32-bit hashes of template ids and per-token atoms computed once per document, so scoring
// builds no strings. The attribution stage decides what to keep (src/attribution/index.ts).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Document } from '../model/document.ts';
import { unpackModels } from '../syntax/artefact.ts';
import { hashString, mix, SparsePerceptron, type Scorer } from '../syntax/perceptron.ts';

export const ATTRIBUTION_MODEL_PATH = fileURLToPath(new URL('../../models/attribution.bin.gz', import.meta.url));

export interface AttributionMeta {
  name: string;
  /** Score above which a token is taken as a cue (the perceptron's margin, class 1 minus class 0). */
  cueThreshold: number;
  /**
   * Lemmas seen as a cue's head in training with how often they were one: [lemma, times a cue, times seen].
   * The stage takes a learned cue only when its lemma is a cue often enough (a prior the tokens' context
   * cannot overrule: "echoed", "issued" are rarely reports outside election news).
   */
  cueLemmas: [string, number, number][];
  trained?: Record<string, unknown>;
}

export interface AttributionModels {
  meta: AttributionMeta;
  cue: Scorer;
  content: Scorer;
  source: Scorer;
  /** meta.cueLemmas as lemma -> share of its occurrences that head a cue. */
  cueRate: Map<string, number>;
}

let shared: AttributionModels | null | undefined;
/** The shipped models, or null when the artefact is missing (the rules then run alone). */
export function attributionModels(): AttributionModels | null {
  if (shared !== undefined) return shared;
  if (!existsSync(ATTRIBUTION_MODEL_PATH)) return (shared = null);
  const { meta, models } = unpackModels<AttributionMeta>(readFileSync(ATTRIBUTION_MODEL_PATH), ATTRIBUTION_MODEL_PATH);
  const cueRate = new Map<string, number>();
  for (const [lemma, cues, seen] of meta.cueLemmas ?? []) cueRate.set(lemma, cues / seen);
  return (shared = { meta, cue: new SparsePerceptron(models.cue), content: new SparsePerceptron(models.content), source: new SparsePerceptron(models.source), cueRate });
}

/** Replace the models (null: the rules alone), for tests and measurement; undefined loads the shipped ones again. */
export function useAttributionModels(models: AttributionModels | null | undefined): void {
  shared = models;
}

/** Per-document atoms the features read: hashes of words, lemmas, tags and labels, the tree as child lists. */
export interface Atoms {
  n: number;
  word: Int32Array;
  lemma: Int32Array;
  upos: Int32Array;
  deprel: Int32Array;
  suffix: Int32Array;
  shape: Int32Array;
  head: Int32Array;
  sentence: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  /** Whether the token's upos is a noun-phrase head (NOUN, PROPN, PRON, NUM, X). */
  nominal: Uint8Array;
  /** Index of the first token of each token's sentence, and past its last. */
  sentStart: Int32Array;
  sentEnd: Int32Array;
  /** Commas and quote marks before each token (prefix counts over the document). */
  commas: Int32Array;
  quotes: Int32Array;
  /** Scratch: ancestor stamps and depths for path features. */
  stamp: Int32Array;
  depthUp: Int32Array;
  stampNow: number;
}

const QUOTE_MARK = /^["“”]$/;
const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON', 'NUM', 'X']);
const h = hashString;
const NONE = hashString('<none>');

export function buildAtoms(doc: Document): Atoms | undefined {
  const syn = doc.syntax;
  const n = doc.tokens.length;
  if (!syn || syn.head.length !== n) return undefined;
  const a: Atoms = {
    n, word: new Int32Array(n), lemma: new Int32Array(n), upos: new Int32Array(n), deprel: new Int32Array(n), suffix: new Int32Array(n), shape: new Int32Array(n),
    head: new Int32Array(n), sentence: new Int32Array(n), firstChild: new Int32Array(n).fill(-1), nextSibling: new Int32Array(n).fill(-1), nominal: new Uint8Array(n),
    sentStart: new Int32Array(n), sentEnd: new Int32Array(n), commas: new Int32Array(n + 1), quotes: new Int32Array(n + 1), stamp: new Int32Array(n), depthUp: new Int32Array(n), stampNow: 0,
  };
  const { text, tokens } = doc;
  for (let i = 0; i < n; i++) {
    const w = text.slice(tokens[i].start, tokens[i].end);
    const lower = w.toLowerCase();
    a.word[i] = h(lower);
    a.lemma[i] = h(syn.lemma[i] ?? lower);
    a.upos[i] = h(syn.upos[i] ?? 'X');
    const d = syn.deprel[i] ?? 'dep';
    a.deprel[i] = h(d);
    a.suffix[i] = h(lower.length > 3 ? lower.slice(-3) : lower);
    const c = w.charCodeAt(0);
    a.shape[i] = c >= 65 && c <= 90 ? 1 : c >= 97 && c <= 122 ? 2 : c >= 48 && c <= 57 ? 3 : 4;
    a.head[i] = syn.head[i];
    a.sentence[i] = tokens[i].sentence;
    a.nominal[i] = NOMINAL.has(syn.upos[i]) ? 1 : 0;
    a.commas[i + 1] = a.commas[i] + (w === ',' ? 1 : 0);
    a.quotes[i + 1] = a.quotes[i] + (QUOTE_MARK.test(w) ? 1 : 0);
  }
  // Child lists in order (built backwards so each list runs left to right).
  for (let i = n - 1; i >= 0; i--) {
    const p = a.head[i];
    if (p >= 0 && p < n) { a.nextSibling[i] = a.firstChild[p]; a.firstChild[p] = i; }
  }
  let s = 0;
  while (s < n) {
    let e = s + 1;
    while (e < n && a.sentence[e] === a.sentence[s]) e++;
    for (let i = s; i < e; i++) { a.sentStart[i] = s; a.sentEnd[i] = e; }
    s = e;
  }
  return a;
}

/** A feature buffer: hashed features appended in order. */
export class Feats {
  readonly buf = new Int32Array(256);
  n = 0;
  add(f: number): void { if (this.n < 256) this.buf[this.n++] = f; }
}

const T = (k: number) => Math.imul(k + 1, 0x27d4eb2d);

/** Features of token i as a cue head. */
export function cueFeatures(a: Atoms, i: number, f: Feats): void {
  f.n = 0;
  const s = a.sentStart[i], e = a.sentEnd[i];
  const W = a.word, L = a.lemma, P = a.upos, D = a.deprel;
  const prev = i > s ? W[i - 1] : NONE, next = i + 1 < e ? W[i + 1] : NONE;
  const hd = a.head[i];
  const hl = hd >= 0 ? L[hd] : NONE, hp = hd >= 0 ? P[hd] : NONE;
  f.add(T(0));
  f.add(mix(T(1), W[i]));
  f.add(mix(T(2), L[i]));
  f.add(mix(T(3), P[i]));
  f.add(mix(mix(T(4), L[i]), P[i]));
  f.add(mix(mix(T(5), L[i]), D[i]));
  f.add(mix(mix(T(6), P[i]), D[i]));
  f.add(mix(T(7), prev));
  f.add(mix(T(8), next));
  f.add(mix(mix(T(9), L[i]), next));
  f.add(mix(mix(T(10), prev), W[i]));
  f.add(mix(mix(mix(T(11), hl), D[i]), P[i]));
  f.add(mix(mix(T(12), hp), D[i]));
  f.add(mix(mix(T(13), a.suffix[i]), P[i]));
  f.add(mix(mix(T(14), a.shape[i]), P[i]));
  f.add(mix(mix(T(15), L[i]), i === s ? 1 : 0));
  let kids = 0;
  for (let c = a.firstChild[i]; c >= 0 && kids < 12; c = a.nextSibling[c], kids++) {
    f.add(mix(mix(T(16), D[c]), c < i ? 1 : 0));
    f.add(mix(mix(mix(T(17), L[i]), D[c]), c < i ? 1 : 0));
    f.add(mix(mix(T(18), D[c]), W[c]));
    f.add(mix(mix(mix(T(19), P[i]), D[c]), P[c]));
  }
  f.add(mix(mix(T(20), L[i]), kids));
  f.add(mix(T(21), i > s + 1 ? W[i - 2] : NONE));
  f.add(mix(T(22), i + 2 < e ? W[i + 2] : NONE));
  f.add(mix(mix(T(23), L[i]), prev));
  f.add(mix(mix(mix(T(24), P[i]), next), i + 2 < e ? W[i + 2] : NONE));
  // Inside quoted words of its sentence (an odd number of marks before it), and whether the sentence quotes.
  const qIn = (a.quotes[i] - a.quotes[s]) & 1, qAny = a.quotes[e] - a.quotes[s] > 0 ? 1 : 0;
  f.add(mix(mix(mix(T(27), L[i]), qIn), qAny));
  f.add(mix(mix(T(28), P[i]), qIn));
  // The subject's head and the clause's complementiser, as lemmas.
  for (let c = a.firstChild[i]; c >= 0; c = a.nextSibling[c]) {
    if (a.nominal[c] && c < i) f.add(mix(mix(T(25), L[i]), P[c]));
    for (let g = a.firstChild[c]; g >= 0; g = a.nextSibling[g]) if (g < c) f.add(mix(mix(mix(T(26), L[i]), D[c]), W[g]));
  }
}

/**
 * The path from cue c to token t: writes [kind, branch, steps up, steps down] into out.
 * kind 0: t is c; 1: t below c (branch = label of c's child on the path); 2: t elsewhere (branch = label
 * of the child of the common ancestor on t's side, 0 when t is the ancestor itself).
 */
const path = new Int32Array(4);
export function markAncestors(a: Atoms, c: number): void {
  const st = ++a.stampNow;
  let x = c, k = 0;
  while (x >= 0 && k < 40) { a.stamp[x] = st; a.depthUp[x] = k++; x = a.head[x]; }
}
function pathTo(a: Atoms, c: number, t: number): Int32Array {
  const st = a.stampNow;
  let x = t, below = -1, down = 0;
  while (x >= 0 && a.stamp[x] !== st && down < 40) { below = x; x = a.head[x]; down++; }
  if (x < 0 || a.stamp[x] !== st) { path[0] = 3; path[1] = 0; path[2] = 0; path[3] = 0; return path; }
  const up = a.depthUp[x];
  path[0] = t === c ? 0 : up === 0 ? 1 : 2;
  path[1] = below >= 0 ? a.deprel[below] : 0;
  path[2] = up;
  path[3] = down;
  return path;
}

const bucket = (d: number) => (d <= 3 ? d : d <= 6 ? 4 : d <= 10 ? 5 : d <= 20 ? 6 : 7);

/** Features of token t as part of the content of cue c (call markAncestors(a, c) first). */
export function contentFeatures(a: Atoms, c: number, t: number, f: Feats): void {
  f.n = 0;
  const p = pathTo(a, c, t);
  const kind = p[0], branch = p[1], up = Math.min(p[2], 4), down = Math.min(p[3], 5);
  const dir = t < c ? 1 : 2;
  const L = a.lemma, P = a.upos, D = a.deprel, W = a.word;
  const kb = mix(mix(T(30), kind), branch);
  const cd = a.head[c] >= 0 ? D[c] : NONE;
  f.add(T(31));
  f.add(kb);
  f.add(mix(kb, dir));
  f.add(mix(mix(kb, L[c]), dir));
  f.add(mix(mix(mix(kb, up), cd), dir));
  f.add(mix(mix(mix(T(32), kb), down), dir));
  f.add(mix(mix(mix(T(33), kb), P[t]), dir));
  f.add(mix(mix(mix(T(34), kind), W[t]), dir));
  f.add(mix(mix(mix(T(35), kind), D[t]), dir));
  f.add(mix(mix(T(36), bucket(Math.abs(t - c))), dir));
  f.add(mix(mix(mix(T(37), kind), cd), up));
  f.add(mix(mix(mix(T(38), kb), cd), up));
  f.add(mix(mix(T(39), P[c]), kb));
  // Whether the token lies past a sentence-internal boundary on its side of the cue.
  const s = a.sentStart[c], e = a.sentEnd[c];
  f.add(mix(mix(mix(T(40), t === s ? 1 : t === e - 1 ? 2 : 0), kind), dir));
  // Commas and quote marks between the cue and the token.
  const lo = t < c ? t : c, hi = t < c ? c : t;
  const commas = Math.min(a.commas[hi] - a.commas[lo + 1 > hi ? hi : lo + 1], 3), quotes = Math.min(a.quotes[hi] - a.quotes[lo + 1 > hi ? hi : lo + 1], 3);
  f.add(mix(mix(mix(T(41), commas), kind), dir));
  f.add(mix(mix(mix(T(42), quotes), kind), dir));
  f.add(mix(mix(mix(mix(T(43), commas), quotes), branch), dir));
}

/** Features of candidate t as the source of cue c (call markAncestors(a, c) first); t < 0 is "no source". */
export function sourceFeatures(a: Atoms, c: number, t: number, f: Feats): void {
  f.n = 0;
  const L = a.lemma, P = a.upos, D = a.deprel, W = a.word;
  const cd = a.head[c] >= 0 ? D[c] : NONE;
  if (t < 0) {
    f.add(T(50));
    f.add(mix(T(51), L[c]));
    f.add(mix(T(52), cd));
    f.add(mix(mix(T(53), P[c]), cd));
    let subj = 0;
    for (let k = a.firstChild[c]; k >= 0; k = a.nextSibling[k]) if (a.nominal[k]) subj++;
    f.add(mix(T(54), subj));
    return;
  }
  const p = pathTo(a, c, t);
  const kind = p[0], branch = p[1], up = Math.min(p[2], 4), down = Math.min(p[3], 5);
  const dir = t < c ? 1 : 2;
  const kb = mix(mix(mix(T(60), kind), branch), down);
  f.add(T(61));
  f.add(kb);
  f.add(mix(kb, dir));
  f.add(mix(mix(kb, L[c]), dir));
  f.add(mix(mix(mix(kb, up), cd), dir));
  f.add(mix(mix(T(62), kb), P[t]));
  f.add(mix(mix(T(63), D[t]), dir));
  f.add(mix(mix(mix(T(64), D[t]), L[c]), up));
  f.add(mix(mix(T(65), W[t]), kind));
  f.add(mix(mix(T(66), L[t]), P[t]));
  f.add(mix(mix(T(67), bucket(Math.abs(t - c))), dir));
  f.add(mix(mix(mix(T(68), P[t]), a.shape[t]), D[t]));
  const th = a.head[t];
  f.add(mix(mix(T(69), th >= 0 ? D[th] : NONE), D[t]));
  f.add(mix(mix(mix(T(70), cd), D[t]), up));
}

/** The source candidates of a cue: nominal heads of its sentence other than the cue. */
export function isSourceCandidate(a: Atoms, c: number, t: number): boolean {
  return t !== c && a.nominal[t] === 1;
}

const scores = new Float64Array(2);
export function margin(model: Scorer, f: Feats): number {
  model.score(f.buf, f.n, scores);
  return scores[1] - scores[0];
}

export interface LearnedAttribution {
  /** Token index of the cue's head. */
  cue: number;
  /** Token range [start, end) of the content. */
  content: [number, number];
  /** Token index of the source's head, -1 when the model finds none. */
  source: number;
  /** How often the cue's lemma heads a cue in training (0 when never seen as one). */
  prior: number;
}

const GAP = 10;
const PUNCT_EDGE = /^[.,;:!?)(\-–—]$/;

/** A cue the model finds: its token and its lemma's prior. */
export interface LearnedCue {
  cue: number;
  prior: number;
}

const feats = new Feats();
const inContent = new Uint8Array(256);

/**
 * The learned cues of a document, in token order. Tokens whose lemma headed a cue in fewer than
 * `minPrior` of its training occurrences are not scored (the stage would not take them).
 */
export function findCues(doc: Document, models: AttributionModels, a: Atoms, minPrior = 0): LearnedCue[] {
  const out: LearnedCue[] = [];
  const lemma = doc.syntax!.lemma;
  for (let c = 0; c < a.n; c++) {
    const l = lemma[c];
    const prior = models.cueRate.get(l) ?? models.cueRate.get(l.toLowerCase()) ?? 0;
    if (prior < minPrior || prior === 0) continue;
    cueFeatures(a, c, feats);
    if (margin(models.cue, feats) > models.meta.cueThreshold) out.push({ cue: c, prior });
  }
  return out;
}

/** The content and source the model reads for cue c (undefined when it finds no content). */
export function readAttribution(doc: Document, models: AttributionModels, a: Atoms, c: number, prior: number): LearnedAttribution | undefined {
  const f = feats;
  const { tokens, text } = doc;
  const s = a.sentStart[c], e = a.sentEnd[c];
  // A "sentence" longer than the parser's window is a list or a table run together: nothing is read in it.
  if (e - s > inContent.length) return undefined;
  markAncestors(a, c);
  for (let t = s; t < e; t++) { contentFeatures(a, c, t, f); inContent[t - s] = margin(models.content, f) > 0 ? 1 : 0; }
  // The run with the most content tokens, bridging gaps of up to GAP tokens that do not hold the cue.
  let bx = -1, by = -1, bestLen = 0;
  for (let t = s; t < e; ) {
    if (!inContent[t - s]) { t++; continue; }
    let u = t + 1, count = 1;
    for (;;) {
      while (u < e && inContent[u - s]) { count++; u++; }
      let v = u;
      while (v < e && v - u < GAP && !inContent[v - s] && v !== c) v++;
      if (v < e && v > u && inContent[v - s]) { u = v; continue; }
      break;
    }
    if (count > bestLen) { bx = t; by = u; bestLen = count; }
    t = u;
  }
  if (bx < 0) return undefined;
  let x = bx, y = by;
  while (y > x && PUNCT_EDGE.test(text.slice(tokens[y - 1].start, tokens[y - 1].end))) y--;
  while (x < y && PUNCT_EDGE.test(text.slice(tokens[x].start, tokens[x].end))) x++;
  if (y - x < 2) return undefined;
  let source = -1;
  sourceFeatures(a, c, -1, f);
  let bestScore = margin(models.source, f);
  for (let t = s; t < e; t++) {
    if (!isSourceCandidate(a, c, t) || (t >= x && t < y)) continue;
    sourceFeatures(a, c, t, f);
    const m = margin(models.source, f);
    if (m > bestScore) { bestScore = m; source = t; }
  }
  return { cue: c, content: [x, y], source, prior };
}

/** The learned attributions of a document, in token order (cues, then each one's content and source). */
export function predictAttributions(doc: Document, models: AttributionModels, atoms = buildAtoms(doc), minPrior = 0): LearnedAttribution[] {
  if (!atoms) return [];
  const out: LearnedAttribution[] = [];
  for (const { cue, prior } of findCues(doc, models, atoms, minPrior)) {
    const l = readAttribution(doc, models, atoms, cue, prior);
    if (l) out.push(l);
  }
  return out;
}

const SOURCE_CUT = new Set(['acl', 'acl:relcl', 'advcl', 'parataxis', 'punct', 'ccomp', 'xcomp', 'dep']);
/** What the span of a source leaves out: clauses of its own; a relative clause or appositive stays. */
const SPAN_CUT = new Set(['advcl', 'parataxis', 'ccomp', 'xcomp', 'dep', 'punct']);

/**
 * Token range [start, end) of the noun phrase headed by t: its subtree without clauses hanging on it
 * (`full`: with its relative clauses and appositives, as the phrase is written). A branch holding the cue
 * `avoid` is left out ("the man who said ...").
 */
export function phraseOf(a: Atoms, doc: Document, t: number, full = false, avoid = -1): [number, number] {
  let lo = t, hi = t;
  const syn = doc.syntax!;
  const cut = full ? SPAN_CUT : SOURCE_CUT;
  const holds = (k: number): boolean => {
    for (let x = avoid, hops = 0; x >= 0 && hops < 40; x = a.head[x], hops++) if (x === k) return true;
    return false;
  };
  const visit = (x: number, depth: number) => {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
    if (depth > 12) return;
    for (let k = a.firstChild[x]; k >= 0; k = a.nextSibling[k]) if (!cut.has(syn.deprel[k]) && (avoid < 0 || !holds(k))) visit(k, depth + 1);
  };
  visit(t, 0);
  return [lo, hi + 1];
}
