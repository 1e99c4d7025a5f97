// Incident stage: the incident the lede reports, plus any later paragraph reporting casualties at a place
// of its own (a wave of attacks told town by town); each with its
// type from our taxonomy, actors with roles, time and place from the when/where stages, the casualty
// claims, and per victim group the reconciled low/best/high (reconcile.ts). Fills doc.incidents.
import type { Document, Mention } from '../model/document.ts';
import type { Claim } from '../model/claim.ts';
import type { Actor, ActorRole, Incident } from '../model/incident.ts';
import { reconcile } from './reconcile.ts';
import { TAXONOMY } from './taxonomy.ts';

const REPORTING = new Set(['body', 'dateline', 'headline']);
const ATTACK_VERB = /^(attack(?:ed|s|ing)?|struck|strikes?|launched|bombed|shelled|raided|stormed|ambushed|fired|opened|killed|targeted|hit|seized|captured|claimed)$/i;
const TARGET_BEFORE = /^(on|against|targeting|at)$/i;
const ACTOR_KINDS = new Set(['armed_group', 'organisation', 'nationality', 'place', 'person']);

export function buildIncidents(doc: Document): void {
  const body = doc.sections.filter((s) => REPORTING.has(s.kind));
  if (!body.length) { doc.incidents = []; return; }
  // The main incident's text: the headline and the first two paragraphs of reporting, where the lede sits.
  const lede = body.slice(0, 3);
  const ledeText = lede.map((s) => doc.text.slice(s.start, s.end)).join('\n');
  const types = typesIn(ledeText);
  if (!types.length) { doc.incidents = []; return; }
  // An attack whose victims are all fighters is a battle in ACLED's terms, not violence against civilians.
  const victims = doc.claims.filter((c) => c.kind === 'casualties' && c.subject && c.start < (body[2]?.end ?? body[body.length - 1].end));
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
    const where = doc.places.find((p) => p.start >= section.start && p.end <= section.end && (p.precision ?? 3) <= 2 && p.lat !== undefined && (!p.incident || !placeInLede));
    const text = doc.text.slice(section.start, section.end);
    const sectionTypes = typesIn(text);
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
      actors: actorsIn(doc, section.start, section.end),
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
}

function typesIn(text: string): string[] {
  return TAXONOMY.filter((t) => t.triggers.test(text)).map((t) => t.code);
}

// Summaries of a war rather than reports of this incident: "the war has killed hundreds of thousands".
const BACKGROUND = /\b(ha(?:s|ve) (?:so far |now )?(?:killed|claimed the lives of|left)|ha(?:s|ve) (?:been )?(?:killed|died) since|since (?:the )?(?:start|beginning|outbreak)|since (?:19|20)\d\d|so far this year|toll since|over the (?:past|last) (?:\w+ )?(?:years|decades?|months))\b/i;

/** A claim about the past or the whole war, not the incident: a background sentence, or dated before the incident. */
function isBackground(doc: Document, c: Claim, incidentStart: string | undefined): boolean {
  const sentence = doc.sentences.find((s) => s.start <= c.start && s.end >= c.end);
  if (!sentence) return false;
  const text = doc.text.slice(sentence.start, sentence.end);
  if (BACKGROUND.test(text) && (c.kind !== 'casualties' || !doc.times.some((t) => t.incident && t.start >= sentence.start && t.end <= sentence.end))) return true;
  if (!incidentStart) return false;
  const cutoff = new Date(Date.parse(incidentStart) - 31 * 86400000).toISOString().slice(0, 10);
  return doc.times.some((t) => t.start >= sentence.start && t.end <= sentence.end && t.latest !== undefined && t.latest < cutoff);
}

/** Actors in the lede: the one before an attack verb attacks, the one after "on/against" is targeted. */
function actorsIn(doc: Document, from: number, to: number): Actor[] {
  const { text, tokens } = doc;
  const actors: Actor[] = [];
  const seen = new Set<number>();
  const mentions = doc.mentions.filter((m) => m.start >= from && m.end <= to && ACTOR_KINDS.has(m.kind));
  for (const m of mentions) {
    if (m.kind === 'person' && !doc.entities[m.entity]?.titles.length) continue;
    if (m.kind === 'place' && !/\b(forces|troops|army|military|police|government)\b/i.test(text.slice(m.end, m.end + 25))) continue;
    const role = roleOf(doc, m);
    if (!role || seen.has(m.entity)) continue;
    seen.add(m.entity);
    actors.push({ name: actorName(doc, m), role, entity: m.entity, span: { start: m.start, end: m.end } });
  }
  return actors;

  /** First token starting at or after an offset (binary search: tokens are in text order). */
  function tokenFrom(offset: number): number {
    let lo = 0, hi = tokens.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens[mid].start < offset) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function roleOf(d: Document, m: Mention): ActorRole | undefined {
    const i = tokenFrom(m.end);
    if (i >= tokens.length) return 'other';
    // "X launched ...", "X forces attacked ...": within a few words after the name.
    for (let k = i; k < Math.min(tokens.length, i + 4); k++) {
      const w = text.slice(tokens[k].start, tokens[k].end);
      if (ATTACK_VERB.test(w)) return 'attacker';
      if (/^[.;]$/.test(w)) break;
    }
    const j = tokenFrom(m.start) - 1;
    for (let k = j; k >= Math.max(0, j - 3); k--) {
      const w = d.text.slice(tokens[k].start, tokens[k].end);
      if (TARGET_BEFORE.test(w)) return 'target';
      if (/^(by|from)$/i.test(w)) return 'attacker';
      if (/^(with|backed|alongside|supporting)$/i.test(w)) return 'ally';
    }
    return m.kind === 'armed_group' ? 'other' : undefined;
  }
}

/** "U.S." alone names a state; with "forces" after it, the actor is the state's forces. */
function actorName(doc: Document, m: Mention): string {
  const after = /^\s*(forces|troops|army|military|police|government|soldiers)\b/i.exec(doc.text.slice(m.end, m.end + 20));
  const entity = doc.entities[m.entity];
  const name = entity?.name ?? m.text;
  return after ? `${name} ${after[1]}` : name;
}
