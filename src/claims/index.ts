// Claims stage: casualty figures (killed, injured, missing, captured, lumped), zero outcomes ("No
// soldiers died", "was unharmed"), force sizes and weapons, each with its victims, its source (the quote
// or statement it sits in, else the narrator) and its span. Victims, figures and outcomes are read from
// the syntax layer's dependency tree (the constructions are recognisers in tree.ts); repeats of one claim
// are linked and sources disagreeing about one group are flagged. Fills doc.claims.
import type { Document, Span } from '../model/document.ts';
import type { Claim, Modality, Outcome, Quantity } from '../model/claim.ts';
import { lastStartingAtOrBefore, lowerBound } from '../model/search.ts';
import type { Source } from '../model/source.ts';
import { groupKey as normalGroup, sameGroup } from './groups.ts';
import { numberValue, quantityAt } from './quantity.ts';
import { coordinated, countingNoun, hypothetical, isCount, victimList, victimsModifier, outcomeOf, partitiveOf, passiveSubjects, Tree, UNHARMED, victimsOf, type Victims } from './tree.ts';
import { parseSyntax } from '../syntax/index.ts';

const FORCE_NOUNS = /\b(troops|soldiers|forces|fighters|militants|militiamen|gunmen|police(?:men)?|officers|personnel|men|rebels|insurgents|marines|paratroopers|commandos|reservists|recruits|mercenaries|volunteers|jihadists)\b/i;
const CIVILIAN = /\b(civilians?|children|women|residents|villagers|worshippers|passengers|students|pilgrims|protesters|shoppers|families|farmers|workers|patients)\b/i;
const COMBATANT = /\b(troops|soldiers|forces|fighters|militants|gunmen|police|officers|rebels|insurgents|militiamen|personnel|jihadists|marines|guards)\b/i;
const MODALITY: Record<string, Modality> = { estimated: 'estimated', estimates: 'estimated', estimate: 'estimated', disputed: 'disputed', disputes: 'disputed', denied: 'denied', denies: 'denied', deny: 'denied' };

const WEAPONS = ['artillery', 'tanks', 'tank', 'mortars', 'mortar', 'rockets', 'rocket', 'multiple-launch rocket systems', 'missiles', 'missile', 'drones', 'drone', 'airstrikes', 'airstrike', 'air strikes', 'air strike', 'car bomb', 'car bombs', 'roadside bomb', 'roadside bombs', 'improvised explosive device', 'ied', 'ieds', 'suicide vest', 'suicide bomber', 'suicide bombers', 'grenades', 'grenade', 'rifles', 'machine guns', 'machine gun', 'barrel bombs', 'barrel bomb', 'landmines', 'landmine', 'mines', 'shells', 'helicopter gunships', 'gunships', 'warplanes', 'fighter jets', 'cluster munitions', 'chemical weapons', 'sniper fire', 'gunfire', 'bombs', 'bomb', 'explosives', 'knives', 'knife', 'pressure cooker bomb', 'truck bomb'];
const WEAPON_INDEX = new Map<string, string[][]>();
for (const w of WEAPONS) {
  const parts = w.split(' ');
  const list = WEAPON_INDEX.get(parts[0]) ?? [];
  list.push(parts);
  list.sort((a, b) => b.length - a.length);
  WEAPON_INDEX.set(parts[0], list);
}

/** Cues that accuse or judge rather than report: figures in their object are the narrator's. */
const EVALUATIVE = /^(blame|blamed|blames|blaming|accuse|accused|accuses|accusing|condemn|condemned|condemns|denounce|denounced|critici[sz]ed|praised|welcomed|decried)$/i;
/** Nouns that name an event, a weapon or a place, never its victims ("a clash that may have left ... dead"). */
const NOT_VICTIMS = /^(numbers?|estimates?|tolls?|counts?|figures?|totals?|tall(y|ies)|rates?|attacks?|clash(es)?|blasts?|bombs?|explosions?|strikes?|airstrikes?|raids?|shelling|fire|fighting|violence|incidents?|operations?|war|conflict|ambush(es)?|bombings?|shootings?|assaults?|battles?|offensive|rockets?|missiles?|shells?|mortars?|grenades?|vehicles?|cars?|trucks?|buses|bus|buildings?|houses?|homes?|areas?|towns?|cities|city|villages?|stations?|markets?|mosques?|churches|church|schools?|hospitals?|checkpoints?|bases?|offices?|streets?|roads?|bridges?|shops?|stores?|restaurants?|hotels?|compounds?|camps?)$/;
const PERSON_NOUN = /^(man|woman|boy|girl|attacker|assailant|gunman|bomber|suspect|shooter|soldier|officer|policeman|policewoman|guard|driver|teenager|teen|toddler|child|fighter|militant|resident|worker|journalist|civilian|cop|deputy|trooper|student|father|mother|son|daughter|victim)$/;
const AGE = /^-?(years?|months?)-olds?$/;
const NARRATOR: Source = { kind: 'narrator', name: 'narrator' };

export function extractClaims(doc: Document): void {
  const { text, tokens, sentences } = doc;
  if (!doc.syntax && tokens.length) parseSyntax(doc);
  // The tree holds the tokens' words and their lowercased forms: every reader below uses those.
  const tree = tokens.length ? new Tree(doc) : undefined;
  const words = tree?.words ?? [];
  const lowers = tree?.lowers ?? [];
  const claims: Claim[] = [];
  const parentOf = new Map<Claim, Claim>();
  // Statements by start, with the furthest end reached so far: the ones containing a span are found by
  // walking back from it only as far as some statement still reaches past it.
  const quotes = [...doc.quotes].sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  for (const q of quotes) reach.push(Math.max(q.end, reach[reach.length - 1] ?? 0));
  const personByStart = new Map(doc.mentions.filter((m) => m.kind === 'person').map((m) => [m.start, m]));

  const spanOf = (a: number, b: number): Span => ({ start: tokens[a].start, end: tokens[b - 1].end });
  /** The innermost statement containing the span gives the source; otherwise the narrator speaks. */
  const sourceFor = (span: Span): { source: Source; modality: Modality } => {
    let q: (typeof quotes)[number] | undefined;
    for (let k = lastStartingAtOrBefore(quotes, span.start); k >= 0 && reach[k] >= span.end; k--) {
      const x = quotes[k];
      if (x.end >= span.end && (!q || x.end - x.start <= q.end - q.start)) q = x; // the innermost (the first of equals)
    }
    // "Colombia blamed the ELN for the bombing that killed 20": the blame is Colombia's, the toll narrated.
    if (!q || EVALUATIVE.test(q.cue?.text ?? '')) return { source: NARRATOR, modality: 'asserted' };
    return { source: q.source, modality: MODALITY[q.cue?.text.toLowerCase() ?? ''] ?? 'asserted' };
  };

  let first = 0;
  for (let s = 0; s < sentences.length; s++) {
    let end = first;
    while (end < tokens.length && tokens[end].sentence === s) end++;
    if (end > first && tree) treeSentence(tree, first, end);
    first = end;
  }

  function describe(span: Span): NonNullable<Claim['subject']> {
    const subjectText = text.slice(span.start, span.end);
    let mention: (typeof doc.mentions)[number] | undefined;
    for (let k = lowerBound(doc.mentions, span.start, (m) => m.start); k < doc.mentions.length && doc.mentions[k].start < span.end; k++) {
      const m = doc.mentions[k];
      if (m.end <= span.end && m.kind !== 'place') { mention = m; break; }
    }
    const civilian = CIVILIAN.test(subjectText) ? true : COMBATANT.test(subjectText) ? false : undefined;
    return { ...span, text: subjectText, ...(mention ? { entity: mention.entity } : {}), ...(civilian !== undefined ? { civilian } : {}) };
  }

  /**
   * Casualty figures of one sentence read from its dependency tree (src/claims/tree.ts finds the victims
   * of each outcome word); force sizes are the counted groups of fighters no outcome claimed.
   */
  function treeSentence(t: Tree, a: number, b: number): void {
    const used = new Set<number>(); // victims' tokens already counted: a figure is read once
    const lumpedInto = new Set<number>(); // outcome words folded into another's figure ("killed or injured")
    let previous: Claim | undefined;
    for (let w = a; w < b; w++) {
      if (lumpedInto.has(w)) continue;
      const list = victimList(t, w);
      if (list) { listOf(t, w, list); continue; }
      if (UNHARMED.has(lowers[w])) {
        const v = t.child(w, 'nsubj', 'nsubj:pass');
        if (v >= 0 && !used.has(v)) emit({ token: v, outcome: 'injured', predicate: w }, { min: 0, max: 0 });
        continue;
      }
      let outcome = outcomeOf(t, w);
      if (!outcome || isRate(t, w) || hypothetical(t, w)) continue;
      // "were killed or injured", "dead and wounded": one lumped figure when the second word has no victims of its own.
      for (const c of t.children(w)) {
        if (t.rel(c) !== 'conj') continue;
        const other = outcomeOf(t, c);
        if (!other || other === outcome || (other !== 'killed' && other !== 'injured') || (outcome !== 'killed' && outcome !== 'injured')) continue;
        // a bare second word right after the first ("dead and wounded", "killed or injured"), not a verb
        // with arguments of its own ("killed 12 people and wounded 22")
        if (c > w + 3 || t.children(c).some((d) => /^(obj|nsubj|nummod|iobj)/.test(t.rel(d)))) continue;
        // ("was killed and another injured": a word of its own between them)
        if (Array.from({ length: c - w - 1 }, (_, k) => w + 1 + k).some((k) => !/^(CCONJ|PUNCT)$/.test(t.upos(k)))) continue;
        outcome = 'killed_or_injured';
        lumpedInto.add(c);
      }
      const v = partitiveOf(t, w, outcome) ?? victimsOf(t, w, outcome) ?? countingNoun(t, w, outcome);
      if (!v || used.has(v.token) || NOT_VICTIMS.test(lowers[v.token])) continue;
      // "eight women, a girl and four men injured": a participle on the last conjunct describes them all.
      if (t.head(v.predicate) === v.token) while (t.rel(v.token) === 'conj' && t.head(v.token) >= 0 && t.upos(t.head(v.token)) === t.upos(v.token)) v.token = t.head(v.token);
      const main = emit(v);
      // "30 people and the gunman were killed": each conjunct is a figure of its own; so is a second
      // object the verb governs through the coordination ("injuring 23 civilians and 10 soldiers").
      if (coordinated(t, v.token)) for (const c of t.children(v.token)) if (t.rel(c) === 'conj' && !used.has(c) && t.upos(c) !== 'VERB') emit({ ...v, token: c });
      for (const c of passiveSubjects(t, w)) {
        if (c === v.token || used.has(c)) continue;
        emit({ ...v, token: c });
        if (coordinated(t, c)) for (const d of t.children(c)) if (t.rel(d) === 'conj' && !used.has(d) && t.upos(d) !== 'VERB') emit({ ...v, token: d });
      }
      for (const c of t.children(w)) if (t.rel(c) === 'conj' && /^(NOUN|NUM)$/.test(t.upos(c)) && c > v.token && !used.has(c) && t.child(c, 'nummod') >= 0) emit({ ...v, token: c });
      // "five died, including a policeman and two children": parts of the figure.
      for (const c of [...t.children(v.token), ...t.children(w)]) {
        const k = t.child(c, 'case');
        if (k < 0 || lowers[k] !== 'including' || used.has(c)) continue;
        emit({ ...v, token: c }, undefined, main);
        for (const d of t.children(c)) if (t.rel(d) === 'conj' && !used.has(d)) emit({ ...v, token: d }, undefined, main);
      }
    }
    forceSizes(t, a, b, used);

    /** Each victim a list names is a part of the toll told just before (in its sentence or the one before). */
    function listOf(t: Tree, w: number, list: NonNullable<ReturnType<typeof victimList>>): void {
      const sentence = tokens[w].sentence;
      const parent = [...claims].reverse().find((c) => c.kind === 'casualties' && c.figures && (list.outcome ? c.figures[list.outcome] : true));
      if (!parent) return;
      const at = lowerBound(tokens, parent.start, (x) => x.start);
      if (at >= tokens.length || tokens[at].sentence < sentence - (list.pronoun ? 1 : 2)) return;
      const outcome = list.outcome ?? (parent.figures!.killed ? 'killed' : (Object.keys(parent.figures!)[0] as Outcome));
      const items = [list.token, ...(coordinated(t, list.token) ? conjuncts(t, list.token) : [])];
      for (const k of items) if (!used.has(k)) emit({ token: k, outcome, predicate: list.predicate, partitive: true }, undefined, parent);
    }
    weaponsIn(a, b);

    function emit(v: Victims, fixed?: Quantity, parent?: Claim): Claim | undefined {
      let token = v.token;
      // "people who were killed": the relative pronoun stands for the noun the clause modifies.
      if (/^(who|that|which)$/.test(lowers[token]) && t.rel(v.predicate).startsWith('acl') && t.head(v.predicate) >= 0) token = t.head(v.predicate);
      used.add(token);
      if (NOT_VICTIMS.test(lowers[token])) return undefined;
      let figure = fixed ?? figureOf(t, { ...v, token });
      let modality: Modality | undefined;
      // "denied that any civilians were killed": a zero, denied.
      const det = t.child(token, 'det');
      if (!figure && det >= 0 && lowers[det] === 'any' && deniedBy(t, v.predicate)) { figure = { min: 0, max: 0 }; modality = 'denied'; }
      if (!figure) return undefined;
      const np = victimPhrase(t, token, v.predicate);
      const from = Math.min(np[0], v.predicate), to = Math.max(np[1], v.predicate + 1);
      const inPlace = doc.mentions.some((m) => m.kind === 'place' && m.start <= tokens[token].start && tokens[token].end <= m.end);
      const modifier = victimsModifier(t, v.predicate);
      const description = inPlace ? undefined : describedBy(t, v.describedAs ?? token, v.predicate) ?? (modifier !== undefined ? [modifier, modifier + 1] as [number, number] : undefined);
      const bare = !description || /^(others?|more|another)$/.test(lowers[description[1] - 1]);
      const pronoun = /^(he|she|him|her)$/.test(lowers[token]);
      const sameSentence = previous !== undefined && tokens[from].sentence === tokens[a].sentence && previous.start >= tokens[a].start;
      // A bare figure ("and 27 injured", "five more were wounded") continues the claim before it in the
      // sentence, and a claim without victims ("no fatalities, but 14 people were injured") takes them.
      if (previous?.figures && sameSentence && !previous.figures[v.outcome] && !parent && !pronoun && (bare || !previous.subject)) {
        previous.figures[v.outcome] = figure;
        previous.end = Math.max(previous.end, tokens[to - 1].end);
        previous.start = Math.min(previous.start, tokens[from].start);
        if (!bare && !previous.subject) previous.subject = describe(spanOf(description![0], description![1]));
        return previous;
      }
      // "He was taken to hospital, where he died": the one hurt then died; one figure, killed.
      const hurt = previous?.figures?.injured;
      if (pronoun && v.outcome === 'killed' && sameSentence && previous && hurt && hurt.min === 1 && hurt.max === 1 && !previous.figures!.killed) {
        previous.figures = { killed: figure };
        previous.end = Math.max(previous.end, tokens[to - 1].end);
        return previous;
      }
      const subject = !bare ? describe(spanOf(description![0], description![1])) : pronoun ? pronounSubject(t, token) : (sameSentence ? previous?.subject : undefined) ?? groupOfClause(t, v.predicate) ?? (t.upos(token) === 'NUM' ? earlierVictims(tokens[token].start) : undefined);
      const span = spanOf(from, to);
      const said = sourceFor(span);
      // "The monitor recorded 40 civilian deaths": whoever recorded or counted the toll gives it.
      if (said.source.kind === 'narrator') { const counter = counterOf(t, v.predicate); if (counter) said.source = counter; }
      const claim: Claim = { kind: 'casualties', ...span, source: said.source, modality: modality ?? said.modality, figures: { [v.outcome]: figure }, ...(subject ? { subject } : {}) };
      claims.push(claim);
      if (parent) parentOf.set(claim, parent);
      else if (v.partitive && previous) parentOf.set(claim, previous);
      previous = claim;
      return claim;
    }
  }

  /** The subject of a verb of counting whose object is the toll: "the monitor recorded 40 deaths". */
  function counterOf(t: Tree, w: number): Source | undefined {
    const v = t.head(w);
    if (v < 0 || t.rel(w) !== 'obj' || !/^(record|count|document|register|tally|log|confirm|report)$/.test(t.lemma(v))) return undefined;
    const s = t.child(v, 'nsubj');
    if (s < 0 || !/^(NOUN|PROPN)$/.test(t.upos(s))) return undefined;
    const [from, to] = victimPhrase(t, s);
    let start = from;
    while (start < s && t.upos(start) === 'DET') start++;
    const span = spanOf(start, to);
    const mention = doc.mentions.find((m) => m.start <= span.start && span.end <= m.end && m.kind !== 'place');
    return { kind: mention?.kind === 'person' ? 'named' : 'organisation', name: text.slice(span.start, span.end), span, ...(mention ? { entity: mention.entity } : {}) };
  }

  /** The conjuncts of a noun, nested or flat ("two soldiers, a girl and a boy"). */
  function conjuncts(t: Tree, i: number): number[] {
    const out: number[] = [];
    for (const c of t.children(i)) if (t.rel(c) === 'conj' && t.upos(c) !== 'VERB') out.push(c, ...conjuncts(t, c));
    return out;
  }

  /** A bare figure's victims told earlier in its paragraph ("13 people were hurt ... 11 were still in hospital"); never later. */
  function earlierVictims(offset: number): Claim['subject'] | undefined {
    const section = doc.sections.find((x) => x.start <= offset && offset <= x.end);
    if (!section) return undefined;
    for (let k = claims.length - 1; k >= 0; k--) {
      const c = claims[k];
      if (c.start < section.start) break;
      if (c.kind === 'casualties' && c.subject && c.end <= offset) return c.subject;
    }
    return undefined;
  }

  /** The predicate is the clause a denial governs ("denied that ... were killed"). */
  function deniedBy(t: Tree, w: number): boolean {
    for (let k = t.head(w), steps = 0; k >= 0 && steps < 3; k = t.head(k), steps++) if (/^(deny|reject|dismiss)$/.test(t.lemma(k))) return true;
    return false;
  }

  /**
   * The words that say who the victims are, without the count or the article: "members of the border
   * guard" of "Seven members of the border guard"; "fighters" of "Dozens of fighters". Undefined for a
   * bare number or pronoun.
   */
  function describedBy(t: Tree, i: number, predicate: number): [number, number] | undefined {
    // "no fatalities": a counting noun names no victims.
    if (i === predicate || /^(he|she|they|them|him|her|it)$/.test(lowers[i])) return undefined;
    if (isCount(t, i)) {
      const of = t.children(i).find((c) => t.rel(c) === 'nmod' && c !== predicate && t.child(c, 'case') >= 0 && lowers[t.child(c, 'case')] === 'of');
      if (of !== undefined) return describedBy(t, of, predicate);
      // "12 villagers" parsed as two subjects: the noun right after the number is what it counts.
      const next = i + 1;
      if (next < tokens.length && tokens[next].sentence === tokens[i].sentence && t.upos(next) === 'NOUN' && (t.head(next) === t.head(i) || t.head(next) === i)) return describedBy(t, next, predicate);
      return undefined;
    }
    const [from, to] = victimPhrase(t, i, predicate);
    // Leading articles, counts and their modifiers ("the", "at least 12", "no") are not the description.
    let start = from;
    const lead = (k: number) => {
      for (let h = k; h >= 0 && h !== i; h = t.head(h)) if (t.head(h) === i && /^(det|nummod|case|advmod)$/.test(t.rel(h))) return true;
      return t.upos(k) === 'PUNCT';
    };
    while (start < i && (lead(start) || t.upos(start) === 'DET')) start++;
    return [start, to];
  }

  /** A bare figure's group from its clause: "fought militants ..., killing six" -> the militants. */
  function groupOfClause(t: Tree, w: number): Claim['subject'] | undefined {
    if (t.upos(w) !== 'VERB' || !/^(advcl|conj|xcomp|acl|csubj|parataxis)$/.test(t.rel(w))) return undefined;
    // The object of the clause before it in the sentence (a participle's attachment is often misparsed,
    // so the nearest object before it, not its head, decides): a plural noun, not a place.
    const sentence = tokens[w].sentence;
    for (let k = w - 1; k >= 0 && tokens[k].sentence === sentence; k--) {
      if (t.rel(k) !== 'obj' || k === w) continue;
      if (t.upos(k) !== 'NOUN' || t.lemma(k) === lowers[k] || NOT_VICTIMS.test(lowers[k])) return undefined;
      const d = describedBy(t, k, -1);
      return d ? describe(spanOf(d[0], d[1])) : undefined;
    }
    return undefined;
  }

  /** "20 killed every week", "deaths per year": a rate, not a count of one incident's victims. */
  function isRate(t: Tree, w: number): boolean {
    for (const c of t.children(w)) {
      if (!/^(obl|nmod|advmod)/.test(t.rel(c))) continue;
      const d = t.child(c, 'det');
      if (d >= 0 && /^(every|each|per)$/.test(lowers[d])) return true;
      if (/^(annually|yearly|daily|weekly|monthly)$/.test(lowers[c])) return true;
    }
    return false;
  }

  /** The count the victims' phrase gives: its number, a zero, or one for a singular noun or a name. */
  function figureOf(t: Tree, v: Victims): Quantity | undefined {
    const i = v.token;
    const lower = lowers[i];
    const det = t.child(i, 'det');
    const phraseStart = victimPhrase(t, i, v.predicate)[0];
    if ((det >= 0 && lowers[det] === 'no') || (lowers[phraseStart] === 'no' && phraseStart < i) || lower === 'nobody' || lower === 'none' || (v.negated && /^(anyone|anybody|any)$/.test(lower))) return { min: 0, max: 0 };
    if (v.negated) return undefined;
    // "a 40-year-old", "Ann Lee, 40-year-old": the number is an age; the phrase is one person.
    const age = (k: number) => k >= 0 && (AGE.test(lowers[k + 1] ?? '') || (lowers[k + 1] === '-' && AGE.test(lowers[k + 2] ?? '')));
    if (AGE.test(lower) && !lower.endsWith('s')) return { min: 1, max: 1 };
    let num = isCount(t, i) ? i : t.child(i, 'nummod');
    if (age(num)) num = Array.from(t.children(i)).find((c) => c !== num && t.rel(c) === 'nummod' && !age(c)) ?? -1;
    // A number the tagger took for an adjective ("Nine villagers"): still the count.
    if (num < 0) for (const c of t.children(i)) if (c < i && /^(amod|det|compound)$/.test(t.rel(c)) && (numberValue(lowers[c]) !== undefined || quantityAt(words, lowers, c))) num = c;
    if (num >= 0) return quantityOf(t, num, v.predicate < num ? v.predicate + 1 : 0);
    if (/^(he|she|him|her|another)$/.test(lower)) return { min: 1, max: 1 };
    // A name, or a singular noun phrase naming a person ("trader Ali Musa was beaten to death").
    const [from, to] = t.span(i, (c) => c !== v.predicate && /^(appos|flat|compound|amod|det)$/.test(t.rel(c)) && Math.abs(c - i) < 6);
    const named = doc.mentions.some((m) => m.kind === 'person' && m.start < tokens[to - 1].end && tokens[from].start < m.end);
    // A name the tagger did not know is still one person, unless it names a place or an organisation.
    if (t.upos(i) === 'PROPN' && words[i] !== lower) {
      const other = doc.mentions.some((m) => m.kind !== 'person' && m.start <= tokens[i].start && tokens[i].end <= m.end);
      return named || (!other && !/s$/.test(lower)) ? { min: 1, max: 1 } : undefined;
    }
    if (t.lemma(i) === lower && named) return { min: 1, max: 1 };
    // A singular count noun with an article or a possessive: "a soldier was killed", "his brother died";
    // not the outcome noun itself ("the death" is the event, not a count).
    // The article may hang elsewhere in a misparse; the word before says it all the same.
    const article = det >= 0 ? det : i > 0 && /^(a|an|the|one|his|her|their)$/.test(lowers[i - 1]) ? i - 1 : -1;
    if (i !== v.predicate && (t.nominal(i) || t.upos(i) === 'PROPN' || (t.upos(i) === 'ADJ' && article === i - 1)) && t.lemma(i) === lower && !/s$/.test(lower) && (article >= 0 || t.child(i, 'nmod:poss') >= 0) && !/^(no|any|some|all|much)$/.test(lowers[article] ?? '')) return { min: 1, max: 1 };
    // A headline drops the article: "Man dies after shooting", "Teen wounded".
    if (i !== v.predicate && PERSON_NOUN.test(lower) && t.upos(i) === 'NOUN' && det < 0) return { min: 1, max: 1 };
    return undefined;
  }

  /**
   * The quantity expression around a number token with its modifiers ("at least 12", "more than 100"):
   * read from at most three words before it in its sentence, never from `notBefore` (the outcome word).
   */
  function quantityOf(t: Tree, num: number, notBefore: number): Quantity | undefined {
    let k = Math.max(notBefore, num - 3);
    while (k < num && tokens[k].sentence !== tokens[num].sentence) k++;
    for (; k <= num; k++) {
      const q = quantityAt(words, lowers, k);
      if (q && q.to > num) return q.value;
    }
    return undefined;
  }

  /** The victims' noun phrase: the head with its modifiers, without clauses, appositions or conjuncts. */
  function victimPhrase(t: Tree, i: number, predicate = -1): [number, number] {
    // "members of the security forces" keeps its "of" phrase; "shoppers in the market" does not keep the place.
    const ofPhrase = (c: number) => { const k = t.child(c, 'case'); return k < 0 || lowers[k] === 'of'; };
    return t.span(i, (c) => c !== predicate && Math.abs(c - i) < 12 && /^(det|amod|compound|nummod|nmod|case|flat|fixed|advmod|nmod:poss|nmod:desc)$/.test(t.rel(c)) &&
      !(t.rel(c) === 'case' && /^(including|among)$/.test(lowers[c])) && (t.rel(c) !== 'nmod' || ofPhrase(c)));
  }

  /** "he was killed": the person the sentence names before the pronoun. */
  /** "he was killed": the person named last before the pronoun, in its sentence or the two before. */
  function pronounSubject(t: Tree, i: number): Claim['subject'] | undefined {
    if (!/^(he|she)$/.test(lowers[i])) return undefined;
    const s = tokens[i].sentence;
    for (let k = i - 1; k >= 0 && tokens[k].sentence >= s - 2; k--) {
      const m = personByStart.get(tokens[k].start);
      if (m) return describe({ start: m.start, end: m.end });
      if (tokens[k].sentence === s && t.upos(k) === 'NOUN' && PERSON_NOUN.test(lowers[k])) return describe(spanOf(k, k + 1));
    }
    return undefined;
  }

  /** Counted fighters no outcome claimed: "some 2,000 troops", "300 militants". */
  function forceSizes(t: Tree, a: number, b: number, used: Set<number>): void {
    for (let i = a; i < b; i++) {
      if (t.rel(i) !== 'nummod' || used.has(t.head(i))) continue;
      const h = t.head(i);
      if (!FORCE_NOUNS.test(lowers[h])) continue;
      const value = quantityOf(t, i, 0);
      if (!value) continue;
      const np = victimPhrase(t, h);
      const span = spanOf(np[0], np[1]);
      const { source, modality } = sourceFor(span);
      claims.push({ kind: 'force_size', ...span, source, modality, subject: describe(span), value });
    }
  }

  function weaponsIn(a: number, b: number): void {
    const found: string[] = [];
    let from = -1, to = -1;
    for (let i = a; i < b; i++) {
      const list = WEAPON_INDEX.get(lowers[i]);
      if (!list) continue;
      for (const parts of list) {
        if (parts.every((p, k) => lowers[i + k] === p)) {
          const name = words.slice(i, i + parts.length).join(' ').toLowerCase();
          if (!found.includes(name)) found.push(name);
          if (from < 0) from = i;
          to = i + parts.length;
          i += parts.length - 1;
          break;
        }
      }
    }
    if (!found.length) return;
    const span = spanOf(from, to);
    const { source, modality } = sourceFor(span);
    claims.push({ kind: 'weapons', ...span, source, modality, value: found });
  }

  // One span read twice (as a statement's content and as narration) is one claim.
  const seenSpans = new Set<string>();
  const unique = claims.filter((c) => {
    const key = `${c.kind}:${c.start}:${c.end}:${JSON.stringify(c.figures ?? c.value)}`;
    if (seenSpans.has(key)) return false;
    seenSpans.add(key);
    return true;
  });
  const indexOf = new Map(unique.map((c, i) => [c, i]));
  unique.forEach((c) => {
    const parent = parentOf.get(c);
    const j = parent ? indexOf.get(parent) ?? -1 : -1;
    if (j >= 0) c.partOf = j;
  });
  linkRepeatsAndDisputes(unique);
  linkHeadlineRestatements(doc, unique);
  doc.claims = unique;
}

/**
 * A headline figure without victims ("strikes kill 100, official says") restates the body's claim by the
 * same source about the same outcome: it is linked as a repeat, not counted again.
 */
function linkHeadlineRestatements(doc: Document, claims: Claim[]): void {
  const headline = doc.sections.find((s) => s.kind === 'headline');
  if (!headline) return;
  claims.forEach((c) => {
    if (c.kind !== 'casualties' || c.subject || c.repeats !== undefined || c.start >= headline.end || c.start < headline.start) return;
    const outcomes = Object.keys(c.figures ?? {});
    const name = sourceKey(c);
    const j = claims.findIndex((d) => d !== c && d.kind === 'casualties' && d.start >= headline.end && d.subject &&
      outcomes.every((o) => d.figures?.[o as Outcome]) && (sourceKey(d).includes(name) || name.includes(sourceKey(d))));
    if (j >= 0) c.repeats = j;
  });
}

const groupKey = (c: Claim) => normalGroup(c.subject?.text ?? '');
const overlaps = (a: Quantity, b: Quantity) => a.min <= (b.max ?? Infinity) && b.min <= (a.max ?? Infinity);
const sourceKey = (c: Claim) => c.source.name.toLowerCase().replace(/^(a|an|the)\s+/, '');

/** The same figures from the same source about the same group repeat one claim; different figures about one group from different sources dispute each other. */
function linkRepeatsAndDisputes(claims: Claim[]): void {
  const seen = new Map<string, number>();
  claims.forEach((c, i) => {
    if (c.kind !== 'casualties') return;
    // One named person's death told twice is one fact, whoever tells it ("X was shot dead" ... "X died").
    const who = c.subject?.entity !== undefined ? `entity ${c.subject.entity}` : `${sourceKey(c)}|${groupKey(c)}`;
    const key = `${who}|${JSON.stringify(c.figures)}`;
    const first = seen.get(key);
    if (first !== undefined) c.repeats = first;
    else seen.set(key, i);
  });
  // A lede's unsourced, hedged figure ("may have left 100 or more dead") paraphrases the attributed one
  // the story gives about the same group ("more than 100 were killed, an official said"): one claim.
  claims.forEach((c) => {
    if (c.kind !== 'casualties' || c.repeats !== undefined || c.source.kind !== 'narrator' || !c.subject || !c.figures) return;
    const outcomes = Object.keys(c.figures) as Outcome[];
    if (!outcomes.every((o) => c.figures![o]!.vague || c.figures![o]!.max === null)) return;
    const j = claims.findIndex((d) => d !== c && d.kind === 'casualties' && d.repeats === undefined && d.source.kind !== 'narrator' && d.subject &&
      sameGroup(c.subject!.text, d.subject.text) && outcomes.every((o) => d.figures?.[o] && overlaps(c.figures![o]!, d.figures[o]!)));
    if (j >= 0) c.repeats = j;
  });
  // Only the claims that are not repeats can dispute each other: pairs among those.
  const live = claims.map((c, i) => [c, i] as const).filter(([c]) => c.kind === 'casualties' && c.repeats === undefined && c.subject);
  live.forEach(([c, i]) => {
    live.forEach(([d, j]) => {
      if (j === i) return;
      if (sourceKey(c) === sourceKey(d)) return;
      if (!sameGroup(c.subject!.text, d.subject!.text)) return;
      const differs = (['killed', 'injured', 'killed_or_injured'] as const).some((o) => c.figures?.[o] && d.figures?.[o] && (c.figures[o]!.min !== d.figures[o]!.min || c.figures[o]!.max !== d.figures[o]!.max));
      const lumped = (c.figures?.killed_or_injured && d.figures?.killed) || (c.figures?.killed && d.figures?.killed_or_injured);
      if (differs || lumped) (c.disputes ??= []).push(j);
    });
  });
}
