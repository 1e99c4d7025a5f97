// Incident stage: the incident the lede reports, plus any later paragraph reporting casualties at a place
// of its own (a wave of attacks told town by town); each with its
// type from our taxonomy, actors with roles, time and place from the when/where stages, the casualty
// claims, and per victim group the reconciled low/best/high (reconcile.ts). Fills doc.incidents.
import type { Document, Mention } from '../model/document.ts';
import type { Claim } from '../model/claim.ts';
import type { Actor, ActorRole, Incident } from '../model/incident.ts';
import { lastStartingAtOrBefore, lowerBound } from '../model/search.ts';
import { fatalitiesOf, reconcile } from './reconcile.ts';
import { datesStatementIn } from '../when/index.ts';
import { TAXONOMY } from './taxonomy.ts';
import { reportsIncident } from './evidence.ts';
import { EVENT_CLASS_OF, eventModels, readEvents, TYPE_OF_EVENT_CLASS, type RoleSpan, type SentenceEvent } from './events.ts';
import { loadGazetteer } from '../where/gazetteer.ts';
import { foldName } from '../where/fold.ts';
import { haversineKm } from '../where/distance.ts';
import { namedInOtherName } from '../where/index.ts';

const REPORTING = new Set(['body', 'dateline', 'headline']);
const ATTACK_VERB = /^(attack(?:ed|s|ing)?|struck|strikes?|launched|bombed|shelled|raided|stormed|ambushed|fired|opened|killed|targeted|hit|seized|captured|claimed)$/i;
const TARGET_BEFORE = /^(on|against|targeting|targeted)$/i;
/** Lemmas of attacks, for the word a target's phrase hangs on. */
const ATTACK_LEMMA = /^(?:attack|strike|airstrike|raid|assault|ambush|bomb|bombing|shell|shelling|fire|offensive|onslaught|raid|blast|explosion|massacre|kill|target|hit|storm|siege|war|campaign|fight)$/i;
/** An attack named after its author: "U.S. drone strikes", "coalition air raids", "Russian warplanes". */
const ATTACK_NOUN = /^(strikes?|airstrikes?|air|drone|raids?|bombing|bombings|bombardment|shelling|warplanes?|jets|planes|aircraft|drones|artillery|offensive|assault)$/i;
const ACTOR_KINDS = new Set(['armed_group', 'organisation', 'nationality', 'place', 'person']);
/** Each type's triggers as a global pattern, built once, for finding every occurrence in a text. */
const TRIGGERS_ALL = new Map(TAXONOMY.map((t) => [t.code, new RegExp(t.triggers.source, 'gi')]));

export function buildIncidents(doc: Document): void {
  const body = doc.sections.filter((s) => REPORTING.has(s.kind));
  if (!body.length) { doc.incidents = []; return; }
  // The main incident's text: the headline (and datelines) and the first two paragraphs of reporting,
  // where the lede sits.
  const bodies = body.map((s, k) => (s.kind === 'body' ? k : -1)).filter((k) => k >= 0);
  const lede = body.slice(0, Math.max(3, (bodies[1] ?? bodies[0] ?? 0) + 1));
  const ledeText = lede.map((s) => doc.text.slice(s.start, s.end)).join('\n');
  // Only trigger words that report an incident count (evidence.ts): not "protest laws", "could attack",
  // "a ransomware attack", or a generic sentence listing where such attacks happen.
  const types = reportedTypesIn(doc, lede[0].start, lede[lede.length - 1].end);
  // A headline alone ("Roadside bombs", "Drug raid") is not evidence: the body's lede must report an
  // incident of a violent type, or give a casualty figure.
  // (The first three paragraphs: pages put a standfirst or a caption-like line before the lede.)
  const ledeBody = body.filter((x) => x.kind === 'body').slice(0, 3);
  const bodyTypes = ledeBody.length ? reportedTypesIn(doc, ledeBody[0].start, ledeBody[ledeBody.length - 1].end) : [];
  const ledeFigures = doc.claims.some((c) => c.kind === 'casualties' && c.start >= lede[0].start && c.end <= lede[lede.length - 1].end);
  if (!bodyTypes.length && !ledeFigures) types.length = 0;
  // The learned event reading (events.ts): sentences of the reporting text that tell an incident.
  const learned = reportedEvents(doc, body);
  // The rules found no incident word in the lede, but a later sentence reports one: its kind leads. A
  // word of that kind must report it there: the model, trained on wire reports of political violence,
  // is not trusted alone on other text (a crash, a disease, a drug raid).
  const confirmed = learned.find((e) => wordedEvent(doc, e));
  if (!types.length && confirmed) types.push(...typesOfEvent(doc, confirmed));
  if (!types.length) { doc.incidents = []; return; }
  // An attack whose victims are all fighters is a battle in ACLED's terms, not violence against civilians.
  const victims = doc.claims.filter((c) => c.kind === 'casualties' && c.subject && c.start < lede[lede.length - 1].end);
  if (types[0] === 'armed_attack' && victims.length && victims.every((c) => c.subject!.civilian === false)) types.unshift('battle');
  const unique = [...new Set(types)];
  types.length = 0;
  types.push(...unique);

  const time = doc.times.find((t) => t.incident);
  // The lede proper: up to the end of the first body paragraph.
  const firstBody = body.findIndex((x) => x.kind === 'body');
  const ledeEnd = body[Math.max(0, firstBody)].end;
  let place = doc.places.find((p) => p.incident);
  const placeInLede = place !== undefined && place.start < ledeEnd;
  const claims = doc.claims.map((c, i) => ({ c, i }))
    .filter(({ c }) => c.repeats === undefined && (c.kind === 'casualties' || c.kind === 'weapons' || c.kind === 'force_size') && !isBackground(doc, c, time?.earliest))
    .map(({ i }) => i);

  // Later paragraphs that report their own casualties at their own place are incidents of their own
  // ("In Taji, a car bomb killed ...": a wave of attacks reported town by town).
  const others: Incident[] = [];
  const taken = new Set<number>();
  for (const section of body.slice(firstBody + 1)) {
    if (section.kind !== 'body') continue;
    const own = claims.filter((i) => doc.claims[i].kind === 'casualties' && doc.claims[i].start >= section.start && doc.claims[i].end <= section.end);
    // Not a place that speaks ("Kan reported").
    const fits = (p: typeof doc.places[number]) => p.start >= section.start && p.end <= section.end && (p.precision ?? 3) <= 2 && p.lat !== undefined && (!p.incident || !placeInLede);
    const where = doc.places.find((p) => fits(p) && !speaks(doc, p));
    const text = doc.text.slice(section.start, section.end);
    // The type whose word stands nearest the paragraph's own figures ("the blast came after an attack in
    // which a man stabbed six": a stabbing, not the blast).
    const sectionTypes = own.length ? nearestFirst(reportedTypesIn(doc, section.start, section.end), text, doc.claims[own[0]].start - section.start) : [];
    if (!own.length || !where || !sectionTypes.length) continue;
    if (placeInLede && place?.lat !== undefined && place.lon !== undefined && Math.abs(place.lat - where.lat!) < 0.05 && Math.abs(place.lon - where.lon!) < 0.05) continue;
    const when = doc.times.find((t) => t.start >= section.start && t.end <= section.end && t.earliest && (t.precision ?? 3) <= 2) ?? time;
    const mine = claims.filter((i) => doc.claims[i].start >= section.start && doc.claims[i].end <= section.end);
    for (const i of mine) taken.add(i);
    others.push({
      type: sectionTypes[0],
      ...(sectionTypes.length > 1 ? { otherTypes: sectionTypes.slice(1) } : {}),
      ...(when ? { time: when } : {}),
      place: where,
      // Its actors come from its own sentences (those of its figures and its place), not the whole paragraph.
      actors: ownSentenceActors(doc, [...mine.map((i) => doc.claims[i]), where]),
      claims: mine,
      figures: reconcile(doc, mine),
      evidence: { start: section.start, end: section.end },
    });
  }
  // The flagged place came from a paragraph that is an incident of its own: the lede's place stands.
  if (place && !placeInLede && others.some((o) => o.place === place)) {
    const ledePlaces = doc.places.filter((p) => p.start >= lede[0].start && p.end <= ledeEnd && p.lat !== undefined);
    place = ledePlaces.sort((a, b) => (a.precision ?? 3) - (b.precision ?? 3))[0];
  }
  const mainClaims = claims.filter((i) => !taken.has(i));
  const main: Incident = {
    type: types[0],
    ...(types.length > 1 ? { otherTypes: types.slice(1) } : {}),
    ...(time ? { time } : {}),
    ...(place ? { place } : {}),
    actors: actorsIn(doc, lede[0].start, lede[lede.length - 1].end),
    claims: mainClaims,
    figures: reconcile(doc, mainClaims),
    evidence: { start: lede[0].start, end: lede[lede.length - 1].end },
  };
  doc.incidents = [main, ...others];
  const told: { start: number; end: number }[] = [];
  doc.incidents.push(...secondaryIncidents(doc, doc.incidents, told));
  doc.incidents.push(...attacksElsewhere(doc, doc.incidents));
  doc.incidents.push(...attacksApart(doc, doc.incidents));
  doc.incidents.push(...eventsOfOtherKinds(doc, doc.incidents, learned));
  // The lede also tells other incidents in sentences of their own ("X died in a shootout with police a day
  // later"): their actors are theirs, not the main incident's. Later paragraphs that refer back to the
  // incident ("Ruritania blamed the rebels for the bombing of a border post") add its attacker and target.
  const apart = [...told, ...others.map((o) => o.evidence)].filter((e) => e.start >= main.evidence.start && e.end <= main.evidence.end);
  if (apart.length) main.actors = actorsIn(doc, main.evidence.start, main.evidence.end, apart);
  main.actors = mergeActors(main.actors, referenceActors(doc, main, doc.incidents.slice(1)));
  // The learned role tagger's fillers (events.ts): each incident takes those of its own text; the main
  // incident also those of the reporting sentences no other incident claims.
  const roles = readEvents(doc).roles;
  const elsewhere = doc.incidents.slice(1).map((i) => i.evidence);
  for (const inc of doc.incidents) {
    const mine = inc === main
      ? roles.filter((r) => !elsewhere.some((e) => e.start <= r.start && r.end <= e.end) && body.some((x) => x.start <= r.start && r.end <= x.end))
      : roles.filter((r) => inc.evidence.start <= r.start && r.end <= inc.evidence.end);
    inc.actors = mergeActors(inc.actors, learnedActors(doc, mine));
    const things = (role: RoleSpan['role']) => mine.filter((r) => r.role === role).map(({ start, end, text }) => ({ start, end, text }));
    const weapons = things('Weapon'), targets = things('Target');
    if (weapons.length) inc.weapons = weapons;
    if (targets.length) inc.targets = targets;
  }
  // One toll per incident, as ACLED codes it, traced to its claims.
  for (const inc of doc.incidents) inc.fatalities = fatalitiesOf(doc, inc.figures);
}

/**
 * Actors from the role tagger's spans: a perpetrator is the attacker (an organisation, or people named by
 * what they are), a victim the target (physical targets and weapons are not actors: the incident lists them). A span that is a mention of an entity
 * takes it; the name stays the words of the text.
 */
function learnedActors(doc: Document, spans: RoleSpan[]): Actor[] {
  const out: Actor[] = [];
  for (const r of spans) {
    if (r.role === 'Weapon' || r.role === 'Target') continue;
    const mention = doc.mentions.find((m) => m.start === r.start && m.end === r.end);
    // A name inside the name of a place or an organisation ("Rue Victor Hugo") is not a victim.
    if (r.role === 'Victim' && doc.mentions.some((m) => m.kind !== 'person' && m.start <= r.start && r.end <= m.end && m.end - m.start > r.end - r.start)) continue;
    const role: ActorRole = r.role === 'Victim' ? 'target' : 'attacker';
    const kind: Actor['kind'] = r.role === 'PerpOrg' ? 'organisation' : r.role === 'Victim' ? 'person' : 'group';
    out.push({ name: r.text.replace(/\s+/g, ' '), role, kind, ...(mention ? { entity: mention.entity } : {}), span: { start: r.start, end: r.end } });
  }
  return out;
}

/** Sentences of the reporting sections the event model reads as an incident, strongest first. */
function reportedEvents(doc: Document, body: { start: number; end: number }[]): SentenceEvent[] {
  const models = eventModels();
  if (!models) return [];
  const threshold = models.meta.eventThreshold;
  return readEvents(doc).sentences
    .filter((e) => e.type !== 'none' && e.margin > threshold && body.some((x) => x.start <= doc.sentences[e.sentence].start && doc.sentences[e.sentence].end <= x.end))
    .sort((a, b) => b.margin - a.margin);
}

/**
 * The rules confirm what the event model reads in a sentence: a trigger word of its kind reports an
 * incident there (evidence.ts), or, for an attack, the sentence gives a casualty figure and names its
 * perpetrator ("the judge was shot dead by two men on a motorcycle"; not a crash or a disease).
 */
function wordedEvent(doc: Document, e: SentenceEvent): boolean {
  const sentence = doc.sentences[e.sentence];
  if (reportedTypesIn(doc, sentence.start, sentence.end).some((t) => EVENT_CLASS_OF[t] === e.type)) return true;
  const inside = (x: { start: number; end: number }) => x.start >= sentence.start && x.end <= sentence.end;
  return e.type === 'ATTACK' && doc.claims.some((c) => c.kind === 'casualties' && inside(c))
    && readEvents(doc).roles.some((r) => (r.role === 'PerpInd' || r.role === 'PerpOrg') && inside(r));
}

/** Our types for a sentence the event model reads as an incident: the rules' words of its kind, or the kind's own type. */
function typesOfEvent(doc: Document, e: SentenceEvent): string[] {
  const sentence = doc.sentences[e.sentence];
  const own = reportedTypesIn(doc, sentence.start, sentence.end).filter((t) => EVENT_CLASS_OF[t] === e.type);
  return own.length ? own : [TYPE_OF_EVENT_CLASS[e.type]];
}

/**
 * An incident of another kind than any found so far that the event model reads in a sentence of its own
 * ("Two days later, the guerrillas kidnapped the mayor"): an incident of that kind, told by that sentence,
 * at its place (or the main incident's). At most one per kind: the strongest sentence tells it.
 */
function eventsOfOtherKinds(doc: Document, incidents: Incident[], learned: SentenceEvent[]): Incident[] {
  const out: Incident[] = [];
  const kinds = new Set(incidents.map((i) => EVENT_CLASS_OF[i.type]));
  const main = incidents[0];
  for (const e of learned) {
    const sentence = doc.sentences[e.sentence];
    if (kinds.has(e.type)) continue;
    const here = doc.places.filter((p) => p.start >= sentence.start && p.end <= sentence.end && p.lat !== undefined).sort((a, b) => Number(speaks(doc, a)) - Number(speaks(doc, b)) || (a.precision ?? 3) - (b.precision ?? 3));
    // A sentence of an incident's own text is that incident (a battle the model reads as an attack),
    // unless it is placed far from it ("... days after an attack in another city").
    const far = (i: Incident) => here[0] !== undefined && i.place?.lat !== undefined && haversineKm(here[0].lat!, here[0].lon!, i.place.lat, i.place.lon!) > FAR_KM;
    if (incidents.some((i) => i.evidence.start <= sentence.start && sentence.end <= i.evidence.end && !far(i))) continue;
    const types = typesOfEvent(doc, e);
    // The model alone does not make an incident: the rules must confirm it (wordedEvent).
    if (!wordedEvent(doc, e)) continue;
    kinds.add(e.type);
    const place = here[0] ?? main?.place;
    const time = doc.times.find((t) => t.start >= sentence.start && t.end <= sentence.end && t.earliest) ?? main?.time;
    out.push({ type: types[0], ...(types.length > 1 ? { otherTypes: types.slice(1) } : {}), ...(time ? { time } : {}), ...(place ? { place } : {}), actors: actorsIn(doc, sentence.start, sentence.end), claims: [], figures: [], evidence: { start: sentence.start, end: sentence.end } });
  }
  return out;
}

/** The actors of the sentences holding some spans (an incident's figures and place), merged. */
function ownSentenceActors(doc: Document, spans: { start: number; end: number }[]): Actor[] {
  const sentences = doc.sentences.filter((s) => spans.some((x) => s.start <= x.start && x.end <= s.end));
  return sentences.reduce<Actor[]>((all, s) => mergeActors(all, actorsIn(doc, s.start, s.end)), []);
}

/** Actors of two lists, once each (by entity or name); a later, more specific role replaces "other". */
function mergeActors(into: Actor[], more: Actor[]): Actor[] {
  const out = into.map((a) => ({ ...a }));
  for (const a of more) {
    const same = out.find((b) => (a.entity !== undefined && a.entity === b.entity) || b.name.toLowerCase() === a.name.toLowerCase());
    if (!same) { out.push(a); continue; }
    if (same.role === 'other' && a.role !== 'other') same.role = a.role;
    if (!same.kind && a.kind) same.kind = a.kind;
  }
  return out;
}

/** "the attack", "Thursday's bombing", "the police academy car bombing": a reference back to the incident. */
const REFERENCE = /\b(?:[Tt]he|[Tt]his|[Tt]hat|[A-Z][a-z]+day['’]s)\s+((?:(?!(?:the|an?|for|of|on|by|to|in|at|with|and|or|that|this|was|were|is)\s)[\w-]+\s+){0,3}?)(?:suicide\s+)?(attacks?|bombings?|blasts?|explosions?|strikes?|air ?strikes?|airstrikes?|raids?|assault|ambush|shooting|massacre)\b/g;
/** Words that make "the ... attack" another attack than the incident ("the previous attack", "the 2014 bombing"). */
const OTHER_ATTACK = /\b(?:previous|earlier|first|last|other|another|next|separate|similar|latest|same|second|\d{4})\b|\b[A-Z][a-z]+\b/;

/**
 * The incident's attacker and target named in a later sentence that refers back to it: "the attack on
 * the U.S.-backed fighters" (target), "blamed X for the bombing", "X claimed responsibility for the attack",
 * "the bombing was blamed on X", "the attack was carried out by X" (attacker). Sentences of other
 * incidents, and sentences dated more than a month away from the incident, are left out.
 */
function referenceActors(doc: Document, main: Incident, others: Incident[]): Actor[] {
  const { text } = doc;
  const sections = doc.sections.filter((s) => REPORTING.has(s.kind) && s.start >= main.evidence.end);
  const out: Actor[] = [];
  const when = main.time?.earliest ? Date.parse(main.time.earliest) : undefined;
  for (const sentence of doc.sentences) {
    if (!sections.some((s) => s.start <= sentence.start && sentence.end <= s.end)) continue;
    if (others.some((o) => o.evidence.start < sentence.end && sentence.start < o.evidence.end)) continue;
    if (when !== undefined && doc.times.some((t) => t.start >= sentence.start && t.end <= sentence.end && t.earliest && Math.abs(Date.parse(t.earliest) - when) > 31 * 86400000)) continue;
    const s = text.slice(sentence.start, sentence.end);
    const refs = [...s.matchAll(REFERENCE)].filter((m) => !OTHER_ATTACK.test(m[1]));
    if (!refs.length) continue;
    const found = actorsIn(doc, sentence.start, sentence.end);
    for (const m of refs) {
      const refStart = sentence.start + m.index!, refEnd = refStart + m[0].length;
      for (const a of found) {
        if (!a.span) continue;
        const after = a.span.start >= refEnd ? text.slice(refEnd, a.span.start) : undefined;
        const before = a.span.end <= refStart ? text.slice(a.span.end, refStart) : undefined;
        const target = a.role === 'target' && after !== undefined && /^\s+(?:on|of|against|targeting|at)\s+(?:the\s+|an?\s+)?$/i.test(after);
        const attacker = a.role === 'attacker' && (
          (before !== undefined && /^\s+(?:(?:has|have|had|was|were)\s+)?(?:for|claimed(?:\s+responsibility\s+for)?|behind|carried\s+out|staged|launched)\s+$/i.test(before)) ||
          (after !== undefined && /^[^.;,]{0,30}?\b(?:blamed\s+on|claimed\s+by|carried\s+out\s+by|launched\s+by|staged\s+by)\s+(?:the\s+)?$/i.test(after)));
        if (target || attacker) out.push(a);
      }
    }
  }
  return out;
}

/** Between two places of one list: "X, Y and Z", "X and the nearby town of Y". */
const LIST_SEP = /^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?(?:(?:nearby|neighbouring|neighboring|northern|southern|eastern|western)\s+)?(?:(?:town|village|city|district)\s+of\s+)?$/i;
const STRIKE_WORD = /\b(strikes?|targeted|hit)\b/i;
const NON_VIOLENT = new Set(['protest', 'riot', 'strategic_development']);
/** "the bombing", "this attack", "the car bombing": a reference back to an attack already told. */
const DEFINITE_BEFORE = /\b(the|this|that|these|those|such|its|their|his|her)\s+(?:[\w-]+\s+)?$/i;

/**
 * Types of an attack a sentence reports as new on the day `t`: a trigger not referring back ("a bomb",
 * not "the bombing") in the clause of the date, or anywhere when the date opens the sentence ("The next
 * day, the unit exploded a bomb").
 */
function newAttackTypes(text: string, sentence: { start: number; end: number }, t: { start: number; end: number }): string[] {
  const opens = /^\W*(?:\w+\s+){0,2}$/.test(text.slice(sentence.start, t.start));
  const types: string[] = [];
  const said = text.slice(sentence.start, sentence.end);
  for (const type of TAXONOMY) {
    if (NON_VIOLENT.has(type.code)) continue;
    const re = TRIGGERS_ALL.get(type.code)!;
    re.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = re.exec(said)) !== null; ) {
      const at = sentence.start + m.index;
      if (DEFINITE_BEFORE.test(text.slice(Math.max(sentence.start, at - 30), at))) continue;
      const between = at < t.start ? text.slice(at + m[0].length, t.start) : text.slice(t.end, at);
      if (!opens && /[,;:]/.test(between)) continue;
      types.push(type.code);
      break;
    }
  }
  return types;
}

/**
 * Incidents the lede and paragraph incidents leave out (changed with the where/when stages):
 * - each further place of a list in an incident's text whose sentence reports an attack ("strikes
 *   targeted X, Y and Z", "in X and the nearby town of Y") is an incident of its own at that place, with
 *   the incident's type and time and no claims of its own (the figures stay with the incident);
 * - a sentence of the reporting text that reports an attack on a day of its own (not a statement's day,
 *   not after publication, not a day already dated) is an incident of its own, at the most specific place
 *   of its sentence, else the incident's place.
 */
function secondaryIncidents(doc: Document, incidents: Incident[], told: { start: number; end: number }[] = []): Incident[] {
  const out: Incident[] = [];
  const located = (lat: number, lon: number) => [...incidents, ...out].some((i) => i.place?.lat !== undefined && Math.abs(i.place.lat - lat) < 0.05 && Math.abs(i.place.lon! - lon) < 0.05);
  const sentenceOf = (offset: number) => doc.sentences.find((s) => s.start <= offset && s.end >= offset);
  for (const incident of incidents) {
    const places = doc.places.filter((p) => p.start >= incident.evidence.start && p.end <= incident.evidence.end && p.lat !== undefined && p.country);
    for (let i = 1; i < places.length; i++) {
      const [a, b] = [places[i - 1], places[i]];
      if (!LIST_SEP.test(doc.text.slice(a.end, b.start)) || (a.precision ?? 3) !== (b.precision ?? 3) && ((a.precision ?? 3) === 3 || (b.precision ?? 3) === 3)) continue;
      const sentence = sentenceOf(b.start);
      if (!sentence) continue;
      const text = doc.text.slice(sentence.start, sentence.end);
      if (!reportedTypesIn(doc, sentence.start, sentence.end).length && !STRIKE_WORD.test(text)) continue;
      // "countries such as X, Y and Z": a generic list, not places of this incident.
      if (/\b(?:such as|like|including)\s+$/i.test(doc.text.slice(Math.max(sentence.start, a.start - 20), a.start))) continue;
      for (const p of [a, b]) {
        if (located(p.lat!, p.lon!)) continue;
        out.push({ type: incident.type, ...(incident.otherTypes ? { otherTypes: incident.otherTypes } : {}), ...(incident.time ? { time: incident.time } : {}), place: p, actors: withAttackers(incident.actors, actorsIn(doc, sentence.start, sentence.end)), claims: [], figures: [], evidence: { start: sentence.start, end: sentence.end } });
      }
    }
  }
  const main = incidents[0];
  const published = doc.meta.published?.slice(0, 10);
  const dated = new Set(incidents.map((i) => i.time?.earliest).filter(Boolean));
  for (const t of doc.times) {
    if (t.precision !== 1 || !t.earliest || dated.has(t.earliest) || (published && t.earliest > published) || datesStatementIn(doc.text, t)) continue;
    // "..., Kan reported on Wednesday": the day of the report.
    if (SPOKEN_BEFORE.test(doc.text.slice(Math.max(0, t.start - 30), t.start))) continue;
    const section = doc.sections.find((s) => s.start <= t.start && s.end >= t.end);
    if (!section || !REPORTING.has(section.kind)) continue;
    // Within a month of the main incident: older dates are background.
    if (main?.time?.earliest && Math.abs(Date.parse(t.earliest) - Date.parse(main.time.earliest)) > 31 * 86400000) continue;
    const sentence = sentenceOf(t.start);
    if (!sentence) continue;
    const types = newAttackTypes(doc.text, sentence, t);
    if (!types.length) continue;
    const here = doc.places.filter((p) => p.start >= sentence.start && p.end <= sentence.end && p.lat !== undefined && (p.precision ?? 3) <= 2);
    const place = here.sort((a, b) => Number(speaks(doc, a)) - Number(speaks(doc, b)) || (a.precision ?? 3) - (b.precision ?? 3))[0] ?? main?.place;
    dated.add(t.earliest);
    told.push({ start: sentence.start, end: sentence.end });
    out.push({ type: types[0], ...(types.length > 1 ? { otherTypes: types.slice(1) } : {}), time: t, ...(place ? { place } : {}), actors: actorsIn(doc, sentence.start, sentence.end), claims: [], figures: [], evidence: { start: sentence.start, end: sentence.end } });
  }
  return out;
}

/** "reported on", "said on": a date that follows is the statement's. */
const SPOKEN_BEFORE = /\b(?:reported|reports|said|says|told|announced|added|stated)\s+(?:\w+\s+)?(?:on\s+)?$/i;
/** "Kan reported", "Moscow said": a place name that speaks is a broadcaster or a government. */
const SPEAKS_AFTER = /^\s+(?:reported|reports|said|says|told|announced|quoted|claimed|stated|added)\b/;

/**
 * The place is the speaker itself ("Kan reported"), not where a speaker is ("a doctor in Baquba said");
 * or it is named only inside another entity's name ("the Guildford Four": where/index.ts).
 */
const speaks = (doc: Document, p: { start: number; end: number }) => namedInOtherName(doc, p) || SPEAKS_AFTER.test(doc.text.slice(p.end, p.end + 12))
  && !/\b(?:in|at|from|of|near|outside)\s+(?:[\w-]+\s+){0,2}$/i.test(doc.text.slice(Math.max(0, p.start - 30), p.start));

const FAR_KM = 50;

/**
 * An attack told in passing at a town far from every incident found so far ("…, in which a man stabbed
 * eight people at a mall in St. Cloud"): an incident of its own, taking the casualty claims of its
 * sentence from the incident they had been counted with. Only when the main incident is placed at a
 * town: a country-wide or regional main place says nothing about distance.
 */
function attacksElsewhere(doc: Document, incidents: Incident[]): Incident[] {
  const main = incidents[0];
  if (!main?.place || main.place.lat === undefined || (main.place.precision ?? 3) > 2) return [];
  const out: Incident[] = [];
  const placed = () => [...incidents, ...out].map((i) => i.place).filter((p) => p?.lat !== undefined);
  // Casualty claims by the sentence they start in (sentences are in text order: binary search).
  const bySentence = new Map<number, number[]>();
  doc.claims.forEach((c, i) => {
    if (c.kind !== 'casualties' || c.repeats !== undefined) return;
    const sentence = Math.max(0, lastStartingAtOrBefore(doc.sentences, c.start));
    const list = bySentence.get(sentence);
    if (list) list.push(i); else bySentence.set(sentence, [i]);
  });
  for (const [index, candidates] of bySentence) {
    const sentence = doc.sentences[index];
    const section = doc.sections[sentence.section];
    if (!section || section.kind !== 'body') continue;
    const inside = (x: { start: number; end: number }) => x.start >= sentence.start && x.end <= sentence.end;
    const mine = candidates.filter((i) => inside(doc.claims[i]) && !isBackground(doc, doc.claims[i], main.time?.earliest));
    if (!mine.length) continue;
    const text = doc.text.slice(sentence.start, sentence.end);
    const found = typesIn(text).filter((t) => !NON_VIOLENT.has(t));
    if (!found.length) continue;
    const far = (p: typeof doc.places[number]) => inside(p) && p.lat !== undefined && (p.precision ?? 3) <= 2 && placed().every((q) => haversineKm(p.lat!, p.lon!, q!.lat!, q!.lon!) > FAR_KM);
    const place = doc.places.find((p) => far(p) && !speaks(doc, p));
    if (!place) continue;
    // The sentence may name the other incident too ("the explosion in X coincided with an attack in Y, in
    // which a man stabbed eight"): the type whose word stands nearest this place and its figures leads.
    const types = nearestFirst(found, text, (doc.claims[mine[0]].start + place.start) / 2 - sentence.start);
    for (const inc of incidents) {
      if (!inc.claims.some((i) => mine.includes(i))) continue;
      inc.claims = inc.claims.filter((i) => !mine.includes(i));
      inc.figures = reconcile(doc, inc.claims);
    }
    const time = doc.times.find((t) => inside(t) && t.earliest) ?? main.time;
    out.push({ type: types[0], ...(types.length > 1 ? { otherTypes: types.slice(1) } : {}), ...(time ? { time } : {}), place, actors: actorsIn(doc, sentence.start, sentence.end), claims: mine, figures: reconcile(doc, mine), evidence: { start: sentence.start, end: sentence.end } });
  }
  return out;
}

/** "two other attacks", "another bombing", "in a separate attack": the text marks an incident of its own. */
const OTHER_EVENT = /\b(?:(?:two|three|four|five|several|\d+)\s+)?(?:other|another|separate)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|bombings?|blasts?|explosions?|strikes?|air ?strikes?|airstrikes?|raids?|incidents?|shootings?|ambush(?:es)?|clash(?:es)?|stabbings?|car bombs?|bombs?)\b/gi;

/**
 * A sentence that tells the figures of another attack than the one it is reported with ("Two other
 * attacks in the same province left three people dead", "In a separate attack, gunmen killed ..."): the
 * figures after the words that mark it leave that incident and make one of their own, at the most
 * specific place of the sentence (none when it names none).
 */
function attacksApart(doc: Document, incidents: Incident[]): Incident[] {
  const out: Incident[] = [];
  for (const sentence of doc.sentences) {
    const section = doc.sections[sentence.section];
    if (!section || section.kind !== 'body') continue;
    const text = doc.text.slice(sentence.start, sentence.end);
    OTHER_EVENT.lastIndex = 0;
    const m = OTHER_EVENT.exec(text);
    if (!m) continue;
    const from = sentence.start + m.index;
    const inside = (x: { start: number; end: number }) => x.start >= from && x.end <= sentence.end;
    for (const inc of incidents) {
      // An incident told by this very sentence is already its own.
      if (inc.evidence.start >= sentence.start && inc.evidence.end <= sentence.end) continue;
      const mine = inc.claims.filter((i) => doc.claims[i].kind === 'casualties' && inside(doc.claims[i]));
      if (!mine.length) continue;
      const found = typesIn(text.slice(m.index)).filter((t) => !NON_VIOLENT.has(t));
      if (!found.length) continue;
      inc.claims = inc.claims.filter((i) => !mine.includes(i));
      inc.figures = reconcile(doc, inc.claims);
      const here = doc.places.filter((p) => p.start >= sentence.start && p.end <= sentence.end && p.lat !== undefined).sort((a, b) => Number(speaks(doc, a)) - Number(speaks(doc, b)) || (a.precision ?? 3) - (b.precision ?? 3));
      const time = doc.times.find((t) => t.start >= sentence.start && t.end <= sentence.end && t.earliest) ?? inc.time;
      const types = nearestFirst(found, text, m.index);
      out.push({ type: types[0], ...(types.length > 1 ? { otherTypes: types.slice(1) } : {}), ...(time ? { time } : {}), ...(here[0] ? { place: here[0] } : {}), actors: actorsIn(doc, sentence.start, sentence.end), claims: mine, figures: reconcile(doc, mine), evidence: { start: sentence.start, end: sentence.end } });
    }
  }
  return out;
}

/**
 * Types ordered by how near their trigger words stand to an offset of the text, in steps of 40
 * characters: within a step the more specific type (taxonomy order) stays first ("car bomb" over "bomb").
 */
function nearestFirst(types: string[], text: string, anchor: number): string[] {
  const step = (code: string) => {
    let best = Infinity;
    const re = TRIGGERS_ALL.get(code)!;
    re.lastIndex = 0; // matchAll starts where the shared pattern's last search stopped
    for (const m of text.matchAll(re)) best = Math.min(best, Math.abs(m.index! - anchor));
    return Math.floor(best / 40);
  };
  const steps = new Map(types.map((t) => [t, step(t)]));
  return [...types].sort((a, b) => steps.get(a)! - steps.get(b)!);
}

/** Parties to an armed conflict, named by what they are. */
const CONFLICT_PARTY = /\b(?:militants?|rebels?|insurgents?|jihadists?|terrorists?|guerrillas?|fighters?|militia(?:s|men)?|soldiers?|troops|army|military|security forces|paramilitar(?:y|ies)|armed group|extremists?|separatists?|combatants?|hostages?|Taliban|al-Qaeda|Islamic State|ISIS|Boko Haram|al-Shabaab|Hamas|Hezbollah)\b/i;

/** Types whose trigger words in [from, to) report an incident (evidence.ts), in taxonomy order. */
function reportedTypesIn(doc: Document, from: number, to: number): string[] {
  const out: string[] = [];
  for (const t of TAXONOMY) {
    const re = TRIGGERS_ALL.get(t.code)!;
    re.lastIndex = 0;
    const passage = doc.text.slice(from, to);
    for (const m of passage.matchAll(re)) {
      const start = from + m.index!;
      const k = lastStartingAtOrBefore(doc.sentences, start);
      const sentence = k >= 0 && doc.sentences[k].end >= start ? doc.sentences[k] : undefined;
      const headline = sentence ? ['headline', 'subheadline'].includes(doc.sections[sentence.section]?.kind ?? '') : false;
      if (!reportsIncident(doc, start, start + m[0].length, sentence, headline)) continue;
      // An arrest or a seizure is a strategic development of a conflict only with a party to one in
      // its sentence ("troops detained two militants"), not a police drug raid or a customs seizure.
      if (t.code === 'strategic_development' && /^(?:arrested|detained|seized)$/i.test(m[0]) && sentence
        && !CONFLICT_PARTY.test(doc.text.slice(sentence.start, sentence.end))
        && !doc.mentions.some((x) => x.kind === 'armed_group' && x.start >= sentence.start && x.end <= sentence.end)) continue;
      out.push(t.code);
      break;
    }
  }
  return out;
}

function typesIn(text: string): string[] {
  return TAXONOMY.filter((t) => t.triggers.test(text)).map((t) => t.code);
}

// Summaries of a war rather than reports of this incident: "the war has killed hundreds of thousands".
const BACKGROUND = /\b(ha(?:s|ve) (?:so far |now )?(?:killed|claimed the lives of|left)|ha(?:s|ve) (?:been )?(?:killed|died) since|since (?:the )?(?:start|beginning|outbreak)|since (?:19|20)\d\d|so far this year|toll since|over the (?:past|last) (?:\w+ )?(?:years|decades?|months))\b/i;

const EARLIER_EVENT = /\b(?:a|one|two|three|four|five|several|\d+)\s+(?:days?|weeks?|months?|hours?|years?)\s+(?:after|since)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:attacks?|bombings?|blasts?|explosions?|strikes?|raids?|clash(?:es)?|shootings?|massacre)\b/i;

/** A claim about the past or the whole war, not the incident: a background sentence, or dated before the incident. */
function isBackground(doc: Document, c: Claim, incidentStart: string | undefined): boolean {
  const sentence = doc.sentences.find((s) => s.start <= c.start && s.end >= c.end);
  if (!sentence) return false;
  const text = doc.text.slice(sentence.start, sentence.end);
  if (BACKGROUND.test(text) && (c.kind !== 'casualties' || !doc.times.some((t) => t.incident && t.start >= sentence.start && t.end <= sentence.end))) return true;
  // "The raid came two days after a string of blasts killed 12": the figure of an earlier event.
  const earlier = EARLIER_EVENT.exec(text);
  if (earlier && c.start >= sentence.start + earlier.index) return true;
  if (!incidentStart) return false;
  const cutoff = new Date(Date.parse(incidentStart) - 7 * 86400000).toISOString().slice(0, 10);
  return doc.times.some((t) => t.start >= sentence.start && t.end <= sentence.end && t.latest !== undefined && t.latest < cutoff);
}

/**
 * Actors named by what they are rather than by a name: "gunmen", "security forces", "pro-government
 * militia", "suspected jihadists", "U.S.-backed fighters", "off-duty soldiers". An optional modifier or
 * two is kept. A force's post ("a police academy", "an army base", "a military checkpoint") stands for the
 * force as a target.
 */
const ACTOR_NOUN = /\b((?:(?:pro|anti)-[\w-]+\s+|[\w.]+-(?:backed|led|allied|aligned|supported|linked|trained)\s+|(?:suspected|armed|government|security|rebel|opposition|Islamist|jihadist|militant|tribal|local|foreign|allied|coalition|enemy|masked|unidentified|unknown|off-duty|special)\s+){0,2})(police(?:m[ae]n| officers?| patrols?| (?:academy|station|post|checkpoint|headquarters|barracks|convoy|compound))?|soldiers?|troops|army(?: (?:patrols?|convoys?|base|post|checkpoint|barracks|headquarters|compound))?|military (?:base|post|checkpoint|barracks|headquarters|compound|convoy|patrol)|security forces|forces|militants|insurgents|rebels|gunm[ae]n|jihadists|fighters|militia(?:s|men)?|attackers?|assailants?|(?:suicide )?bombers?|extremists|terrorists|guerrillas|paramilitaries|suspects|(?:emergency|first) responders)\b/gi;
/** A force's post: attacked, never attacking ("the police academy bombing"). */
const POST = /\b(academy|station|post|checkpoint|headquarters|barracks|compound|base)$/i;
/** Named after what they did: the attacking side even when killed ("killing the attacker"). */
const ASSAILANT = /\b(attackers?|assailants?|bombers?|gunm[ae]n)$/i;
/** A member noun and the force it belongs to: "an army patrol ..., killing one soldier" is one actor. */
const MEMBER_OF: [RegExp, RegExp][] = [
  [/^(?:[\w-]+\s+)?(?:soldiers?|troops)$/i, /\b(army|military)\b/i],
  [/^(?:[\w-]+\s+)?(?:police(?:m[ae]n| officers?)|officers?)$/i, /\bpolice\b/i],
];
/** A person named as the one who attacks: "gunman Omar X", "the suspect, X,". */
const ASSAILANT_BEFORE = /\b(?:gunm[ae]n|shooter|attacker|assailant|bomber|suspect|hijacker|sniper)\s*,?\s+$/i;
/** What a person does as the attacker: "X opened fire", "X, 25, stabbed". */
const PERSON_ATTACK = /^(?:\s*,[^,.;]{1,30},)?\s+(?:allegedly\s+|also\s+|then\s+|later\s+)?(?:opened\s+fire|shot|stabbed|detonated|set\s+off|blew\s+(?:himself|herself|themselves)\s+up|attacked|ambushed|planted|rammed|fired\s+on|killed)\b/i;
/** A party to a fight, named before it: "X died in a shootout with police", "X clashed with Y". */
const FIGHT_AFTER = /^(?:\s*,[^,.;]{1,30},)?\s+(?:(?:and\s+[^,;]{1,50}?\s+)?(?:clashed|fought|exchanged\s+(?:gun)?fire|traded\s+(?:gun)?fire)\b|[^.;,]{0,30}?\b(?:in|after|during)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:shootout|shoot-out|gunfight|gun\s+battle|firefight|clash(?:es)?|exchange\s+of\s+fire)\s+with\b)/i;
/** A party to a fight, named after it: "a shootout with police", "clashes between X and Y". */
const FIGHT_BEFORE = /\b(?:(?:clash(?:es|ed)?|shootout|shoot-out|gunfight|gun battle|firefight|fighting|fought|battles?|exchange of fire)\s+with|(?:clash(?:es)?|fighting|battles?|firefights?|gunfights?|shootouts?|skirmish(?:es)?|confrontations?)\s+between(?:\s+(?:the\s+)?[^,;:]{1,60}?\s+and)?)\s+(?:the\s+)?$/i;

let towns: Map<string, boolean> | undefined;
/** A sizeable town of the gazetteer under exactly this name ("the Guildford pub bombings" names a place). */
function isTown(name: string): boolean {
  towns ??= new Map();
  let known = towns.get(name);
  if (known === undefined) {
    const { places, bySkeleton } = loadGazetteer().match(name);
    known = !bySkeleton && places.some((p) => p.feature.startsWith('PPL') && p.population >= 10000 && foldName(p.name) === foldName(name));
    if (towns.size > 50_000) towns.clear(); // bounded for a long-running server
    towns.set(name, known);
  }
  return known;
}

/**
 * Actors in a passage (leaving out the spans of `skip`): the one before an attack verb attacks, the one
 * after "on/against" is targeted; victims of its casualty claims are targets; the sides of a fight are
 * parties to it; a person only as the one who attacks or fights.
 */
type Place = Document['places'][number];
const MENTION_PLACES = new WeakMap<Document['mentions'], { places: Document['places']; of: (Place | undefined)[] }>();
/** The first geocoded place (in doc.places order) overlapping each mention, found once per document by
 * bisection: a scan per mention of an entity's every mention made long lists of one town cubic. */
function mentionPlaces(doc: Document): (Place | undefined)[] {
  const cached = MENTION_PLACES.get(doc.mentions);
  if (cached && cached.places === doc.places) return cached.of;
  const located = doc.places.map((p, i) => ({ p, i })).filter((x) => x.p.lat !== undefined).sort((a, b) => a.p.start - b.p.start);
  const longest = located.reduce((n, x) => Math.max(n, x.p.end - x.p.start), 0);
  const of = doc.mentions.map((m) => {
    let best: { p: Place; i: number } | undefined;
    for (let k = lowerBound(located, m.start - longest, (x) => x.p.start); k < located.length && located[k].p.start < m.end; k++) {
      const x = located[k];
      if (m.start < x.p.end && (!best || x.i < best.i)) best = x;
    }
    return best?.p;
  });
  MENTION_PLACES.set(doc.mentions, { places: doc.places, of });
  return of;
}

const LONGEST_MENTION = new WeakMap<Document['mentions'], number>();
/** The mentions that overlap a span or end at most two characters before it (mentions are in text order). */
function mentionsNear(doc: Document, span: { start: number; end: number }): Mention[] {
  let longest = LONGEST_MENTION.get(doc.mentions);
  if (longest === undefined) LONGEST_MENTION.set(doc.mentions, longest = doc.mentions.reduce((n, x) => Math.max(n, x.end - x.start), 0));
  const out: Mention[] = [];
  for (let k = lowerBound(doc.mentions, span.start - 2 - longest, (x) => x.start); k < doc.mentions.length && doc.mentions[k].start < span.end; k++) {
    if (doc.mentions[k].end >= span.start - 2) out.push(doc.mentions[k]);
  }
  return out;
}

const VICTIM_SUBJECTS = new WeakMap<Document['claims'], { subjects: { start: number; end: number }[]; longest: number }>();
/** The victim phrases of casualty claims that are not civilians, in text order, once per document. */
function victimSubjects(doc: Document): { subjects: { start: number; end: number }[]; longest: number } {
  let v = VICTIM_SUBJECTS.get(doc.claims);
  if (!v) {
    const subjects = doc.claims.flatMap((c) => (c.kind === 'casualties' && c.subject && !c.subject.civilian ? [{ start: c.subject.start, end: c.subject.end }] : [])).sort((a, b) => a.start - b.start);
    VICTIM_SUBJECTS.set(doc.claims, v = { subjects, longest: subjects.reduce((n, x) => Math.max(n, x.end - x.start), 0) });
  }
  return v;
}

function actorsIn(doc: Document, from: number, to: number, skip: { start: number; end: number }[] = []): Actor[] {
  const { text, tokens } = doc;
  // The tree, where it is trusted: not on text in capitals (wire copy tags most words PROPN).
  const caps = text.slice(from, to);
  const syn = doc.syntax && doc.syntax.head.length === tokens.length && caps !== caps.toUpperCase() ? doc.syntax : undefined;
  const actors: Actor[] = [];
  const seen = new Set<number>();
  const names = new Set<string>();
  const skipped = (at: number) => skip.some((x) => x.start <= at && at < x.end);
  const mentions = doc.mentions.filter((m) => m.start >= from && m.end <= to && ACTOR_KINDS.has(m.kind) && !skipped(m.start));
  for (const m of mentions) {
    const entity = doc.entities[m.entity];
    let role: ActorRole | undefined;
    if (m.kind === 'person') {
      role = personRole(m) ?? (entity?.titles.length ? roleOf(doc, m) : undefined);
    } else {
      // A place is an actor only through its forces or its strikes ("U.S. forces", "Russian air strikes", "U.S.-led").
      const placeOf = mentionPlaces(doc);
      const geocoded = (entity?.mentions ?? []).map((mi) => placeOf[mi]).filter((p) => p !== undefined);
      if (m.kind !== 'nationality' && geocoded.length && geocoded.every((p) => p!.precision !== 3)) continue; // a town is where, not who
      const isPlace = m.kind === 'place' || geocoded.length > 0 || (m.kind === 'organisation' && isTown(m.text));
      if (isPlace && !/^(?:\s*|-led\s+[\w-]+\s*|\s+[\w-]+\s+)(forces|troops|army|military|police|government|strikes?|air ?strikes?|drone|warplanes?|jets|raids?|coalition)\b/i.test(text.slice(m.end, m.end + 30))) continue;
      role = roleOf(doc, m);
    }
    if (!role || seen.has(m.entity)) continue;
    seen.add(m.entity);
    const name = actorName(doc, m);
    names.add(name.toLowerCase());
    actors.push({ name, role, entity: m.entity, span: { start: m.start, end: m.end } });
  }
  // Common-noun actors, unless a named actor already covers the words ("Iraqi soldiers" from "Iraqi").
  ACTOR_NOUN.lastIndex = from;
  const passage = text.slice(0, to);
  for (let m = ACTOR_NOUN.exec(passage); m; m = ACTOR_NOUN.exec(passage)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const span = { start, end: m.index + m[0].length };
    if (skipped(span.start)) continue;
    // Overlapping an actor, the rest of a named one ("Iraqi army soldiers" after "Iraqi"), or in apposition
    // right before one ("gunman Omar X").
    if (actors.some((a) => a.span && (a.span.start <= span.end && span.start <= a.span.end || a.span.end <= span.start && /^[ \t]*(?:(?:army|military|police|security|special|government|armed|border|naval|air|elite|regime|state)[ \t]+)?$/i.test(text.slice(a.span.end, span.start)) || a.span.start >= span.end && a.span.start - span.end <= 2))) continue;
    // Inside a name, or right after one ("U.S. forces", "SDF fighters"): the named actor stands for it;
    // not a name that only qualifies it ("U.S.-backed fighters").
    const head = start + m[1].length;
    if (mentionsNear(doc, span).some((x) => (x.start < span.end && span.start < x.end && !(x.end <= head && /-(?:backed|led|allied|aligned|supported|linked|trained)\s*$/.test(text.slice(x.start, head)))) || (x.end <= span.start && span.start - x.end <= 2 && /^[ \t]*$/.test(text.slice(x.end, span.start)) && ACTOR_KINDS.has(x.kind)))) continue;
    const name = text.slice(span.start, span.end).replace(/\s+/g, ' ');
    if (names.has(name.toLowerCase())) continue;
    let role = roleOf(doc, span) ?? victimRole(span) ?? nounTarget(span);
    if (!role) continue;
    if (role === 'attacker' && POST.test(name)) role = 'target';
    if (role === 'target' && ASSAILANT.test(name)) role = 'attacker';
    names.add(name.toLowerCase());
    actors.push({ name, role, span });
  }
  // A member noun beside its force in the same role is the force ("an army patrol ..., killing one soldier").
  return actors.filter((a) => a.entity !== undefined || !MEMBER_OF.some(([member, force]) => member.test(a.name) && actors.some((b) => b !== a && b.role === a.role && force.test(b.name) && !member.test(b.name))));

  /** "gunman Omar X opened fire", "X died in a shootout with police": a person as attacker or party to a fight. */
  function personRole(m: { start: number; end: number }): ActorRole | undefined {
    const before = text.slice(Math.max(0, m.start - 40), m.start);
    const after = text.slice(m.end, m.end + 80);
    if (ASSAILANT_BEFORE.test(before) || PERSON_ATTACK.test(after)) return 'attacker';
    if (FIGHT_AFTER.test(after) || FIGHT_BEFORE.test(text.slice(Math.max(0, m.start - 100), m.start))) return 'other';
    return undefined;
  }

  /** "a bomb exploded near an army patrol", "hit a police convoy": a group named after the blow's place word is its target. */
  function nounTarget(span: { start: number; end: number }): ActorRole | undefined {
    const before = text.slice(Math.max(0, span.start - 30), span.start);
    // "bombing suspects", "attack suspects": named after the blow, they are its authors.
    if (/\b(bombing|attack|shooting|stabbing|massacre)\s+$/i.test(before)) return 'attacker';
    // "the bombing of a police academy": what an attack is of, it is on.
    if (/\b(bombing|shelling|attack|assault|siege|storming|raid|bombardment|ambush)\s+of\s+(?:the\s+|an?\s+)?$/i.test(before)) return 'target';
    return /\b(near|at|on|against|targeting|targeted|hit|struck|attacked|ambushed|killing|killed|wounding)\s+(?:an?\s+|the\s+|\d+\s+|[a-z]+\s+)?$/i.test(before) ? 'target' : undefined;
  }

  /** Victims of a casualty claim in the passage (not civilians: ACLED codes those apart) are targets. */
  function victimRole(span: { start: number; end: number }): ActorRole | undefined {
    const { subjects, longest } = victimSubjects(doc);
    for (let k = lowerBound(subjects, span.start - longest, (x) => x.start); k < subjects.length && subjects[k].start <= span.start; k++) {
      if (span.end <= subjects[k].end) return 'target';
    }
    return undefined;
  }

  /** The token of a span whose head lies outside it (-1 without a usable tree). */
  function phraseHead(span: { start: number; end: number }): number {
    if (!syn) return -1;
    for (let k = tokenFrom(span.start); k < tokens.length && tokens[k].start < span.end; k++) {
      const up = syn.head[k];
      if (up < 0 || tokens[up].start < span.start || tokens[up].start >= span.end) return k;
    }
    return -1;
  }

  /** Token k is the head of token t, or its head's head, or one further up. */
  function governs(k: number, t: number): boolean {
    for (let up = syn!.head[t], hops = 0; up >= 0 && hops < 3; up = syn!.head[up], hops++) if (up === k) return true;
    return false;
  }

  /** The word a noun phrase (head t) hangs on, through its preposition, tells an attack. */
  function hangsOnAttack(t: number): boolean {
    let g = syn!.head[t];
    // Up through a coordination or an apposition ("on police and soldiers").
    for (let hops = 0; g >= 0 && hops < 2 && /^(?:conj|appos)$/.test(syn!.deprel[t]); hops++) { t = g; g = syn!.head[t]; }
    if (g < 0) return false;
    const w = text.slice(tokens[g].start, tokens[g].end);
    return ATTACK_VERB.test(w) || ATTACK_NOUN.test(w) || ATTACK_LEMMA.test(syn!.lemma[g] ?? '') || typesIn(w).some((c) => !NON_VIOLENT.has(c));
  }

  /** First token starting at or after an offset (binary search: tokens are in text order). */
  function tokenFrom(offset: number): number {
    return lowerBound(tokens, offset, (t) => t.start);
  }

  function roleOf(d: Document, m: { start: number; end: number; kind?: string }): ActorRole | undefined {
    const after = text.slice(m.end, m.end + 80);
    // The sides of a fight: "X clashed with Y", "a shootout with police", "clashes between X and Y".
    if (FIGHT_AFTER.test(after) || FIGHT_BEFORE.test(text.slice(Math.max(0, m.start - 100), m.start))) return 'other';
    // "X was blamed for the attack".
    if (/^\s+(?:was|were|is|are|has been|have been)\s+(?:widely\s+)?blamed\s+for\b/i.test(after)) return 'attacker';
    const i = tokenFrom(m.end);
    if (i >= tokens.length) return 'other';
    // "X launched ...", "X forces attacked ...", "U.S. drone strikes": within a few words after the name;
    // not a town's attack ("the Guildford pub bombings").
    const town = m.kind === 'organisation' && isTown(text.slice(m.start, m.end));
    const h = phraseHead(m);
    for (let k = i; k < Math.min(tokens.length, i + 4); k++) {
      const w = text.slice(tokens[k].start, tokens[k].end);
      // The attack word is the object of another verb after the name ("X called it an attack", "X
      // condemned the attack"): the attack is not the name's. (Only this much of the tree is asked: a
      // looser test fails on parses such as "U.S.-led" read as a verb.)
      if ((ATTACK_VERB.test(w) || ATTACK_NOUN.test(w)) && syn && h >= 0 && syn.head[k] > h && syn.head[k] < k && syn.upos[syn.head[k]] === 'VERB' && !governs(k, h)) continue;
      if (ATTACK_VERB.test(w)) return k > 0 && /^(was|were|been|being|is|are)$/i.test(text.slice(tokens[k - 1].start, tokens[k - 1].end)) ? 'target' : 'attacker';
      if (m.kind !== 'person' && !town && ATTACK_NOUN.test(w)) return 'attacker';
      if (/^[.;,]$/.test(w) || /^(said|says|told|and|of)$/i.test(w)) break;
    }
    // A person is an actor only as the one who attacks ("gunman Omar X opened fire"), not as the one
    // an attack is about or who speaks of it.
    if (m.kind === 'person') return undefined;
    const j = tokenFrom(m.start) - 1;
    const word = (k: number) => (k >= 0 ? d.text.slice(tokens[k].start, tokens[k].end) : '');
    for (let k = j; k >= Math.max(0, j - 3); k--) {
      const w = word(k);
      // "blamed on X", "blamed X for the attack", "accused X of".
      if (/^on$/i.test(w) && /^blamed$/i.test(word(k - 1))) return 'attacker';
      if (/^(blamed|blames|blaming|accused|accuses|accusing)$/i.test(w) && /^\s+(?:for|of)\b/i.test(after)) return 'attacker';
      // A new clause ("told reporters on Sunday that police were ..."): what lies before it is not about the name.
      if (/^(that|who|which|when|while|but|because|if)$/i.test(w)) break;
      // "attacks on X", "an assault against X": in the tree the phrase of "on" hangs on an attack word
      // ("the deportation inflicted on their neighbours" is not an attack).
      if (TARGET_BEFORE.test(w)) {
        if (/^(?:on|against)$/i.test(w) && syn && h >= 0 && !hangsOnAttack(h)) break;
        return 'target';
      }
      // "the bombing of X".
      if (/^of$/i.test(w) && k === j && /^(bombing|shelling|attack|assault|siege|storming|bombardment)$/i.test(word(k - 1))) return 'target';
      // The agent of an attack in the passive: "killed by X", "carried out by the X", "blamed on" is above.
      if (/^by$/i.test(w) && k >= j - 1 && (ATTACK_VERB.test(word(k - 1)) || /^(out|conducted|claimed|blamed|led)$/i.test(word(k - 1)))) return 'attacker';
      if (/^(backed|supporting|allied)$/i.test(w)) return 'ally';
      if (/^[.;,]$/.test(w)) break;
    }
    // Armed groups, organisations named as forces, and organisations whose fighters are named ("SDF
    // fighters") are parties to the incident even without a cue.
    if (m.kind === 'armed_group' || (m.kind === 'organisation' && /\b(Forces|Army|Militia|Brigades?|Front|Liberation)\b/.test(text.slice(m.start, m.end)))) return 'other';
    return m.kind === 'organisation' && !town && /^\s+(?:fighters|forces|militants|militia(?:men)?|gunmen|rebels|insurgents|troops)\b/i.test(after) ? 'other' : undefined;
  }
}

/** A further place of the same blow ("strikes targeted X, Y and Z") shares its parent's attackers. */
function withAttackers(parent: Actor[], own: Actor[]): Actor[] {
  const names = new Set(own.map((a) => a.name.toLowerCase()));
  return [...parent.filter((a) => a.role === 'attacker' && !names.has(a.name.toLowerCase())), ...own];
}

/** "U.S." alone names a state; with "forces" after it, the actor is the state's forces; "U.S.-led coalition" stays as written. */
function actorName(doc: Document, m: Mention): string {
  const led = /^-led\s+(coalition|forces|alliance|troops)\b/i.exec(doc.text.slice(m.end, m.end + 24));
  if (led) return `${m.text}-led ${led[1]}`;
  const after = /^\s*(forces|troops|army|military|police|government|soldiers)\b/i.exec(doc.text.slice(m.end, m.end + 20));
  const entity = doc.entities[m.entity];
  const name = entity?.name ?? m.text;
  return after ? `${name} ${after[1]}` : name;
}
