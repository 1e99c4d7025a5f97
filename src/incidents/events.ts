// Learned event reading, trained on MUC-4's wire reports (scripts/train-events.ts on
// ../shared/training/muc-train), shipped in models/events.bin.gz and loaded once, lazily:
// 1. event: does a sentence report an incident, and of which kind (attack, bombing, kidnapping, arson,
//    robbery), or is it a generic, hypothetical or non-conflict mention ("none")? An averaged perceptron
//    over the sentence's lemmas and its verbs' arguments in the tree.
// 2. roles: which words of a sentence fill an incident's roles: the perpetrator (an individual such as
//    "gunmen", or an organisation), the physical target, the victim (by name) and the weapon. A greedy
//    left-to-right BIO tagger whose features read the token, its neighbours, and its place in the tree
//    (its label and head, the nearest verb above it and the path to it: the agent of "killed" is its
//    nsubj or its obl:agent, the victim its obj or nsubj:pass).
// Features are hashes of lowercased words and lemmas, so the models read upper-case wire copy and mixed
// case alike. Without the artefact (or the syntax layer) both return nothing and the rules run alone.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Document } from '../model/document.ts';
import { unpackModels } from '../syntax/artefact.ts';
import { argmax, hashString, mix, SparsePerceptron, type Scorer } from '../syntax/perceptron.ts';

export const EVENT_MODEL_PATH = fileURLToPath(new URL('../../models/events.bin.gz', import.meta.url));

/** Incident kinds the event model tells apart; "none" is a sentence that reports none. */
export const EVENT_CLASSES = ['none', 'ATTACK', 'BOMBING', 'KIDNAPPING', 'ARSON', 'ROBBERY'] as const;
export type EventClass = (typeof EVENT_CLASSES)[number];
/** Our incident types (taxonomy.ts) by the event kind they are. */
export const EVENT_CLASS_OF: Record<string, EventClass> = {
  suicide_bombing: 'BOMBING', ied: 'BOMBING', bombing: 'BOMBING',
  air_strike: 'ATTACK', shelling: 'ATTACK', armed_attack: 'ATTACK', violence_against_civilians: 'ATTACK',
  abduction: 'KIDNAPPING', arson: 'ARSON', robbery: 'ROBBERY',
};
/** The type an incident of a kind gets when no word of a more specific type is found. */
export const TYPE_OF_EVENT_CLASS: Record<EventClass, string> = {
  none: 'armed_attack', ATTACK: 'armed_attack', BOMBING: 'bombing', KIDNAPPING: 'abduction', ARSON: 'arson', ROBBERY: 'robbery',
};
/** The roles the tagger fills (MUC-4's slots). */
export const ROLE_NAMES = ['PerpInd', 'PerpOrg', 'Target', 'Victim', 'Weapon'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
/** Tag ids: 0 = outside, 1 + 2r = begins role r, 2 + 2r = inside role r. */
export const TAG_COUNT = 1 + 2 * ROLE_NAMES.length;

export interface EventMeta {
  name: string;
  /** Margin (best incident class minus "none") above which a sentence reports an incident. */
  eventThreshold: number;
  /** Subtracted from the tagger's "outside" score before decoding: recall for precision (chosen on held-out training messages). */
  outsideBias?: number;
  trained?: Record<string, unknown>;
}

export interface EventModels { meta: EventMeta; event: Scorer; roles: Scorer }

let shared: EventModels | null | undefined;
/** The shipped models, or null when the artefact is missing. */
export function eventModels(): EventModels | null {
  if (shared !== undefined) return shared;
  if (!existsSync(EVENT_MODEL_PATH)) return (shared = null);
  const { meta, models } = unpackModels<EventMeta>(readFileSync(EVENT_MODEL_PATH), EVENT_MODEL_PATH);
  return (shared = { meta, event: new SparsePerceptron(models.event), roles: new SparsePerceptron(models.roles) });
}

/** Replace the models (null: none), for tests and training; undefined loads the shipped ones again. */
export function useEventModels(models: EventModels | null | undefined): void {
  shared = models;
  cache = new WeakMap();
}

/** Per-document atoms: hashes of lowercased words and lemmas, tags, labels, the tree. */
export interface EventAtoms {
  n: number;
  word: Int32Array; lemma: Int32Array; upos: Int32Array; deprel: Int32Array; suffix: Int32Array; shape: Int32Array;
  head: Int32Array; sentStart: Int32Array; sentEnd: Int32Array;
  /** Nearest VERB above each token (-1 none) and the label of the token's branch under it. */
  verb: Int32Array; branch: Int32Array;
  /** Index of each token's sentence in the document (for position features). */
  sentence: Int32Array;
  isVerb: Uint8Array;
  /** The first verb at or after each token (n: none), so a sentence's verbs are found without scanning it. */
  nextVerb: Int32Array;
}

const h = hashString;
const NONE = h('<none>');
const T = (k: number) => Math.imul(k + 1, 0x27d4eb2d);

export function buildEventAtoms(doc: Document): EventAtoms | undefined {
  const syn = doc.syntax;
  const n = doc.tokens.length;
  if (!syn || syn.head.length !== n || !n) return undefined;
  const a: EventAtoms = {
    n, word: new Int32Array(n), lemma: new Int32Array(n), upos: new Int32Array(n), deprel: new Int32Array(n), suffix: new Int32Array(n), shape: new Int32Array(n),
    head: new Int32Array(n), sentStart: new Int32Array(n), sentEnd: new Int32Array(n), verb: new Int32Array(n).fill(-1), branch: new Int32Array(n).fill(NONE),
    sentence: new Int32Array(n), isVerb: new Uint8Array(n), nextVerb: new Int32Array(n + 1),
  };
  const { text, tokens } = doc;
  for (let i = 0; i < n; i++) {
    const w = text.slice(tokens[i].start, tokens[i].end);
    const lower = w.toLowerCase();
    a.word[i] = h(lower);
    a.lemma[i] = h((syn.lemma[i] ?? lower).toLowerCase());
    a.upos[i] = h(syn.upos[i] ?? 'X');
    a.deprel[i] = h(syn.deprel[i] ?? 'dep');
    a.suffix[i] = h(lower.length > 3 ? lower.slice(-3) : lower);
    a.shape[i] = /^\d/.test(w) ? 1 : /^[^\p{L}\d]/u.test(w) ? 2 : w.length <= 2 ? 3 : 4;
    a.head[i] = syn.head[i];
    a.sentence[i] = tokens[i].sentence;
    a.isVerb[i] = syn.upos[i] === 'VERB' ? 1 : 0;
  }
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && tokens[e].sentence === tokens[s].sentence) e++;
    for (let i = s; i < e; i++) { a.sentStart[i] = s; a.sentEnd[i] = e; }
    s = e;
  }
  // The nearest verb above each token, and which of its branches the token is in (its subject, object, ...).
  for (let i = 0; i < n; i++) {
    let child = i;
    for (let p = a.head[i], hops = 0; p >= 0 && p < n && hops < 12; p = a.head[p], hops++) {
      if (a.isVerb[p]) { a.verb[i] = p; a.branch[i] = a.deprel[child]; break; }
      child = p;
    }
  }
  a.nextVerb[n] = n;
  for (let i = n - 1; i >= 0; i--) a.nextVerb[i] = a.isVerb[i] ? i : a.nextVerb[i + 1];
  return a;
}

/** A feature buffer: hashed features appended in order. */
export class EventFeats {
  readonly buf = new Int32Array(512);
  n = 0;
  add(f: number): void { if (this.n < 512) this.buf[this.n++] = f; }
}

/** Features of token i for the role tagger, given the previous two tags. */
export function roleFeatures(a: EventAtoms, i: number, prev: number, prev2: number, f: EventFeats): void {
  f.n = 0;
  const s = a.sentStart[i], e = a.sentEnd[i];
  const w = (k: number) => (k >= s && k < e ? a.word[k] : NONE);
  f.add(T(0));
  f.add(mix(T(1), a.word[i]));
  f.add(mix(T(2), a.lemma[i]));
  f.add(mix(T(3), a.suffix[i]));
  f.add(mix(T(4), a.upos[i]));
  f.add(mix(T(5), a.shape[i]));
  f.add(mix(T(6), w(i - 1)));
  f.add(mix(T(7), w(i + 1)));
  f.add(mix(T(8), w(i - 2)));
  f.add(mix(T(9), w(i + 2)));
  f.add(mix(mix(T(10), w(i - 1)), a.word[i]));
  f.add(mix(mix(T(11), a.word[i]), w(i + 1)));
  f.add(mix(T(12), prev));
  f.add(mix(mix(T(13), prev), a.word[i]));
  f.add(mix(mix(T(14), prev), prev2));
  f.add(mix(mix(T(15), prev), a.upos[i]));
  f.add(mix(T(16), a.deprel[i]));
  const p = a.head[i];
  const hw = p >= 0 ? a.lemma[p] : NONE;
  f.add(mix(T(17), hw));
  f.add(mix(mix(T(18), a.deprel[i]), hw));
  f.add(mix(mix(T(19), a.deprel[i]), a.upos[i]));
  // The verb above and the branch the token is in: "the agent of 'kidnap'", "the object of 'destroy'".
  const v = a.verb[i];
  const vl = v >= 0 ? a.lemma[v] : NONE;
  f.add(mix(T(20), vl));
  f.add(mix(mix(T(21), vl), a.branch[i]));
  f.add(mix(T(22), a.branch[i]));
  f.add(mix(mix(mix(T(23), vl), a.branch[i]), a.upos[i]));
  // The verb's own head verb ("said that guerrillas kidnapped"), for the clause above.
  const v2 = v >= 0 ? a.verb[v] : -1;
  f.add(mix(T(24), v2 >= 0 ? a.lemma[v2] : NONE));
  if (p >= 0) f.add(mix(mix(T(25), a.deprel[i]), a.deprel[p]));
  f.add(mix(T(26), Math.min(a.sentence[i], 4)));
  // Words of the sentence's verbs: what the sentence tells (kill, kidnap, bomb) colours every role.
  let verbs = 0;
  for (let k = a.nextVerb[s]; k < e && verbs < 12; k = a.nextVerb[k + 1]) { f.add(mix(mix(T(27), a.lemma[k]), prev === 0 ? 0 : 1)); verbs++; }
}

/** Features of a sentence [s, e) for the event classifier. */
export function sentenceFeatures(a: EventAtoms, s: number, e: number, f: EventFeats): void {
  f.n = 0;
  f.add(T(100));
  for (let k = s; k < e; k++) {
    f.add(mix(T(101), a.lemma[k]));
    if (a.isVerb[k]) {
      f.add(mix(T(102), a.lemma[k]));
      // The verb with the tense or mood its auxiliaries give it is read through its children below.
    }
    const p = a.head[k];
    if (p >= s && p < e && a.isVerb[p]) {
      f.add(mix(mix(mix(T(103), a.lemma[p]), a.deprel[k]), a.lemma[k]));
      f.add(mix(mix(T(104), a.lemma[p]), a.deprel[k]));
    }
    if (p < 0) f.add(mix(T(105), a.lemma[k]));
    if (k + 1 < e) f.add(mix(mix(T(106), a.lemma[k]), a.lemma[k + 1]));
  }
  f.add(mix(T(107), Math.min(a.sentence[s], 4)));
}

/** Each sentence's class and margin (best incident class minus "none"), by its first token. */
export function classifySentences(a: EventAtoms, event: Scorer): { start: number; type: number; margin: number }[] {
  const f = new EventFeats();
  const scores = new Float64Array(EVENT_CLASSES.length);
  const out: { start: number; type: number; margin: number }[] = [];
  for (let s = 0; s < a.n; s = a.sentEnd[s]) {
    sentenceFeatures(a, s, a.sentEnd[s], f);
    event.score(f.buf, f.n, scores);
    const best = argmax(scores, 0);
    out.push({ start: s, type: best, margin: scores[best] - scores[0] });
  }
  return out;
}

export interface RoleSpan { role: RoleName; start: number; end: number; text: string }
export interface SentenceEvent { sentence: number; type: EventClass; margin: number }
export interface EventReading { sentences: SentenceEvent[]; roles: RoleSpan[] }

let cache = new WeakMap<Document, EventReading>();

/** The document read by both models (once per document): each sentence's event class, and the role spans. */
export function readEvents(doc: Document): EventReading {
  const known = cache.get(doc);
  if (known) return known;
  const models = eventModels();
  const a = models ? buildEventAtoms(doc) : undefined;
  const reading: EventReading = { sentences: [], roles: [] };
  if (models && a) {
    for (const r of classifySentences(a, models.event)) reading.sentences.push({ sentence: doc.tokens[r.start].sentence, type: EVENT_CLASSES[r.type], margin: r.margin });
    reading.roles = decodeRoles(doc, a, models.roles);
  }
  cache.set(doc, reading);
  return reading;
}

/** Greedy BIO decoding: an inside tag only continues its own role. */
export function tagTokens(a: EventAtoms, model: Scorer, outsideBias = eventModels()?.meta.outsideBias ?? 0): Uint8Array {
  const tags = new Uint8Array(a.n);
  const f = new EventFeats();
  const scores = new Float64Array(TAG_COUNT);
  for (let i = 0; i < a.n; i++) {
    const first = i === a.sentStart[i];
    const prev = first ? 0 : tags[i - 1];
    const prev2 = i - 2 >= a.sentStart[i] ? tags[i - 2] : 0;
    roleFeatures(a, i, prev, prev2, f);
    model.score(f.buf, f.n, scores);
    scores[0] -= outsideBias;
    let best = 0;
    for (let k = 1; k < TAG_COUNT; k++) {
      const inside = k % 2 === 0;
      if (inside && (prev === 0 || Math.floor((prev - 1) / 2) !== (k - 2) / 2)) continue;
      if (scores[k] > scores[best]) best = k;
    }
    tags[i] = best;
  }
  return tags;
}

function decodeRoles(doc: Document, a: EventAtoms, model: Scorer): RoleSpan[] {
  const tags = tagTokens(a, model);
  const out: RoleSpan[] = [];
  for (let i = 0; i < a.n; i++) {
    if (tags[i] === 0 || tags[i] % 2 === 0) continue;
    let j = i + 1;
    while (j < a.n && tags[j] === tags[i] + 1 && a.sentStart[j] === a.sentStart[i]) j++;
    const start = doc.tokens[i].start, end = doc.tokens[j - 1].end;
    out.push({ role: ROLE_NAMES[(tags[i] - 1) / 2], start, end, text: doc.text.slice(start, end) });
    i = j - 1;
  }
  return out;
}
