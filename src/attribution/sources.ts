// Turns the words naming a speaker into a Source: a person entity (titles come with it), a pronoun
// resolved to the last person speaking, an anonymous source with its affiliation, a medium, an
// institution or a person known only by role.
import type { Document, Mention, Span } from '../model/document.ts';
import type { Source } from '../model/source.ts';
import { ANONYMOUS_HEADS, MEDIA_WORDS } from './cues.ts';

export interface SourceContext {
  doc: Document;
  lastPerson: Source | undefined;
  anonymous: Map<string, Source>;
}

const INSTITUTION = /\b(ministry|army|military|government|police|coalition|command|agency|authorities|group|observatory|monitor|council|office|department|embassy|forces|administration|statement|letter|report|campaign|court|prosecutors?|hospital|committee|commission|mission)\b/i;
const PERSON_ROLE = /\b(commander|spokes(?:man|woman|person)|minister|witness(?:es)?|residents?|doctors?|medics?|officers?|soldiers?|fighters?|activists?|analysts?|experts?|governor|mayor|chief|leader|president|secretary|ambassador|envoy|general|colonel|captain|farmer|shopkeeper|survivor|mother|father|relative|neighbou?r|man|woman|victim|lawmaker|senator|director|head|worker|teacher|student|driver|journalist|reporter|correspondent)s?\b/i;
const LEADING = /^(?:(?:but|and|yet|so|then|however|meanwhile|also|later|earlier|separately|still|instead|now|today|yesterday|on \w+day),?\s+)+/i;
const DETERMINER = /^(?:a|an|the|one|another|two|three|several|some|many)\s+/i;
const TRAILING = /\s+(?:on condition of anonymity|speaking on condition.*|who .*|speaking .*|in a statement.*|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday).*|,.*)$/i;

function mentionsIn(doc: Document, span: Span): Mention[] {
  return doc.mentions.filter((m) => m.start >= span.start && m.end <= span.end);
}

export function resolveSource(ctx: SourceContext, span: Span): Source | undefined {
  const { doc } = ctx;
  const raw = doc.text.slice(span.start, span.end);
  if (raw.length > 120) return undefined;
  const lower = raw.toLowerCase().replace(LEADING, '');
  // Pronouns: the last person who spoke, else the last person named before this point.
  if (/^(he|she)$/.test(lower)) {
    const person = ctx.lastPerson ?? lastPersonBefore(doc, span.start);
    return person ? { ...person, span } : undefined;
  }
  if (/^(they|it|we|i|this|that|there|which|who)$/.test(lower)) return undefined;

  const mentions = mentionsIn(doc, span);
  const person = mentions.filter((m) => m.kind === 'person').pop();
  const anonymous = !person && ANONYMOUS_HEADS.test(raw);
  let name = raw.replace(LEADING, '').replace(TRAILING, '').replace(DETERMINER, '').trim();
  if (name.length < 2) return undefined;

  // "a commander in the alliance supporting Assad": a name inside a description headed by a role is not the speaker.
  if (person && !anonymous && leadsChunk(doc, span, person)) {
    const entity = doc.entities[person.entity];
    const source: Source = { kind: 'named', name: entity?.name ?? person.text, entity: person.entity, span: { start: person.start, end: person.end } };
    ctx.lastPerson = source;
    return source;
  }
  const media = mentions.find((m) => m.kind === 'media');
  if (media || (MEDIA_WORDS.test(raw) && !anonymous)) {
    return { kind: 'media', name, ...(media ? { entity: media.entity } : {}), span };
  }
  if (anonymous) {
    const affiliation = mentions.find((m) => m.kind === 'nationality' || m.kind === 'place' || m.kind === 'organisation' || m.kind === 'armed_group');
    const key = name.toLowerCase();
    const known = ctx.anonymous.get(key);
    if (known) return { ...known, span };
    const source: Source = { kind: 'anonymous', name, span, ...(affiliation ? { affiliation: affiliation.text } : {}) };
    ctx.anonymous.set(key, source);
    return source;
  }
  // An untagged surname of a person the document has named: "Beltrami added".
  if (!person && !anonymous && /^[\p{Lu}][\p{L}'’-]+$/u.test(name)) {
    const known = doc.entities.find((e) => e.kind === 'person' && (e.aliases.includes(name) || e.name.endsWith(' ' + name)));
    if (known) {
      const source: Source = { kind: 'named', name: known.name, entity: known.id, span };
      ctx.lastPerson = source;
      return source;
    }
  }
  const org = mentions.find((m) => m.kind === 'organisation' || m.kind === 'armed_group' || m.kind === 'place');
  if (PERSON_ROLE.test(name) && !INSTITUTION.test(name.split(/\s+/).pop() ?? '')) {
    const source: Source = { kind: 'named_role', name, span };
    ctx.lastPerson = source;
    return source;
  }
  if (org || INSTITUTION.test(name)) return { kind: 'organisation', name: org && org.end - org.start >= name.length - 4 ? doc.entities[org.entity]?.name ?? name : name, ...(org ? { entity: org.entity } : {}), span };
  return undefined;
}

/** The person mention heads the chunk: only capitalised words (titles, names) or determiners precede it. */
function leadsChunk(doc: Document, span: Span, person: Mention): boolean {
  const before = doc.text.slice(span.start, person.title?.start ?? person.start).replace(LEADING, '').trim();
  return before.split(/\s+/).filter(Boolean).every((w) => /^(a|an|the|by)$/i.test(w) || /^[\p{Lu}\p{N}]/u.test(w) || /['’]s$/.test(w));
}

function lastPersonBefore(doc: Document, offset: number): Source | undefined {
  for (let i = doc.mentions.length - 1; i >= 0; i--) {
    const m = doc.mentions[i];
    if (m.start < offset && m.kind === 'person') {
      return { kind: 'named', name: doc.entities[m.entity]?.name ?? m.text, entity: m.entity, span: { start: m.start, end: m.end } };
    }
  }
  return undefined;
}
