// Casualty figures read from the dependency tree (the syntax stage's layer). An outcome word (a verb
// such as "kill" or "wound", an adjective such as "dead" or "unharmed", a noun such as "deaths" or
// "casualties") is found by its lemma; its victims are the argument the construction gives them: the
// object of an active verb ("gunmen killed three soldiers"), the passive subject ("three soldiers were
// killed"), the subject of "die" or of a predicate adjective ("two guards were dead"), the noun a
// participle modifies ("three people killed in the blast"), the object a result adjective describes
// ("left 15 dead"), the clause subject of a partitive ("of the dead, nine were police officers").
// The subject of an active verb is its cause, never its victims ("two car bombs killed 12").
// Each recogniser below handles one construction; `victimsOf` runs them in order.
import type { Outcome } from '../model/claim.ts';
import type { Document } from '../model/document.ts';
import { syntaxModels } from '../syntax/index.ts';
import { kindOf } from '../incidents/kinds.ts';

/** A word the victim hierarchy knows (src/incidents/kinds.ts): people, not things. */
const isPersonWord = (word: string) => { const k = kindOf(word); return !(k.length && k[k.length - 1].startsWith('?')); };

/** The tree over a document's tokens, with children indexed once. */
export class Tree {
  readonly lowers: string[];
  readonly words: string[];
  private readonly childStart: Int32Array;
  private readonly childList: Int32Array;

  constructor(readonly doc: Document) {
    const s = doc.syntax!;
    const n = doc.tokens.length;
    this.words = doc.tokens.map((t) => doc.text.slice(t.start, t.end));
    this.lowers = this.words.map((w) => w.toLowerCase());
    const counts = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) if (s.head[i] >= 0) counts[s.head[i] + 1]++;
    for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
    this.childStart = counts;
    this.childList = new Int32Array(n);
    const fill = counts.slice(0, n);
    for (let i = 0; i < n; i++) if (s.head[i] >= 0) this.childList[fill[s.head[i]]++] = i;
  }

  head(i: number): number { return this.doc.syntax!.head[i]; }
  /**
   * A noun, or a word in a noun's place: the tagger can take an unfamiliar noun for an adjective ("a
   * militant was killed"), and its place in the tree says what it is.
   */
  /** A verb, or a word the tagger mistook that has a verb's dependents ("were shot" tagged as a noun). */
  verbal(i: number): boolean {
    if (this.upos(i) === 'VERB') return true;
    if (!/^(NOUN|ADJ)$/.test(this.upos(i)) || !/(ed|en|wn|ot|ut|urt)$/.test(this.lowers[i]) || this.child(i, 'det') >= 0) return false;
    return this.child(i, 'aux:pass', 'aux') >= 0 || this.children(i).some((c) => this.lowers[c] === 'death' && this.children(c).some((k) => this.lowers[k] === 'to'));
  }
  nominal(i: number): boolean {
    const u = this.upos(i);
    return u === 'NOUN' || ((u === 'ADJ' || u === 'VERB') && /^(nsubj|obj|iobj)/.test(this.rel(i)));
  }
  rel(i: number): string { return this.doc.syntax!.deprel[i]; }
  upos(i: number): string { return this.doc.syntax!.upos[i]; }
  lemma(i: number): string {
    // A verb the tagger took for something else is lemmatised as the verb it acts as.
    if (this.upos(i) !== 'VERB' && this.verbal(i)) return syntaxModels().lemmatizer.lemma(this.words[i], 'VERB');
    return this.doc.syntax!.lemma[i].toLowerCase();
  }

  children(i: number): Int32Array { return this.childList.subarray(this.childStart[i], this.childStart[i + 1]); }

  /** The first child of i whose label matches (exactly, or its base when `base` is given). */
  child(i: number, ...labels: string[]): number {
    for (const c of this.children(i)) if (labels.includes(this.rel(c))) return c;
    return -1;
  }

  childByLemma(i: number, lemmas: ReadonlySet<string>, label?: string): number {
    for (const c of this.children(i)) if (lemmas.has(this.lemma(c)) && (!label || this.rel(c) === label)) return c;
    return -1;
  }

  /** Token range [from, to) of i's subtree, keeping only the children `keep` accepts (contiguous). */
  span(i: number, keep: (child: number) => boolean): [number, number] {
    let from = i, to = i + 1;
    const visit = (k: number) => {
      for (const c of this.children(k)) {
        if (!keep(c)) continue;
        if (c < from) from = c;
        if (c + 1 > to) to = c + 1;
        visit(c);
      }
    };
    visit(i);
    return [from, to];
  }
}

/** Words that count the people of an "of" phrase ("dozens of fighters") or stand for them ("scores died"). */
const COUNT_HEADS = /^(dozens|scores|hundreds|thousands|tens|dozen)$/;
/** A count: a number, or a word that counts ("dozens", "scores"). */
export const isCount = (t: Tree, k: number): boolean => k >= 0 && (t.upos(k) === 'NUM' || COUNT_HEADS.test(t.lowers[k]));

/** Verbs whose object (active) or subject (passive) are the victims, by lemma. */
export const VERB_OUTCOMES: Record<string, Outcome> = {
  kill: 'killed', murder: 'killed', slay: 'killed', execute: 'killed', massacre: 'killed', assassinate: 'killed', behead: 'killed',
  lynch: 'killed', slaughter: 'killed', gun: 'killed',
  wound: 'injured', injure: 'injured', hurt: 'injured', maim: 'injured', stab: 'injured',
  abduct: 'captured', kidnap: 'captured', capture: 'captured',
};
/** Verbs whose subject are the victims. */
export const INTRANSITIVE_OUTCOMES: Record<string, Outcome> = { die: 'killed', perish: 'killed', drown: 'killed' };
/** Adjectives (or participles used as such) predicated of the victims. */
export const ADJECTIVE_OUTCOMES: Record<string, Outcome> = {
  dead: 'killed', injured: 'injured', wounded: 'injured', hurt: 'injured', missing: 'missing', unaccounted: 'missing',
};
/** Adjectives that say the victims came to no harm: a zero. */
export const UNHARMED = new Set(['unharmed', 'unhurt', 'uninjured', 'unscathed']);
/** Nouns that count victims ("20 deaths", "no casualties", "the deaths of 20 people"). */
export const NOUN_OUTCOMES: Record<string, Outcome> = {
  death: 'killed', fatality: 'killed', casualty: 'killed_or_injured', injury: 'injured',
};

const SUFFER = new Set(['suffer', 'sustain', 'receive']);
const HOSPITALISE = new Set(['hospitalise', 'hospitalize', 'hospitalised', 'hospitalized']);
const LOST_PEOPLE = /^(fighters|soldiers|troops|men|members|people|civilians|lives|life|officers|policemen|militants|rebels|comrades|personnel)$/;
const NEGATIVE = new Set(['not', "n't", 'never', 'no']);

export interface Victims {
  /** Token of the victims' head word (a noun, a number or a pronoun). */
  token: number;
  outcome: Outcome;
  /** The outcome word this reading hangs on. */
  predicate: number;
  /** The sentence negates the outcome ("did not kill anyone"): the figure is zero. */
  negated?: boolean;
  /** The victims are a part of a group named elsewhere ("of the dead, nine were ..."). */
  partitive?: boolean;
  /** The word that says who they are when the victims' own token is a bare count ("nine were police officers"). */
  describedAs?: number;
}

/** The outcome an outcome word gives, from its lemma and its use; undefined when it is none. */
export function outcomeOf(tree: Tree, i: number): Outcome | undefined {
  const lemma = tree.lemma(i), upos = tree.upos(i), lower = tree.lowers[i];
  // "shot dead" however the tagger read "shot"
  if (lower === 'shot' && tree.lowers[i + 1] === 'dead') return 'killed';
  if (upos === 'VERB' || (upos === 'ADJ' && /ed$/.test(lower)) || tree.verbal(i)) {
    // "shot dead", "hacked to death", "beaten to death": the result names the outcome, whatever the verb.
    if (resultIsDeath(tree, i)) return 'killed';
    // "fatally shot", "fatally stabbed", "mortally wounded": killed.
    if (fatally(tree, i)) return 'killed';
    // "was shot" alone says the victim was hit, not whether it was fatal: killed or injured (a later
    // "died" often settles it); "shot and killed" leaves the outcome to its second verb.
    if (lemma === 'shoot' || lower === 'shot') {
      // "shot dead" however the parser hung "dead"
      if (tree.lowers[i + 1] === 'dead' || (tree.lowers[i + 1] === 'to' && tree.lowers[i + 2] === 'death')) return 'killed';
      return shotHit(tree, i) ? 'killed_or_injured' : undefined;
    }
    // "blew himself up": the bomber died.
    if (lemma === 'blow' && selfObject(tree, i) >= 0) return 'killed';
    // "suffered injuries", "sustained bullet wounds": the subject was hurt.
    if (SUFFER.has(lemma)) { const o = tree.child(i, 'obj'); return o >= 0 && /^(injury|wound|burn)$/.test(tree.lemma(o)) ? 'injured' : undefined; }
    // "were taken to hospital", "was hospitalised", "treated for wounds": the injured.
    if (HOSPITALISE.has(lemma)) return 'injured';
    if (/^(take|rush|admit|airlift|evacuate|treat|bring|fly|keep|detain|hold)$/.test(lemma) && tree.children(i).some((c) => /^(hospital|injury|wound)$/.test(tree.lemma(c)) && /^obl/.test(tree.rel(c)))) return 'injured';
    // "lost four fighters": losing people is losing them to death; losing tanks or money is not.
    if (lemma === 'lose') { const o = tree.child(i, 'obj'); return o >= 0 && LOST_PEOPLE.test(tree.lowers[o]) ? 'killed' : undefined; }
    // "hit three gunmen": people hit are killed or injured; a building or a car hit is no casualty.
    if (lemma === 'hit' && hitPeople(tree, i)) return 'killed_or_injured';
    const v = VERB_OUTCOMES[lemma] ?? INTRANSITIVE_OUTCOMES[lemma];
    if (v) return v;
  }
  if (upos === 'ADJ' || upos === 'VERB' || upos === 'NOUN') {
    const a = ADJECTIVE_OUTCOMES[lower] ?? ADJECTIVE_OUTCOMES[lemma];
    if (a) return a;
  }
  if (upos === 'NOUN') {
    // "the death toll rose to 40", "a toll of 11"
    if (lemma === 'toll') return 'killed';
    // "11 were still in hospital", "remained in hospital"
    if (lemma === 'hospital' && tree.lowers[tree.child(i, 'case')] === 'in') return 'injured';
    // "the killing of a guard", "the fatal shooting of a teenager", "the shooting of two men": the "of"
    // phrase names the victims (countingNoun), the noun and its modifier the outcome.
    // (not a grievance: "protested against the murder of an activist" tells why, not what happened)
    if (/^(killing|murder|slaying|homicide|assassination|shooting|stabbing)$/.test(lower) && ofPhrase(tree, i) >= 0 && !grievance(tree, i)) {
      if (/^(shooting|stabbing)$/.test(lower) && !tree.children(i).some((c) => /^(fatal|deadly)$/.test(tree.lowers[c]))) return lower === 'shooting' ? 'killed_or_injured' : 'injured';
      return tree.children(i).some((c) => /^(attempted|nonfatal|non-fatal)$/.test(tree.lowers[c])) ? undefined : 'killed';
    }
    return grievance(tree, i) ? undefined : NOUN_OUTCOMES[lemma];
  }
  return undefined;
}

/** The object of "hit" is people: a word the victim lexicon knows, a pronoun, or a count of such. */
function hitPeople(t: Tree, i: number): boolean {
  if (isPassive(t, i)) return false;
  let o = t.child(i, 'obj');
  if (o < 0) return false;
  if (/^(him|her|them)$/.test(t.lowers[o])) return true;
  const of = Array.from(t.children(o)).find((c) => t.rel(c) === 'nmod' && t.lowers[t.child(c, 'case')] === 'of');
  if (t.upos(o) === 'NUM' && of !== undefined) o = of;
  return isPersonWord(t.lowers[o]);
}

/** Things shot that are not people: "the drone was shot down", "shot the video". */
const NOT_PEOPLE = /^(drones?|planes?|aircraft|jets?|helicopters?|videos?|films?|footage|photos?|pictures?|scenes?|dogs?|deer|animals?|birds?|tires?|tyres?|windows?|lights?|hoops?|baskets?|guns?|rounds?|bullets?|shots?|blanks?)$/;

/**
 * "was shot", "police shot a man": someone hit by gunfire. Not "shot down" or "shot at" (aimed, maybe
 * missed), not a shot with no one hit ("began shooting"), and not when a coordinated verb gives the
 * outcome itself ("was shot and killed", "was shot and wounded").
 */
function shotHit(t: Tree, i: number): boolean {
  for (const c of t.children(i)) {
    if (/^(compound:prt|advmod)$/.test(t.rel(c)) && /^(down|up|out|off)$/.test(t.lowers[c])) return false;
    if (/^obl/.test(t.rel(c)) && t.lowers[t.child(c, 'case')] === 'at' && c === i + 2) return false;
    if (t.lowers[c] === 'at' && c === i + 1) return false;
    // ("shot and pronounced dead": the outcome may be the second verb's result)
    const outcome = (k: number) => VERB_OUTCOMES[t.lemma(k)] || INTRANSITIVE_OUTCOMES[t.lemma(k)] || ADJECTIVE_OUTCOMES[t.lowers[k]] || resultIsDeath(t, k);
    if (t.rel(c) === 'conj' && c > i && t.child(c, 'nsubj', 'nsubj:pass') < 0 && (outcome(c) || Array.from(t.children(c)).some((d) => t.rel(d) === 'xcomp' && outcome(d)))) return false;
  }
  if (i + 1 < t.lowers.length && t.lowers[i + 1] === 'at') return false;
  const victim = isPassive(t, i) ? t.child(i, 'nsubj:pass', 'nsubj') : t.child(i, 'obj');
  return victim >= 0 && !NOT_PEOPLE.test(t.lowers[victim]);
}

/** Passive when an auxiliary says so, or a passive subject with no object (the parser's label alone can be wrong). */
/** "shot dead", "beaten to death": a result phrase of death on the verb (not "recorded 20 deaths"). */
function resultIsDeath(t: Tree, v: number): boolean {
  for (const c of t.children(v)) {
    const lemma = t.lemma(c);
    // ("left 15 dead", "found dead", "pronounced dead": the adjective carries it, the verb does not kill)
    if (lemma === 'dead' && /^(xcomp|advmod|obl|amod|conj|obj)$/.test(t.rel(c)) && c > v && !/^(leave|find|pronounce|declare|report|confirm|lie|remain|feel|play|presume|believe|fear)$/.test(t.lemma(v))) return true;
    if (lemma === 'death' && c > v && t.children(c).some((k) => t.rel(k) === 'case' && t.lowers[k] === 'to')) return true;
  }
  return false;
}

const isPassive = (tree: Tree, v: number) => tree.child(v, 'aux:pass') >= 0 || (tree.child(v, 'nsubj:pass') >= 0 && tree.child(v, 'obj') < 0);
const negated = (tree: Tree, v: number) => tree.children(v).some((c) => tree.rel(c) === 'advmod' && NEGATIVE.has(tree.lowers[c]));

/** One construction: given an outcome word, the victims' token, or -1 when the construction does not apply. */
type Recogniser = (tree: Tree, w: number) => number;

/** Passive verb: "three soldiers were killed", "nobody was hurt". */
const passiveSubject: Recogniser = (t, w) => {
  if (!isPassive(t, w)) return -1;
  // The first of the subjects before the verb (the others, a coordination the parser split, are read
  // too), or with an auxiliary, a subject or "object" standing before it: the passive's subject precedes it.
  return passiveSubjects(t, w)[0] ?? -1;
};
/** Active transitive: "gunmen killed three soldiers", "killing at least 12". Its subject is the cause. */
const activeObject: Recogniser = (t, w) => ((VERB_OUTCOMES[t.lemma(w)] || /^(lose|shoot|hit)$/.test(t.lemma(w)) || resultIsDeath(t, w) || fatally(t, w)) && !isPassive(t, w) ? t.child(w, 'obj') : -1);
const fatally = (t: Tree, w: number) => t.children(w).some((c) => /^(fatally|mortally)$/.test(t.lowers[c]));
/** "two guards died", "the men were dead", "the driver was unharmed". */
const subjectOfState: Recogniser = (t, w) => (INTRANSITIVE_OUTCOMES[t.lemma(w)] || t.upos(w) === 'ADJ' || ADJECTIVE_OUTCOMES[t.lowers[w]] ? t.child(w, 'nsubj') : -1);
/**
 * A participle or adjective modifying the victims: "three people killed in the blast", "15 dead civilians",
 * "people who died". Not a clause with a subject or object of its own ("the bomb that killed 12").
 */
const modifiedNoun: Recogniser = (t, w) => {
  if (!/^(acl|amod)/.test(t.rel(w)) || t.head(w) < 0) return -1;
  if (t.child(w, 'obj') >= 0 || (t.child(w, 'nsubj') >= 0 && !INTRANSITIVE_OUTCOMES[t.lemma(w)])) return -1;
  // "a wounded fighter" describes a person; "15 wounded fighters" counts casualties.
  if (t.rel(w) === 'amod' && t.child(t.head(w), 'nummod') < 0 && t.upos(t.head(w)) !== 'NUM') return -1;
  return t.head(w);
};
/** The outcome word as what a count counts: "dozens of dead", "hundreds of wounded". */
const countOf: Recogniser = (t, w) => {
  // The words say it whatever the attachment: a count, "of", the outcome word.
  if (w >= 2 && t.lowers[w - 1] === 'of' && isCount(t, w - 2) && t.doc.tokens[w - 2].sentence === t.doc.tokens[w].sentence) return w - 2;
  const h = t.head(w);
  const k = t.child(w, 'case');
  if (h < 0 || !t.rel(w).startsWith('nmod') || k < 0 || t.lowers[k] !== 'of') return -1;
  return isCount(t, h) ? h : -1;
};
/** A result adjective: "left 15 dead", "shot dead two men", "found dead": the verb's object, else its passive subject. */
const resultOf: Recogniser = (t, w) => {
  // (a verb in that place is a clause of its own: "were shot and one of them died")
  if (t.rel(w) !== 'xcomp' || t.head(w) < 0 || t.upos(w) === 'VERB') return -1;
  const v = t.head(w);
  const obj = t.child(v, 'obj');
  if (obj >= 0) return obj;
  const subject = t.child(v, 'nsubj:pass');
  if (subject >= 0) return subject;
  // "was shot and pronounced dead": the verb shares its first conjunct's victims
  const first = t.head(v);
  if (t.rel(v) === 'conj' && first >= 0) return t.child(first, 'nsubj:pass', 'obj');
  // "left 40 or more rebels dead" misparsed: the noun between the verb and the result is what it left so
  for (let k = w - 1; k > v; k--) if (t.upos(k) === 'NOUN' || t.upos(k) === 'NUM') return k;
  return -1;
};
/** A bare figure with the outcome as its head in a headline or list: "five killed", "12 dead". */
const numberSubject: Recogniser = (t, w) => {
  const s = t.child(w, 'nsubj', 'nummod');
  if (s >= 0) return t.upos(s) === 'NUM' ? s : -1;
  // a bare count before a verb with no subject at all, however the parser labelled it ("Five killed")
  for (const c of t.children(w)) if (c < w && t.upos(c) === 'NUM' && t.child(w, 'nsubj:pass', 'nsubj') < 0) return c;
  return -1;
};

/** The reflexive object of a verb ("blew himself up"), or -1. */
function selfObject(t: Tree, v: number): number {
  const o = t.child(v, 'obj');
  return o >= 0 && /^(himself|herself|themselves)$/.test(t.lowers[o]) ? o : -1;
}
/** "blew himself up": the one who did it. */
const selfBlown: Recogniser = (t, w) => (t.lemma(w) === 'blow' && selfObject(t, w) >= 0 ? t.child(w, 'nsubj') : -1);
/** "lost his life", "lost their lives": the subject died. */
const lostLife: Recogniser = (t, w) => {
  const o = t.child(w, 'obj');
  return t.lemma(w) === 'lose' && o >= 0 && /^(life|lives)$/.test(t.lowers[o]) ? t.child(w, 'nsubj') : -1;
};
/** "suffered injuries": the one who suffered. */
const sufferer: Recogniser = (t, w) => (SUFFER.has(t.lemma(w)) ? t.child(w, 'nsubj') : -1);
/** "11 were in hospital", "remained in hospital": the subject of the clause. */
const inHospital: Recogniser = (t, w) => {
  if (t.lemma(w) !== 'hospital') return -1;
  const s = t.child(w, 'nsubj');
  return s >= 0 ? s : t.head(w) >= 0 && /^(remain|stay|be|lie)$/.test(t.lemma(t.head(w))) ? t.child(t.head(w), 'nsubj') : -1;
};
/** A toll's figure: "a toll of 11", "the toll rose to 40", "the toll stood at 40", "the toll is 40". */
const tollFigure: Recogniser = (t, w) => {
  if (t.lemma(w) !== 'toll') return -1;
  const num = (k: number) => t.children(k).find((c) => t.upos(c) === 'NUM' && /^(nmod|obl|obj|xcomp|nummod)/.test(t.rel(c)));
  const own = num(w);
  if (own !== undefined) return own;
  const h = t.head(w);
  if (h < 0 || !t.rel(w).startsWith('nsubj')) return -1;
  if (t.upos(h) === 'NUM') return h;
  return num(h) ?? -1;
};

/**
 * The object a misparse hung elsewhere: an active outcome verb without one ("a bomb killed two soldiers
 * ..., an officer said" read with "soldiers" as the subject of "said") takes the noun phrase right after it.
 */
const TIME_WORD = /^(night|morning|evening|afternoon|day|week|month|year|today|yesterday|tonight|(mon|tues|wednes|thurs|fri|satur|sun)day)$/;
const followingObject: Recogniser = (t, w) => {
  const shotDead = t.lowers[w] === 'shot' && t.lowers[w + 1] === 'dead';
  if (!(VERB_OUTCOMES[t.lemma(w)] || resultIsDeath(t, w) || fatally(t, w) || shotDead) || isPassive(t, w) || t.child(w, 'obj') >= 0 || (t.upos(w) !== 'VERB' && !shotDead)) return -1;
  const sentence = t.doc.tokens[w].sentence;
  let start = w + 1;
  // "beat to death two men": past the result phrase to the object
  if (t.lowers[start] === 'to' && t.lowers[start + 1] === 'death') start += 2;
  for (let k = start; k < t.doc.tokens.length && k <= start + 4 && t.doc.tokens[k].sentence === sentence; k++) {
    const u = t.upos(k);
    if ((u === 'NOUN' || u === 'PROPN') && TIME_WORD.test(t.lowers[k])) return -1;
    if (u === 'NOUN' || u === 'PROPN' || u === 'PRON') return t.head(k) === w && (/^nsubj/.test(t.rel(k)) || (t.rel(k).startsWith('obl') && t.child(k, 'case') >= 0) || /^obl:(tmod|npmod|unmarked)$/.test(t.rel(k)) || TIME_WORD.test(t.lowers[k])) ? -1 : k;
    if (u === 'NUM' && !(k + 1 < t.doc.tokens.length && /^(NOUN|ADJ|NUM)$/.test(t.upos(k + 1)))) return k;
    // a preposition only as part of a count ("at least 12", "up to 30"), not one that starts a place
    const countWord = u === 'ADP' && k + 1 < t.doc.tokens.length && (t.upos(k + 1) === 'NUM' || /^(least|most|than)$/.test(t.lowers[k + 1]));
    if (!/^(DET|NUM|ADJ|ADV)$/.test(u) && !countWord) return -1;
  }
  return -1;
};

/** "and 27 injured", "12 dead": a count right before a participle with no subject of its own, however attached. */
const numberBefore: Recogniser = (t, w) => {
  const k = w - 1;
  if (k < 0 || t.upos(k) !== 'NUM' || t.doc.tokens[k].sentence !== t.doc.tokens[w].sentence) return -1;
  if (t.child(w, 'nsubj', 'nsubj:pass') >= 0 || t.child(w, 'obj') >= 0) return -1;
  return k;
};

const RECOGNISERS: Recogniser[] = [tollFigure, inHospital, sufferer, lostLife, selfBlown, passiveSubject, activeObject, subjectOfState, resultOf, countOf, modifiedNoun, numberSubject, numberBefore, followingObject];

/** The victims of outcome word w under the first construction that applies. */
export function victimsOf(tree: Tree, w: number, outcome: Outcome): Victims | undefined {
  for (const r of RECOGNISERS) {
    const v = r(tree, w);
    if (v >= 0 && v !== w) return { token: v, outcome, predicate: w, ...(negated(tree, w) ? { negated: true } : {}) };
  }
  // "a guard was killed and another injured": the second verb's own count
  if (tree.rel(w) === 'conj') {
    const own = Array.from(tree.children(w)).find((c) => c < w && (tree.upos(c) === 'NUM' || /^(another|others)$/.test(tree.lowers[c])) && /^(det|nummod|nsubj|amod)/.test(tree.rel(c)));
    if (own !== undefined) return { token: own, outcome, predicate: w };
  }
  // "was shot and killed", "were attacked and wounded": a coordinated verb shares the first one's
  // victims; "was found shot to death": so does the result of "found" or "left".
  const h = tree.head(w);
  const shares = tree.rel(w) === 'conj' || tree.rel(w) === 'xcomp' || (tree.rel(w) === 'obj' && h >= 0 && /^(find|leave)$/.test(tree.lemma(h)));
  if (shares && h >= 0 && tree.upos(h) === 'VERB' && tree.child(w, 'nsubj') < 0) {
    // the nearest object between the two ("killing 15 soldiers and leaving two others wounded"), else the head's
    let v = -1;
    // ("were shot and one of them died": the count the parser hung on the first verb)
    // (not an outcome word in the object's place: "was found shot and killed")
    for (let k = w - 1; k > h && v < 0; k--) if ((tree.rel(k) === 'obj' && !tree.verbal(k) && !VERB_OUTCOMES[tree.lemma(k)] && tree.lowers[k] !== 'shot') || (tree.rel(k) === 'conj' && tree.head(k) === h && /^(NUM|PRON)$/.test(tree.upos(k)))) v = k;
    if (v < 0) v = isPassive(tree, h) ? tree.child(h, 'nsubj:pass', 'nsubj') : tree.child(h, 'obj');
    // "found Tom Reed shot to death" with the name hung on the participle: the noun before it
    if (v === w) v = Array.from(tree.children(w)).find((c) => c < w && /^(NOUN|PROPN|PRON|NUM)$/.test(tree.upos(c)) && /^(compound|nsubj|obj|amod|nmod)/.test(tree.rel(c))) ?? -1;
    // "a man shot and killed by police": the first verb is a participle on the victims' noun
    if (v < 0 && tree.rel(h) === 'acl' && tree.head(h) >= 0) v = tree.head(h);
    if (v >= 0) return { token: v, outcome, predicate: w, ...(negated(tree, h) ? { negated: true } : {}) };
  }
  // "John Doe, a 30-year-old man, died Monday" parsed with the verb under the name: a verb of dying
  // with no subject of its own is said of the noun it hangs on.
  if (INTRANSITIVE_OUTCOMES[tree.lemma(w)] && tree.child(w, 'nsubj') < 0 && h >= 0 && h < w && /^(conj|acl|appos|parataxis|acl:relcl)$/.test(tree.rel(w)) && /^(NOUN|PROPN|NUM)$/.test(tree.upos(h))) {
    return { token: h, outcome, predicate: w, ...(negated(tree, w) ? { negated: true } : {}) };
  }
  return undefined;
}

/**
 * An outcome not reported as having happened: an infinitive under a verb of intent or threat ("threatened
 * to kill him", "plans to attack"), or a question of whether.
 */
export function hypothetical(tree: Tree, w: number): boolean {
  const mark = tree.child(w, 'mark');
  // ("claimed to have hit three gunmen" reports a past outcome: a perfect infinitive is not an intent)
  if (mark >= 0 && tree.lowers[mark] === 'to' && tree.child(w, 'aux:pass') < 0 && !tree.children(w).some((c) => tree.rel(c) === 'aux' && tree.lemma(c) === 'have')) return true;
  return false;
}

/**
 * A partitive: the outcome word as a noun phrase "of the dead", "among the wounded" attached to a clause
 * whose subject (or whose predicate, "nine were police officers") counts a part of them.
 */
export function partitiveOf(tree: Tree, w: number, outcome: Outcome): Victims | undefined {
  const c = tree.child(w, 'case');
  if (c < 0 || !/^(of|among)$/.test(tree.lowers[c]) || tree.child(w, 'det') < 0) return undefined;
  const h = tree.head(w);
  if (h < 0) return undefined;
  // "Among the dead were three nurses": the subject of the clause; "Of the dead, nine were police officers": the number subject.
  const s = tree.child(h, 'nsubj', 'nsubj:pass');
  const v = s >= 0 && s !== w ? s : tree.upos(h) === 'NUM' || tree.child(h, 'nummod') >= 0 ? h : -1;
  if (v < 0) return undefined;
  return { token: v, outcome, predicate: w, partitive: true, ...(v !== h && tree.upos(v) === 'NUM' && tree.upos(h) === 'NOUN' ? { describedAs: h } : {}) };
}

/** An event named as what people protest or condemn: "rallied over the killing of ...". */
function grievance(tree: Tree, i: number): boolean {
  const mark = tree.lowers[tree.child(i, 'case')] ?? '';
  if (mark === 'against') return true;
  const h = tree.head(i);
  if (h >= 0 && (PROTEST.test(tree.lowers[h]) || /^(condemn|denounce|mourn|decry|spark|trigger|prompt|provoke)$/.test(tree.lemma(h)))) return true;
  // "rioted after the death of a student": the death before a protest is its cause
  if (!/^(after|following|over)$/.test(mark)) return false;
  const sentence = tree.doc.tokens[i].sentence;
  for (let k = i; k >= 0 && tree.doc.tokens[k].sentence === sentence; k--) if (PROTEST.test(tree.lowers[k])) return true;
  for (let k = i + 1; k < tree.doc.tokens.length && tree.doc.tokens[k].sentence === sentence; k++) if (PROTEST.test(tree.lowers[k])) return true;
  return false;
}
const PROTEST = /^(protest|riot|demonstrat|agitat|rall(y|ies|ied)\b|march|shutdown|sit-in|blockade)/;

/** The "of" (or "among") phrase of a noun: "the deaths of 20 people". */
function ofPhrase(tree: Tree, w: number): number {
  return Array.from(tree.children(w)).find((c) => /^nmod/.test(tree.rel(c)) && /^(of|among)$/.test(tree.lowers[tree.child(c, 'case')] ?? '') && /^(NOUN|NUM|PROPN|PRON)$/.test(tree.upos(c))) ?? -1;
}

/** A noun that counts its own victims: "20 deaths", "no casualties", "the deaths of 20 people". */
export function countingNoun(tree: Tree, w: number, outcome: Outcome): Victims | undefined {
  if (tree.upos(w) !== 'NOUN') return undefined;
  const of = ofPhrase(tree, w);
  // "the deaths of 20 people", "the death of a man": the "of" phrase names and counts the victims.
  if (of >= 0) return { token: of, outcome, predicate: w };
  return NOUN_OUTCOMES[tree.lemma(w)] ? { token: w, outcome, predicate: w } : undefined;
}

/** "40 civilian deaths", "no military casualties": the modifier of a counting noun says who they were. */
export function victimsModifier(tree: Tree, w: number): number | undefined {
  if (tree.upos(w) !== 'NOUN' || !NOUN_OUTCOMES[tree.lemma(w)]) return undefined;
  return Array.from(tree.children(w)).find((c) => c < w && /^(amod|compound)$/.test(tree.rel(c)) && isPersonWord(tree.lowers[c]) && !NOUN_OUTCOMES[tree.lemma(c)]);
}

/** All passive subjects of a verb before it (a coordination the parser split: "20 people and the gunman were killed"). */
/** A coordination of nouns says "and" or "or" somewhere; commas alone are more often an apposition misparsed. */
export function coordinated(t: Tree, head: number): boolean {
  return Array.from(t.children(head)).some((c) => t.rel(c) === 'conj' && (t.child(c, 'cc') >= 0 || t.children(c).some((d) => t.rel(d) === 'conj' && t.child(d, 'cc') >= 0)));
}

export function passiveSubjects(t: Tree, w: number): number[] {
  if (!isPassive(t, w)) return [];
  const aux = t.child(w, 'aux:pass') >= 0;
  const found = Array.from(t.children(w)).filter((c) => c < w && (t.rel(c) === 'nsubj:pass' || (aux && /^(nsubj|obj)$/.test(t.rel(c)))));
  if (found.length || !aux) return found;
  // "A militant was killed" with the noun taken for an adjective hung on the verb: the last word before
  // the auxiliary that could head a noun phrase.
  const auxAt = t.child(w, 'aux:pass');
  const before = auxAt - 1;
  if (before >= 0 && t.head(before) === w && /^(NOUN|PROPN|ADJ|NUM)$/.test(t.upos(before)) && /^(amod|compound|nmod|obl|dep)/.test(t.rel(before))) return [before];
  return found;
}

/**
 * A list of who the victims were, after their toll: "The dead were two drivers and a girl", "They
 * included three policemen and a boy", "The victims included a nurse". The head of the list, and the
 * outcome when the words say it ("the dead", "the injured"); "they" and "the victims" take it from the
 * toll before.
 */
export function victimList(t: Tree, w: number): { token: number; predicate: number; outcome?: Outcome; pronoun: boolean } | undefined {
  const listed = (s: number) => {
    if (s < 0) return undefined;
    if (/^(they|those)$/.test(t.lowers[s])) return { pronoun: true };
    if (t.child(s, 'det') < 0) return undefined;
    const word = t.lowers[s];
    if (word === 'dead') return { outcome: 'killed' as Outcome, pronoun: false };
    if (/^(injured|wounded)$/.test(word)) return { outcome: 'injured' as Outcome, pronoun: false };
    if (/^(victims|casualties)$/.test(word)) return { pronoun: false };
    return undefined;
  };
  // (every token passes here: the word's form first, its lemma only then)
  if (t.upos(w) === 'VERB' && /^includ/.test(t.lowers[w]) && t.lemma(w) === 'include') {
    const o = t.child(w, 'obj');
    const l = listed(t.child(w, 'nsubj'));
    return o >= 0 && l ? { token: o, predicate: w, ...l } : undefined;
  }
  if (t.child(w, 'cop') >= 0 && /^(NOUN|PROPN|NUM)$/.test(t.upos(w))) {
    const s = t.child(w, 'nsubj');
    const l = listed(s);
    return l && !l.pronoun ? { token: w, predicate: s, ...l } : undefined;
  }
  return undefined;
}
