// Turns the words naming a speaker into a Source: a person entity (titles come with it), a pronoun
// resolved to the last person speaking, an anonymous source with its affiliation, a medium, an
// institution or a person known only by role.
import type { Document, Mention, Span } from '../model/document.ts';
import { lastStartingAtOrBefore, lowerBound } from '../model/search.ts';
import type { Source } from '../model/source.ts';
import { DEMONYM_SET } from '../entities/lexicons.ts';
import { ANONYMOUS_HEADS, MEDIA_WORDS } from './cues.ts';

export interface SourceContext {
  doc: Document;
  lastPerson: Source | undefined;
  /** The last institution or medium that spoke: what "it said" points to. */
  lastOrg?: Source;
  /** The last source that is several people or a body ("officials", "witnesses", "the police"): "they said". */
  lastGroup?: Source;
  /** The fullest name an institution has had as a source ("Syrian Defence Ministry"), reused for it. */
  orgNames?: Map<number, string>;
  anonymous: Map<string, Source>;
  /** Whether an offset lies inside a direct quote (names quoted are not the ones a pronoun outside points to). */
  quoted?: (offset: number) => boolean;
}

const INSTITUTION = /\b(ministry|army|military|government|police|coalition|command|agency|authorities|group|observatory|monitor|council|office|department|embassy|forces|administration|statement|letter|report|campaign|court|prosecutors?|hospital|committee|commission|mission|bank|company|firm|party|union|parliament|senate|congress|university|institute|foundation|charity|federation|alliance|movement|militia|brigade|battalion|regiment|tribunal|board|bureau|service|directorate|cabinet|presidency|organi[sz]ation|network|channel|newspaper|team|poll|survey|study|investigation|inquiry|review|analysis|audit|statistics|figures|data|records|estimates|journal|census|assessment|findings|video|footage|images|transcript|recording|slide|panel)s?\b/i;
const PERSON_ROLE = /\b(commander|spokes(?:man|woman|person)|minister|witness(?:es)?|residents?|doctors?|medics?|officers?|soldiers?|fighters?|activists?|analysts?|experts?|governor|mayor|chief|leader|president|secretary|ambassador|envoy|general|colonel|captain|farmer|shopkeeper|survivor|mother|father|relative|neighbou?r|man|woman|victim|lawmaker|senator|director|head|worker|teacher|student|driver|journalist|reporter|correspondent|speaker|voice|narrator|announcer|nominee|candidate|chair(?:man|woman)|lawyer|attorney|prosecutor|professor|historian|economist|nurse|paramedic|firefighter|eyewitness|bystander|owner|manager|pilot|guard|detective|investigator|inspector|police(?:wo)?man|sergeant|constable|superintendent|lieutenant|medic|surgeon|rebel|militant|insurgent|protester|demonstrator|villager|troop|member|volunteer|local|refugee|civilian|parent|employee|voter|supporter|opponent|critic|organi[sz]er|negotiator|mediator|observer|rescuer|aide|adviser|advisor|diplomat|delegate|legislator|representative|staffer|official|judge|democrat|republican|conservative|liberal|insider|family|families)s?\b/i;
const LEADING = /^(?:(?:but|and|yet|so|then|however|meanwhile|also|later|earlier|separately|still|instead|now|today|yesterday|on \w+day|with),?\s+)+/i;
/** The document or count a source speaks through: "reports logged by the Bureau", "figures released by the ministry". */
const CARRIER = /^(?:(?:the|a|an)\s+)?(?:reports?|figures|data|estimates?|statements?|tall(?:y|ies)|counts?|records|documents?)\s+(?:(?:\w+ed|\w+en)\s+by|from|by)\s+(?=\S)/i;
const DETERMINER = /^(?:(?:one|some|many|two|three|several|most|all|each|none|either|neither) of (?:the|its|their|his|her|our)\s+|(?:a|an|the|one|another|two|three|several|some|many)\s+)/i;
const TRAILING = /\s+(?:on condition of anonymity|speaking on condition.*|who .*|speaking .*|in a statement.*|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday).*|,.*)$/i;

/** Mentions inside the span, leaving out what stands in brackets ("Chris Christie (R)"). Mentions are in text order: a bisection finds them. */
function mentionsIn(doc: Document, span: Span): Mention[] {
  const raw = doc.text.slice(span.start, span.end);
  const brackets: [number, number][] = [];
  for (const m of raw.matchAll(/\([^()]{0,40}\)/g)) brackets.push([span.start + m.index!, span.start + m.index! + m[0].length]);
  const out: Mention[] = [];
  for (let i = lowerBound(doc.mentions, span.start, (m) => m.start); i < doc.mentions.length && doc.mentions[i].start < span.end; i++) {
    const m = doc.mentions[i];
    if (m.end <= span.end && !brackets.some(([x, y]) => m.start >= x && m.end <= y)) out.push(m);
  }
  return out;
}

/**
 * Lookups over a document's entities and mentions, built once per document on first use, so that resolving
 * a speaker costs the same on page 300 as on page 1.
 */
interface Index {
  /** Person entities by each word-boundary suffix of their name ("Bill de Blasio": "de Blasio", "Blasio") and by alias; the first entity wins. */
  personBySuffix: Map<string, number>;
  personByAlias: Map<string, number>;
  /** For each mention index, the latest person mention at or before it (-1 when none). */
  lastPerson: Int32Array;
  /** Institutions (organisation, armed group, medium; names of two words or more) by their name's last word, lower-cased: their mention indices in text order. */
  orgMentionsByHead: Map<string, number[]>;
  /** For each sentence, the index of its first person mention outside quotes (-1 when none); filled on demand. */
  firstPerson: Map<number, number>;
}
const indexes = new WeakMap<Document, Index>();
function indexOf(doc: Document): Index {
  let ix = indexes.get(doc);
  if (ix) return ix;
  const personBySuffix = new Map<string, number>(), personByAlias = new Map<string, number>();
  for (const e of doc.entities) {
    if (e.kind !== 'person') continue;
    for (let k = e.name.indexOf(' '); k >= 0; k = e.name.indexOf(' ', k + 1)) { const key = e.name.slice(k + 1); if (!personBySuffix.has(key)) personBySuffix.set(key, e.id); }
    for (const a of e.aliases) if (!personByAlias.has(a)) personByAlias.set(a, e.id);
  }
  const lastPerson = new Int32Array(doc.mentions.length);
  const orgMentionsByHead = new Map<string, number[]>();
  let last = -1;
  doc.mentions.forEach((m, i) => {
    if (m.kind === 'person') last = i;
    lastPerson[i] = last;
    const e = doc.entities[m.entity];
    if (ORG_KINDS.has(m.kind) && e && e.name.includes(' ')) {
      const head = e.name.toLowerCase().split(/\s+/).pop()!;
      const list = orgMentionsByHead.get(head);
      if (list) list.push(i); else orgMentionsByHead.set(head, [i]);
    }
  });
  ix = { personBySuffix, personByAlias, lastPerson, orgMentionsByHead, firstPerson: new Map() };
  indexes.set(doc, ix);
  return ix;
}

/** The first person entity (in entity order) whose name ends in " " + name, or undefined. */
function personEndingIn(doc: Document, name: string): number | undefined {
  return indexOf(doc).personBySuffix.get(name);
}

const FEMALE = /\b(she|spokeswoman|woman|mother|wife|daughter|sister|girl|chairwoman|mrs|ms|madam|grandmother|aunt|widow)\b/i;
const MALE = /\b(he|spokesman|man|father|husband|son|brother|boy|chairman|mr|sir|grandfather|uncle|widower)\b/i;
/** A source a pronoun cannot point to: "she" and "the spokesman". */
function genderClash(doc: Document, pronoun: string, source: Source, title?: string): boolean {
  const desc = source.name + ' ' + (title ?? '');
  return pronoun === 'she' ? MALE.test(desc) && !FEMALE.test(desc) : FEMALE.test(desc) && !MALE.test(desc);
}

/** The named person the words stand for: a longer entity when the tagger split the name ("Blasio" -> "Bill de Blasio"). */
function personNamed(doc: Document, m: Mention): Source {
  let entity = doc.entities[m.entity];
  if (entity && !/\s/.test(entity.name)) {
    const full = personEndingIn(doc, entity.name);
    if (full !== undefined) entity = doc.entities[full];
  }
  return { kind: 'named', name: entity?.name ?? m.text, entity: entity?.id ?? m.entity, span: { start: m.start, end: m.end } };
}

/** The last person named inside the span, if any ("the voice on the recording, said to be that of <name>"). */
export function personSource(ctx: SourceContext, span: Span): Source | undefined {
  const person = mentionsIn(ctx.doc, span).filter((m) => m.kind === 'person').pop();
  if (!person) return undefined;
  const source = personNamed(ctx.doc, person);
  ctx.lastPerson = source;
  return source;
}

export function resolveSource(ctx: SourceContext, span: Span): Source | undefined {
  const { doc } = ctx;
  const raw = doc.text.slice(span.start, span.end);
  if (raw.length > 120) return undefined;
  const lower = raw.toLowerCase().replace(LEADING, '');
  // Pronouns: the last person who spoke, else the last person named before this point.
  if (/^(he|she)$/.test(lower)) {
    let person = ctx.lastPerson && !genderClash(doc, lower, ctx.lastPerson) ? ctx.lastPerson : undefined;
    // A person introduced as a sentence's first name after the last speaker is who "she said" points to.
    const subject = subjectBefore(ctx, span.start, lower);
    if (subject && (!person || (subject.span?.start ?? 0) > (person.span?.start ?? 0))) person = subject;
    person ??= lastPersonBefore(doc, span.start);
    if (person) ctx.lastPerson = person;
    return person ? { ...person, span } : undefined;
  }
  // "It said": the institution that spoke last, else the last one named shortly before.
  if (lower === 'it') {
    const org = ctx.lastOrg ?? lastOrganisationBefore(doc, span.start);
    return org ? { ...org, span } : undefined;
  }
  // "They said": the group that spoke last, when one spoke in this or the previous two sentences.
  if (lower === 'they') {
    const group = ctx.lastGroup;
    return group?.span && span.start - group.span.end < 400 ? { ...group, span } : undefined;
  }
  if (/^(we|i|this|that|there|which|who)$/.test(lower)) return undefined;

  const mentions = mentionsIn(doc, span);
  const person = mentions.filter((m) => m.kind === 'person').pop();
  const anonymous = !person && ANONYMOUS_HEADS.test(raw);
  let name = raw.replace(LEADING, '').replace(CARRIER, '').replace(TRAILING, '').replace(/\s*\([^()]{1,12}\)$/, '').replace(DETERMINER, '').trim();
  if (name.length < 2) return undefined;

  // "Mr. Grassley and Mr. Leahy said": two named people speak together.
  const people = mentions.filter((m) => m.kind === 'person');
  if (people.length === 2 && /^\s*(?:and|&)\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?$/.test(doc.text.slice(people[0].end, people[1].title?.start ?? people[1].start)) && !anonymous) {
    const [x, y] = people.map((m) => personNamed(doc, m));
    return { kind: 'named', name: `${x.name} and ${y.name}`, span };
  }
  // "a commander in the alliance supporting Assad": a name inside a description headed by a role is not the speaker.
  if (person && !anonymous && leadsChunk(doc, span, person) && headsChunk(doc, span, person)) {
    const source = personNamed(doc, person);
    ctx.lastPerson = source;
    return source;
  }
  const media = mentions.find((m) => m.kind === 'media');
  if (media || (MEDIA_WORDS.test(raw) && !anonymous)) {
    const source: Source = { kind: 'media', name, ...(media ? { entity: media.entity } : {}), span };
    ctx.lastOrg = source;
    return source;
  }
  if (anonymous) {
    const affiliation = mentions.find((m) => m.kind === 'nationality' || m.kind === 'place' || m.kind === 'organisation' || m.kind === 'armed_group');
    const key = name.toLowerCase();
    const known = ctx.anonymous.get(key);
    if (known) return { ...known, span };
    const source: Source = { kind: 'anonymous', name, span, ...(affiliation ? { affiliation: affiliation.text } : {}) };
    ctx.anonymous.set(key, source);
    if (PLURAL_HEAD.test(name)) ctx.lastGroup = source;
    return source;
  }
  // An untagged surname of a person the document has named: "Beltrami added".
  if (!person && !anonymous && /^(?:(?:de|da|di|du|van|von|der|al|el|bin|ben|abu|le|la)[\s-])?[\p{Lu}][\p{L}'’-]+$/u.test(name)) {
    const ix = indexOf(doc);
    const byAlias = ix.personByAlias.get(name), bySuffix = ix.personBySuffix.get(name);
    // The first person entity that has the name as an alias or ends in it.
    const id = byAlias === undefined ? bySuffix : bySuffix === undefined ? byAlias : Math.min(byAlias, bySuffix);
    const known = id === undefined ? undefined : doc.entities[id];
    if (known) {
      const source: Source = { kind: 'named', name: known.name, entity: known.id, span };
      ctx.lastPerson = source;
      return source;
    }
  }
  // "Many Syrians say": people named by their nationality speak as a group.
  const lastWord = name.split(/\s+/).pop()!;
  if (!person && /s$/.test(lastWord) && DEMONYM_SET.has(lastWord.slice(0, -1).toLowerCase())) {
    const source: Source = { kind: 'named_role', name, span };
    ctx.lastGroup = source;
    return source;
  }
  const org = mentions.find((m) => m.kind === 'organisation' || m.kind === 'armed_group' || m.kind === 'place');
  // The head of a description stands before its affiliation: "doctor X from the town hospital" is a person.
  const head = name.split(/\s+(?:from|of|at|in|for|with|on)\s+/i)[0];
  if (PERSON_ROLE.test(head) && !INSTITUTION.test(head.split(/\s+/).pop() ?? '')) {
    const source: Source = { kind: 'named_role', name, span };
    if (PLURAL_HEAD.test(head)) ctx.lastGroup = source;
    else ctx.lastPerson = source;
    return source;
  }
  // "The ministry said": the institution of that kind the story named before ("the Defence Ministry").
  const bare = name.toLowerCase().replace(/^(?:the|its|their)\s+/, '');
  if (!org && /^[a-z]+$/.test(bare)) {
    const named = entityHeadedBy(doc, bare, span.start);
    if (named) {
      const source: Source = { kind: named.kind === 'media' ? 'media' : 'organisation', name: institutionName(ctx, named.id, named.name), entity: named.id, span };
      ctx.lastOrg = source;
      return source;
    }
  }
  // The institution word heads the description: "the ministry of defence", not "a spate of police shootings".
  if (org || INSTITUTION.test(head)) {
    const shown = org && org.end - org.start >= name.length - 4 ? doc.entities[org.entity]?.name ?? name : name;
    const source: Source = { kind: 'organisation', name: org ? institutionName(ctx, org.entity, shown) : shown, ...(org ? { entity: org.entity } : {}), span };
    ctx.lastOrg = source;
    if (PLURAL_HEAD.test(name)) ctx.lastGroup = source;
    return source;
  }
  return undefined;
}

const ORG_KINDS = new Set(['organisation', 'armed_group', 'media']);

/** One institution, one name across its statements: the fullest one it has been given as a source. */
function institutionName(ctx: SourceContext, entity: number, name: string): string {
  ctx.orgNames ??= new Map();
  const known = ctx.orgNames.get(entity);
  if (!known || name.length > known.length) { ctx.orgNames.set(entity, name); return name; }
  return known;
}
/** A description of several people or a body that "they" can stand for. */
const PLURAL_HEAD = /\b(officials|authorities|police|witnesses|residents|activists|doctors|medics|rescuers|sources|officers|soldiers|fighters|commanders|leaders|militants|rebels|insurgents|protesters|demonstrators|troops|members|volunteers|refugees|civilians|monitors|investigators|prosecutors|villagers|survivors|relatives|families|workers|analysts|experts|diplomats|lawmakers|ministers|spokesmen|spokespeople|people|employees|voters|supporters|critics|observers|aides)\b/i;

/** The last organisation, armed group or medium named within a few sentences before an offset. */
function lastOrganisationBefore(doc: Document, offset: number): Source | undefined {
  for (let i = lowerBound(doc.mentions, offset, (m) => m.start) - 1; i >= 0; i--) {
    const m = doc.mentions[i];
    if (m.end > offset) continue;
    if (offset - m.end > 400) break;
    if (!ORG_KINDS.has(m.kind)) continue;
    const e = doc.entities[m.entity];
    return { kind: m.kind === 'media' ? 'media' : 'organisation', name: e?.name ?? m.text, entity: m.entity, span: { start: m.start, end: m.end } };
  }
  return undefined;
}

/** The latest institution named before an offset whose name ends in the noun ("ministry" -> "Syrian Defence Ministry"). */
function entityHeadedBy(doc: Document, noun: string, offset: number): { id: number; name: string; kind: string } | undefined {
  const list = indexOf(doc).orgMentionsByHead.get(noun);
  if (!list) return undefined;
  // The latest such mention ending at or before the offset (mentions start in order; one may start before and end after).
  for (let k = lowerBound(list, offset, (i) => doc.mentions[i].start) - 1; k >= 0; k--) {
    const m = doc.mentions[list[k]];
    if (m.end <= offset) return doc.entities[m.entity];
  }
  return undefined;
}

/**
 * The person mention heads the chunk: titles, roles and determiners may precede it ("Democratic presidential
 * nominee X"), a preposition may not ("a commander in the alliance supporting X").
 */
function leadsChunk(doc: Document, span: Span, person: Mention): boolean {
  const before = doc.text.slice(span.start, person.title?.start ?? person.start).replace(LEADING, '').trim();
  return before.split(/\s+/).filter(Boolean).every((w) => !PREPOSITION.test(w) && !/^(who|which|that|and|or|but)$/i.test(w));
}
const PREPOSITION = /^(in|of|for|with|from|at|on|to|near|supporting|backing|against|about|under|like|over|behind|into|during|after|before|through|across|among|between|without|within|outside|inside|close|allied|loyal|linked)$/i;

/** Nothing but brackets, a possessive-free end or an aside follows the name: "the Obama administration" is headed by "administration". */
function headsChunk(doc: Document, span: Span, person: Mention): boolean {
  const after = doc.text.slice(person.end, span.end).replace(/\([^()]*\)/g, ' ').replace(TRAILING, '').trim();
  return !after.split(/\s+/).filter(Boolean).some((w) => /^\p{Ll}/u.test(w) && !/^(jr|sr|himself|herself|also)\.?$/i.test(w) || /^['’]s$/.test(w));
}

/** The first person named in a recent sentence, outside quotes, before an offset: who a pronoun most likely points to. */
function subjectBefore(ctx: SourceContext, offset: number, pronoun: string): Source | undefined {
  const { doc } = ctx;
  const sentenceOf = (x: number) => Math.max(0, lastStartingAtOrBefore(doc.sentences, x));
  const here = sentenceOf(offset);
  const ix = indexOf(doc);
  // This sentence and the two before it, latest first: the first person of each, if named before the offset.
  for (let s = here; s >= 0 && here - s <= 2; s--) {
    let first = ix.firstPerson.get(s);
    if (first === undefined) {
      first = -1;
      const end = s + 1 < doc.sentences.length ? doc.sentences[s + 1].start : Infinity;
      for (let j = lowerBound(doc.mentions, doc.sentences[s].start, (m) => m.start); j < doc.mentions.length && doc.mentions[j].start < end; j++) {
        if (doc.mentions[j].kind === 'person' && !ctx.quoted?.(doc.mentions[j].start)) { first = j; break; }
      }
      ix.firstPerson.set(s, first);
    }
    if (first < 0 || doc.mentions[first].start >= offset) continue;
    const m = doc.mentions[first];
    const source = personNamed(doc, m);
    if (genderClash(doc, pronoun, source, m.title?.text)) continue;
    return source;
  }
  return undefined;
}

function lastPersonBefore(doc: Document, offset: number): Source | undefined {
  const k = lowerBound(doc.mentions, offset, (m) => m.start) - 1;
  const i = k >= 0 ? indexOf(doc).lastPerson[k] : -1;
  if (i < 0) return undefined;
  const m = doc.mentions[i];
  return { kind: 'named', name: doc.entities[m.entity]?.name ?? m.text, entity: m.entity, span: { start: m.start, end: m.end } };
}
