// Claims stage: casualty figures (killed, injured, missing, captured, lumped), negations ("No U.S.
// forces died"), force sizes and weapons, each with its victims, its source (the quote or statement
// it sits in, else the narrator) and its span. Repeats of one claim are linked; sources disagreeing
// about one group are flagged. Fills doc.claims.
import type { Document, Span } from '../model/document.ts';
import type { Claim, Modality, Outcome, Quantity } from '../model/claim.ts';
import { lastStartingAtOrBefore, lowerBound } from '../model/search.ts';
import type { Source } from '../model/source.ts';
import { groupKey as normalGroup, sameGroup } from './groups.ts';
import { quantityAt } from './quantity.ts';

const OUTCOME_WORDS: Record<string, Outcome> = {
  killed: 'killed', dead: 'killed', died: 'killed', die: 'killed', dies: 'killed', slain: 'killed', massacred: 'killed',
  executed: 'killed', murdered: 'killed', perished: 'killed', deaths: 'killed', death: 'killed', fatalities: 'killed',
  bodies: 'killed', kill: 'killed', kills: 'killed', killing: 'killed', lives: 'killed',
  injured: 'injured', wounded: 'injured', hurt: 'injured', injuring: 'injured', wounding: 'injured', injure: 'injured',
  injures: 'injured', wound: 'injured', wounds: 'injured', injuries: 'injured', maimed: 'injured',
  missing: 'missing', unaccounted: 'missing', disappeared: 'missing',
  captured: 'captured', abducted: 'captured', kidnapped: 'captured', hostage: 'captured', capturing: 'captured', abducting: 'captured', kidnapping: 'captured',
  casualties: 'killed_or_injured', stabbed: 'injured', stabbing: 'injured',
};
/** "no fatalities", "no casualties", "no injuries": a zero for that outcome. */
const NONE_OF: Record<string, Outcome> = { fatalities: 'killed', deaths: 'killed', dead: 'killed', casualties: 'killed_or_injured', injuries: 'injured', injured: 'injured' };
/** Verbs whose object is the victims: "killing 12 soldiers", "strikes kill 100". */
const ACTIVE = new Set(['hurt', 'hurting', 'maimed', 'maiming', 'stabbed', 'stabbing', 'kill', 'kills', 'killed', 'killing', 'wounding', 'injuring', 'wounded', 'injured', 'abducted', 'abducting', 'kidnapped', 'kidnapping', 'captured', 'capturing', 'left', 'leaving', 'claimed', 'claiming', 'executed', 'massacred']);
const NP_STOP = new Set(['before', 'until', 'because', 'he', 'she', 'they', 'it', 'we', ',', '.', ';', ':', '(', ')', '"', '“', '”', 'were', 'was', 'are', 'is', 'have', 'has', 'had', 'been', 'being', 'in', 'on', 'at', 'near', 'during', 'after', 'when', 'by', 'from', 'with', 'as', 'while', 'who', 'which', 'that', 'and', 'or', 'but', 'including', 'since', 'across', 'into', 'to', 'for', 'among', 'amid', 'will', 'would', 'may', 'might', 'could', 'reportedly', 'also', 'all']);
const BETWEEN = new Set(['hacked', 'beaten', 'burned', 'burnt', 'bludgeoned', 'clubbed', 'stoned', 'crushed', 'trampled', 'starved', 'tortured', 'were', 'was', 'have', 'has', 'had', 'been', 'being', 'are', 'is', 'reportedly', 'also', 'all', 'later', 'allegedly', 'believed', 'confirmed', 'feared', 'to', 'be', 'critically', 'seriously', 'badly', 'slightly', 'fatally', 'mortally', 'lightly', 'shot', 'in', 'the', 'attack', 'blast', 'explosion', 'fighting', 'clashes', 'strike', 'strikes', 'shelling', 'as', 'a', 'result', 'now']);
const FORCE_NOUNS = /\b(troops|soldiers|forces|fighters|militants|militiamen|gunmen|police(?:men)?|officers|personnel|men|rebels|insurgents|marines|paratroopers|commandos|reservists|recruits|mercenaries|volunteers|jihadists)\b/i;
const GROUP_NP = /(?:[\p{L}.'’-]+\s+){0,3}?(?:forces|troops|soldiers|fighters|civilians|people|militants|police(?:men| officers)?|rebels|insurgents|children|residents|villagers|workers|members|officers|gunmen|militiamen|worshippers|passengers|students|protesters|pilgrims)\b/gu;
/** Words that may stand before a group's head noun as part of its description. */
const GROUP_MODIFIER = /^(?:[\p{Lu}][\p{L}.'’-]*|[\p{L}]+-[\p{L}-]+|government|security|armed|suspected|rebel|local|foreign|civilian|other|young|unarmed|innocent|elderly)$/u;
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

const PREPOSITIONS = new Set(['on', 'in', 'at', 'from', 'near', 'inside', 'across', 'around', 'among']);
/** Cues that accuse or judge rather than report: figures in their object are the narrator's. */
const EVALUATIVE = /^(blame|blamed|blames|blaming|accuse|accused|accuses|accusing|condemn|condemned|condemns|denounce|denounced|critici[sz]ed|praised|welcomed|decried)$/i;
const PERSON_NOUN = /^(man|woman|boy|girl|attacker|assailant|gunman|bomber|suspect|shooter|soldier|officer|policeman|guard|driver|teenager|child|fighter|militant|resident|worker|journalist|civilian)$/;
const NARRATOR: Source = { kind: 'narrator', name: 'narrator' };

export function extractClaims(doc: Document): void {
  const { text, tokens, sentences } = doc;
  const words = tokens.map((t) => text.slice(t.start, t.end));
  const lowers = words.map((w) => w.toLowerCase());
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
    if (end > first) extractSentence(first, end);
    first = end;
  }

  function subjectFrom(a: number, b: number): Claim['subject'] | undefined {
    if (b <= a) return undefined;
    const span = spanOf(a, b);
    const subjectText = text.slice(span.start, span.end);
    if (/^(them|those|these)$/i.test(subjectText)) return groupNear(span.start, 'before');
    return describe(span);
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

  /** The nearest group noun phrase ("pro-government forces") before or after an offset in the same paragraph. */
  function groupNear(offset: number, prefer: 'before' | 'after'): Claim['subject'] | undefined {
    const section = doc.sections.find((x) => x.start <= offset && x.end >= offset);
    if (!section) return undefined;
    const found: Span[] = [];
    GROUP_NP.lastIndex = section.start;
    const slice = text.slice(0, section.end);
    let m: RegExpExecArray | null;
    while ((m = GROUP_NP.exec(slice)) !== null) {
      let start = m.index;
      // Drop leading function words: "by bombing pro-government forces" -> "pro-government forces".
      const lead = /^(?:(?:the|a|an|of|by|on|against|bombing|attacking|targeting|among|and|or|with|from|its|their|his|her|many|other|some|more|than|killed|dead|wounded|injured|were|was)\s+)+/i.exec(m[0]);
      if (lead) start += lead[0].length;
      // Keep only modifiers before the head noun ("pro-government", "Iraqi", "security"): a verb or a cut
      // word ends the phrase ("4th Brigade fought militants" -> "militants").
      const words = text.slice(start, m.index + m[0].length).split(/\s+/);
      const cut = /[\p{L}\p{N}]/u.test(text[start - 1] ?? ' '); // the match began inside a word ("4th" -> "th")
      let keep = words.length - 1;
      while (keep > (cut ? 1 : 0) && GROUP_MODIFIER.test(words[keep - 1])) keep--;
      start = m.index + m[0].length - words.slice(keep).join(' ').length;
      found.push({ start, end: m.index + m[0].length });
    }
    const after = found.find((f) => f.start >= offset);
    const before = found.filter((f) => f.end <= offset).pop();
    const pick = prefer === 'after' ? after ?? before : before ?? after;
    return pick ? describe(pick) : undefined;
  }

  function extractSentence(a: number, b: number): void {
    let previous: Claim | undefined;
    // Sub-groups: "including 19 soldiers and more than 20 attackers" are parts of the figure before.
    const partOf = (before: string | undefined) => (before === 'including' ? previous : before === 'and' && previous ? parentOf.get(previous) : undefined);
    let lastOutcome: Outcome | undefined;
    for (let i = a; i < b; i++) {
      // Negations: "No U.S. forces died", "no one was hurt", "nobody was killed".
      if ((lowers[i] === 'no' && i + 1 < b && !/^(longer|doubt|evidence|immediate|claim|group|comment|one)$/.test(lowers[i + 1])) || lowers[i] === 'nobody' || (lowers[i] === 'no' && lowers[i + 1] === 'one')) {
        const npEnd = lowers[i] === 'nobody' ? i + 1 : lowers[i + 1] === 'one' ? i + 2 : nounPhraseEnd(i + 1, b, true);
        const outcome = outcomeAfter(npEnd, b);
        if (outcome && (npEnd > i + 1 || lowers[i] === 'nobody' || lowers[i + 1] === 'one')) {
          const subject = lowers[i] === 'no' && lowers[i + 1] !== 'one' ? subjectFrom(i + 1, npEnd) : undefined;
          push({ from: i, to: outcome.to, figures: { [outcome.outcome]: { min: 0, max: 0 } }, subject });
          i = outcome.to - 1;
          continue;
        }
      }
      // "There were no fatalities", "no casualties were reported".
      if (lowers[i] === 'no' && NONE_OF[lowers[i + 1]]) {
        push({ from: i, to: i + 2, figures: { [NONE_OF[lowers[i + 1]]]: { min: 0, max: 0 } } });
        i += 1;
        continue;
      }
      // "A soldier was killed": one victim.
      if ((lowers[i] === 'a' || lowers[i] === 'an') && (i === a || !/^(of|than)$/.test(lowers[i - 1]))) {
        const npEnd = nounPhraseEnd(i + 1, b, false);
        if (npEnd > i + 1 && lowers[npEnd] === 'was') {
          const outcome = outcomeAfter(npEnd, b, true);
          if (outcome) {
            push({ from: i, to: outcome.to, figures: { [outcome.outcome]: { min: 1, max: 1 } }, subject: subjectFrom(i + 1, npEnd) });
            i = outcome.to - 1;
            continue;
          }
        }
      }
      // "Tamerlan Tsarnaev died", "Sean Collier was killed", "he was killed": one named victim.
      const person = personAt(i);
      if (person) {
        const k = person.end;
        const outcome = lowers[k] === 'died' || (lowers[k] === 'later' && lowers[k + 1] === 'died') ? { outcome: 'killed' as Outcome, to: k + (lowers[k] === 'later' ? 2 : 1) }
          : lowers[k] === 'was' ? outcomeAfter(k, b, true) : undefined;
        if (outcome && outcome.outcome === 'killed') {
          push({ from: i, to: outcome.to, figures: { killed: { min: 1, max: 1 } }, subject: person.subject });
          i = outcome.to - 1;
          continue;
        }
      }
      // "denied (that) any civilians were killed"
      if ((lowers[i] === 'denied' || lowers[i] === 'denies') && i + 2 < b) {
        let k = i + 1;
        if (lowers[k] === 'that') k++;
        if (lowers[k] === 'any') {
          const npEnd = nounPhraseEnd(k + 1, b, true);
          const outcome = outcomeAfter(npEnd, b, true);
          if (outcome) {
            push({ from: i, to: outcome.to, figures: { [outcome.outcome]: { min: 0, max: 0 } }, subject: subjectFrom(k + 1, npEnd), modality: 'denied' });
            i = outcome.to - 1;
            continue;
          }
        }
      }
      // "did not kill anyone", "unharmed"
      const q = quantityAt(words, lowers, i);
      if (!q) continue;
      // "14 of the wounded": a part of victims already counted, not a new figure.
      if (lowers[q.to] === 'of' && (lowers[q.to + 1] === 'the' || lowers[q.to + 1] === 'those') && OUTCOME_WORDS[lowers[q.to + 2]]) { i = q.to + 2; continue; }
      let npStart = q.to;
      if (lowers[npStart] === 'of') npStart++;
      if (lowers[npStart] === 'the' && lowers[npStart + 1] !== undefined && !OUTCOME_WORDS[lowers[npStart + 1]]) npStart++;
      const npEnd = OUTCOME_WORDS[lowers[npStart]] ? npStart : nounPhraseEnd(npStart, b, false);
      // "killing at least 12 soldiers", "strikes kill 100": a verb before the figure decides; "left 100 dead"
      // and "12 soldiers were killed" put the outcome after.
      const before = lowers[q.from - 1];
      const activeBefore = before && ACTIVE.has(before) && OUTCOME_WORDS[before] && before !== 'left' && before !== 'leaving';
      let outcome = activeBefore ? { outcome: OUTCOME_WORDS[before], to: npEnd } : outcomeAfter(npEnd, b);
      // "the rebels lost four fighters": losing people is losing them to death.
      if (!outcome && /^(lost|losing|lose|loses)$/.test(before ?? '') && npEnd > npStart && (COMBATANT.test(text.slice(tokens[npStart].start, tokens[npEnd - 1].end)) || /\b(people|men|members|civilians|lives)\b/i.test(text.slice(tokens[npStart].start, tokens[npEnd - 1].end)))) outcome = { outcome: 'killed', to: npEnd };
      // "shot dead three officers", "beat to death two men": the verb and its result before the figure.
      if (!outcome && ((before === 'dead' && /^(shot|gunned|left)$/.test(lowers[q.from - 2] ?? '')) || (before === 'death' && lowers[q.from - 2] === 'to'))) outcome = { outcome: 'killed', to: npEnd };
      // "the deaths of nearly 20 people"
      if (!outcome && (before === 'of' && /^(deaths?|lives)$/.test(lowers[q.from - 2] ?? ''))) outcome = { outcome: 'killed', to: npEnd };
      // "had died, including 19 soldiers": a named sub-group takes the outcome just given.
      if (!outcome && before === 'including' && lastOutcome) outcome = { outcome: lastOutcome, to: npEnd };
      // "injuring 23 civilians and 10 soldiers": a second object of the same verb.
      if (!outcome && before === 'and' && previous && previous.end >= tokens[q.from - 2].start - 40 && lastOutcome) outcome = { outcome: lastOutcome, to: npEnd };
      // "the death toll rose to 40"
      if (!outcome && lowers.slice(Math.max(a, q.from - 5), q.from).includes('toll')) outcome = { outcome: 'killed', to: q.to };
      const npText = npEnd > npStart ? text.slice(tokens[npStart].start, tokens[npEnd - 1].end) : '';
      if (!outcome) {
        if (FORCE_NOUNS.test(npText) && npEnd - npStart <= 6) {
          const span = spanOf(q.from, npEnd);
          const { source, modality } = sourceFor(span);
          claims.push({ kind: 'force_size', ...span, source, modality, subject: describe(spanOf(npStart, npEnd)), value: q.value });
        }
        i = q.to - 1;
        continue;
      }
      // "7 killed and 27 injured": a bare figure shares the victims of the figure before it.
      // "... and wounded 22 others": "others" continues the figure before it.
      const anaphoric = /^(others|other people|more|people more)$/i.test(npText);
      let subject = anaphoric ? undefined : subjectFrom(npStart, npEnd);
      const coordinated = !subject && previous && tokens[q.from].start - previous.end < 30;
      if (!subject && previous && coordinated) subject = previous.subject;
      if (!subject) subject = groupNear(tokens[q.from].start, 'after');
      // "no fatalities but 33 people were injured": one claim about one group.
      if (!coordinated && previous && !previous.subject && subject && !previous.figures![outcome.outcome] && tokens[q.from].start - previous.end < 30) {
        previous.figures![outcome.outcome] = q.value;
        previous.subject = subject;
        previous.end = Math.max(previous.end, tokens[Math.max(outcome.to, npEnd) - 1].end);
        lastOutcome = outcome.outcome;
        i = outcome.to - 1;
        continue;
      }
      lastOutcome = outcome.outcome;
      if (coordinated && previous && !previous.figures![outcome.outcome]) {
        previous.figures![outcome.outcome] = q.value;
        previous.end = Math.max(previous.end, tokens[Math.max(outcome.to, npEnd) - 1].end);
        i = outcome.to - 1;
        continue;
      }
      push({ from: q.from, to: Math.max(outcome.to, npEnd), figures: { [outcome.outcome]: q.value }, subject, parent: partOf(before) });
      i = Math.max(outcome.to, q.to) - 1;
      // "killed 20 people as well as the attacker": a second, single victim of the same verb.
      const k = Math.max(outcome.to, npEnd);
      const also = lowers[k] === 'as' && lowers[k + 1] === 'well' && lowers[k + 2] === 'as' ? k + 3 : -1;
      if (activeBefore && also > 0 && /^(the|a|an|his|her)$/.test(lowers[also] ?? '')) {
        const end = nounPhraseEnd(also + 1, b, false);
        if (end > also + 1 && !/s$/.test(lowers[end - 1])) {
          push({ from: also, to: end, figures: { [outcome.outcome]: { min: 1, max: 1 } }, subject: subjectFrom(also + 1, end) });
          i = end - 1;
        }
      }
    }

    function push(c: { from: number; to: number; figures: Partial<Record<Outcome, Quantity>>; subject?: Claim['subject']; modality?: Modality; parent?: Claim }) {
      const span = spanOf(c.from, c.to);
      const { source, modality } = sourceFor(span);
      const claim: Claim = { kind: 'casualties', ...span, source, modality: c.modality ?? modality, figures: c.figures, ...(c.subject ? { subject: c.subject } : {}) };
      claims.push(claim);
      if (c.parent) parentOf.set(claim, c.parent);
      previous = claim;
    }
    weaponsIn(a, b);
  }

  /** A person named at token i (a mention), or "he"/"she" standing for the sentence's subject ("a man ... before he was killed"). */
  function personAt(i: number): { end: number; subject: Claim['subject'] } | undefined {
    const m = personByStart.get(tokens[i].start);
    if (m) {
      let end = i;
      while (end < tokens.length && tokens[end].end <= m.end) end++;
      return { end, subject: describe({ start: m.start, end: m.end }) };
    }
    if (lowers[i] !== 'he' && lowers[i] !== 'she') return undefined;
    // The nearest "a man", "the attacker" before the pronoun in its sentence.
    const s = tokens[i].sentence;
    for (let k = i - 1; k > 0 && tokens[k].sentence === s; k--) {
      if (!PERSON_NOUN.test(lowers[k])) continue;
      let det = k - 1;
      if (det > 0 && !/^(a|an|the)$/.test(lowers[det])) det--;
      if (/^(a|an|the)$/.test(lowers[det])) return { end: i + 1, subject: subjectFrom(det + 1, k + 1) };
    }
    return undefined;
  }

  /** End of the victims' noun phrase starting at i: "members of the pro-government forces". */
  function nounPhraseEnd(i: number, b: number, allowCoordination: boolean): number {
    let k = i;
    while (k < b && k - i < 9) {
      const w = lowers[k];
      if (OUTCOME_WORDS[w] && !(w === 'dead' && k === i)) break;
      if ((w === 'or' || w === 'and') && allowCoordination && k > i && k + 1 < b && !OUTCOME_WORDS[lowers[k + 1]]) { k++; continue; }
      if (w === 'of' && k > i) { k++; continue; }
      if (NP_STOP.has(w)) break;
      if (quantityAt(words, lowers, k) && k > i) break;
      k++;
    }
    return k;
  }

  /** The outcome word right after a noun phrase (skipping auxiliaries): returns the outcome and where it ends. */
  function outcomeAfter(i: number, b: number, passiveOnly = false): { outcome: Outcome; to: number } | undefined {
    let k = i;
    // "fighters on both sides had died": step over a short prepositional phrase to the verb.
    if (PREPOSITIONS.has(lowers[k])) {
      let j = k + 1;
      while (j < b && j - k <= 4 && !BETWEEN.has(lowers[j]) && !OUTCOME_WORDS[lowers[j]] && !/^[,.;:]$/.test(words[j])) j++;
      if (j < b && (BETWEEN.has(lowers[j]) || OUTCOME_WORDS[lowers[j]]) && j - k <= 4) k = j;
    }
    while (k < b && k - i < 9 && BETWEEN.has(lowers[k]) && !OUTCOME_WORDS[lowers[k]]) k++;
    const w = lowers[k];
    let outcome = OUTCOME_WORDS[w];
    // "hacked to death", "shot to death": the result names the outcome.
    if (w === 'death' && lowers[k - 1] === 'to') outcome = 'killed';
    else if (!outcome || (passiveOnly && !/(ed|hurt|harmed)$/.test(w))) {
      if (w === 'harmed' || w === 'hurt') outcome = 'injured';
      else return undefined;
    }
    if (w === 'lives' && lowers[k - 1] !== 'their') return undefined;
    let to = k + 1;
    // "dead and wounded", "killed or injured": a lumped figure.
    if ((lowers[to] === 'and' || lowers[to] === 'or') && OUTCOME_WORDS[lowers[to + 1]] && OUTCOME_WORDS[lowers[to + 1]] !== outcome && lowers[to + 2] !== 'were') {
      const other = OUTCOME_WORDS[lowers[to + 1]];
      if ((outcome === 'killed' && other === 'injured') || (outcome === 'injured' && other === 'killed')) { outcome = 'killed_or_injured'; to += 2; }
    }
    return { outcome, to };
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
    const key = `${sourceKey(c)}|${groupKey(c)}|${JSON.stringify(c.figures)}`;
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
