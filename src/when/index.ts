// When stage: time expressions normalised against the publication date. chrono-node finds and reads
// most expressions; our refiners (refiners.ts) apply news usage chrono gets wrong or misses: weekdays are
// the latest such day on or before publication, "overnight" spans two dates, bare years, durations,
// "this week", "last year" as a whole year. One expression is flagged as dating the incident.
import { CUE_VERBS } from '../attribution/cues.ts';
import type { ParsedResult } from 'chrono-node';
import type { Document, Span } from '../model/document.ts';
import { lastStartingAtOrBefore } from '../model/search.ts';
import type { TimeExpression } from '../model/where-when.ts';
import { addDays, fromIso, iso, refine, type Resolved } from './refiners.ts';
import { ANAPHORIC, durations, extraExpressions, quarterComparisons } from './parsers.ts';
import { CHRONO } from './chrono.ts';

const BACKGROUND_SECTIONS = new Set(['caption', 'credit', 'byline', 'dateline']);
/** Up to three words before an expression that make it the date of a statement ("tweeted early Sunday"). */
const SPEECH_BEFORE = /\b([a-z]+)\s+(?:(?:on|early|late|reporters|journalists|in a statement|\w+ night)\s+){0,2}$/i;
const SPEECH_AFTER = /^\s*(?:,\s*)?(?:said|told|announced|stated|added|warned|declared)\b/i;

const EVENT_RELATIVE = /\b(?:seconds?|minutes?|hours?)\s+(?:later|after|afterwards|earlier|before)\b/i;

/** At most this many time expressions per document: far above any article (a long report has a few hundred). */
export const MAX_TIMES = 5000;

export function resolveTimes(doc: Document): void {
  const published = doc.meta.published ? fromIso(doc.meta.published.slice(0, 10)) : undefined;
  // Without a publication date chrono would anchor on today's date: only absolute dates are read then.
  const instant = published ?? new Date(Date.UTC(2000, 0, 1, 12));
  const found: TimeExpression[] = [];
  // Characters already read as a time expression: a later reader skips what overlaps them (linear on a
  // long page, where a list of spans to search grew quadratic).
  const covered = new Uint8Array(doc.text.length + 1);
  const take = (s: Span) => covered.fill(1, s.start, s.end);
  const overlaps = (s: Span) => { for (let i = s.start; i < s.end; i++) if (covered[i]) return true; return false; };

  // "The next day", "a day later": dated from another date in the text, resolved once the others are.
  const anaphors: { time: TimeExpression; days: number; fromIncident: boolean }[] = [];
  // Each reader stops once the document holds MAX_TIMES expressions (hostile text: "12:30 " a million
  // characters long is 166,000 of them); a message says so.
  const full = () => found.length >= MAX_TIMES;
  ANAPHORIC.lastIndex = 0;
  for (let m: RegExpExecArray | null; !full() && (m = ANAPHORIC.exec(doc.text)) !== null; ) {
    const span = { start: m.index, end: m.index + m[0].length };
    const count = m[4] ? (/^\d+$/.test(m[4]) ? +m[4] : NUMBER_WORDS[m[4].toLowerCase()]) : 1;
    // "a week later": seven days after the date just told.
    const n = /^week/i.test(m[5] ?? '') ? count * 7 : count;
    const back = /^(previous|preceding)$/i.test(m[1] ?? '') || /^before$/i.test(m[3] ?? '') || /^(earlier|before)$/i.test(m[6] ?? '');
    // "three days after the bombing" counts from the incident; "a day later" from the date just told.
    const fromIncident = /^(after|before)$/i.test(m[6] ?? '') && /^\s+the\s+[a-z]/i.test(doc.text.slice(span.end, span.end + 20));
    const time: TimeExpression = { ...span, text: m[0], type: 'DATE' };
    found.push(time);
    take(span);
    anaphors.push({ time, days: back ? -n : n, fromIncident });
  }
  for (const x of quarterComparisons(doc.text, published)) { if (full()) break; push(x.span, x.resolved); }
  for (const x of durations(doc.text)) { if (full()) break; if (!overlaps(x.span)) push(x.span, x.resolved); }
  for (const r of chronoBySection(doc, instant, () => full())) {
    if (full()) break;
    const span = { start: r.index, end: r.index + r.text.replace(/[\s,.;:]+$/, '').length };
    if (overlaps(span)) continue;
    const resolved = refine(r, doc.text, published);
    if (!resolved) continue;
    // "14 seconds later", "two hours after": counted from an event the text tells, not from publication.
    if (EVENT_RELATIVE.test(r.text)) { found.push({ ...span, text: doc.text.slice(span.start, span.end), type: 'TIME' }); take(span); continue; }
    // Without a publication date only a date that gives its year is read: chrono would fill in the
    // rest from an arbitrary instant ("the year", "21 July").
    if (!published && (resolved.relative || !/\b\d{4}\b/.test(r.text))) {
      found.push({ ...span, text: doc.text.slice(span.start, span.end), type: resolved.type });
      take(span);
      continue;
    }
    push(span, resolved);
  }
  for (const x of extraExpressions(doc.text, published)) {
    if (full()) break;
    if (overlaps(x.span)) continue;
    if (!published && x.resolved.relative) {
      found.push({ ...x.span, text: doc.text.slice(x.span.start, x.span.end), type: x.resolved.type });
      continue;
    }
    push(x.span, x.resolved);
  }
  function push(span: Span, r: Resolved) {
    // TimeML spans leave out the preposition: "on Thursday" -> "Thursday".
    const lead = /^(?:on|in|at|by|since|from|during|until|of)\s+/i.exec(doc.text.slice(span.start, span.end));
    if (lead && lead[0].length < span.end - span.start) span = { start: span.start + lead[0].length, end: span.end };
    take(span);
    found.push({
      ...span, text: doc.text.slice(span.start, span.end), type: r.type,
      ...(r.earliest ? { earliest: iso(r.earliest), latest: iso(r.latest ?? r.earliest) } : {}),
      ...(r.precision ? { precision: r.precision } : {}),
      ...(r.value ? { value: r.value } : {}),
    });
  }
  found.sort((a, b) => a.start - b.start);
  if (full()) doc.messages.push({ code: 'times-capped', severity: 'warning', text: `time expressions not all read: a document keeps at most ${MAX_TIMES.toLocaleString('en')}` });

  if (!published && found.some((t) => !t.earliest && t.type !== 'DURATION')) {
    doc.messages.push({ code: 'no-publication-date', severity: 'warning', text: 'no publication date: relative time expressions are left unresolved' });
  }
  flagIncidentTime(doc, found, published);
  resolveAnaphors(doc, found, anaphors);
  doc.times = found;
}

/**
 * chrono over each section, offsets moved to the document's. One call over a whole long page went
 * quadratic: a chrono refiner matches a pattern against all the text before each result. A section
 * longer than CHRONO_PIECE is read in pieces of whole sentences (a sentence longer than that, as in
 * hostile text, in pieces cut at a space): chrono's cost grows faster than its input on long runs of
 * numbers ("12 12 12 ..." took minutes per megabyte), and no time expression spans sentences.
 */
function* chronoBySection(doc: Document, instant: Date, enough: () => boolean): Generator<ParsedResult> {
  const parts = doc.sections.length ? doc.sections : [{ start: 0, end: doc.text.length }];
  for (const part of parts) {
    for (const piece of chronoPieces(doc, part)) {
      if (enough()) return;
      for (const r of CHRONO.parse(doc.text.slice(piece.start, piece.end), { instant, timezone: 0 }, { forwardDate: false })) {
        (r as { index: number }).index += piece.start; // chrono types it read-only; it is a plain field
        yield r;
      }
    }
  }
}

/** The longest text one chrono call reads. */
export const CHRONO_PIECE = 2000;

/** A section as pieces of at most CHRONO_PIECE characters, cut between sentences, else at a space. */
export function chronoPieces(doc: Pick<Document, 'text' | 'sentences'>, part: Span): Span[] {
  if (part.end - part.start <= CHRONO_PIECE) return [part];
  const pieces: Span[] = [];
  // Sentence ends inside the section, in order (sentences are sorted by start).
  const ends: number[] = [];
  for (let k = lastStartingAtOrBefore(doc.sentences, part.start); k < doc.sentences.length; k++) {
    const s = doc.sentences[k];
    if (!s || s.end <= part.start) continue;
    if (s.start >= part.end) break;
    if (s.end < part.end) ends.push(s.end);
  }
  let start = part.start;
  let e = 0;
  while (part.end - start > CHRONO_PIECE) {
    // The last sentence end within reach, else a space near the limit, else the limit itself.
    while (e < ends.length && ends[e] <= start) e++;
    let cut = -1;
    while (e < ends.length && ends[e] - start <= CHRONO_PIECE) cut = ends[e++];
    if (cut < 0) {
      const space = doc.text.lastIndexOf(' ', start + CHRONO_PIECE);
      cut = space > start + CHRONO_PIECE / 2 ? space : start + CHRONO_PIECE;
    }
    pieces.push({ start, end: cut });
    start = cut;
  }
  pieces.push({ start, end: part.end });
  return pieces;
}

/** The section holding an offset (sections are sorted and do not overlap). */
function sectionAt(doc: Document, offset: number): Document['sections'][number] | undefined {
  const s = doc.sections[lastStartingAtOrBefore(doc.sections, offset)];
  return s && offset <= s.end ? s : undefined;
}

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };

/**
 * "The next day" is the day after the last day-precise date told before it in the same paragraph, or
 * after the incident's date when the paragraph tells none; "three days after the bombing" counts from
 * the incident. Works without a publication date when the text gives the anchor.
 */
function resolveAnaphors(doc: Document, times: TimeExpression[], anaphors: { time: TimeExpression; days: number; fromIncident: boolean }[]): void {
  const incident = times.find((t) => t.incident && t.precision === 1 && t.earliest === t.latest);
  const days = new Map(anaphors.map((a) => [a.time, a]));
  // One pass in text order, keeping the last day-precise date of the current paragraph (a resolved
  // anaphor is one: "a day later ... two days later" chain). Walking back per anaphor was quadratic
  // on a long run of unresolvable ones.
  let paragraph: Document['sections'][number] | undefined;
  let previous: TimeExpression | undefined;
  for (const t of times) {
    const section = sectionAt(doc, t.start);
    if (section !== paragraph) { paragraph = section; previous = undefined; }
    const a = days.get(t);
    if (a) {
      const anchor = (section && !a.fromIncident ? previous : undefined) ?? incident;
      if (anchor?.earliest) {
        const date = iso(addDays(fromIso(anchor.earliest), a.days));
        Object.assign(t, { earliest: date, latest: date, precision: 1, value: date });
      }
    }
    if (t.precision === 1 && t.earliest && t.earliest === t.latest) previous = t;
  }
}

/** "Cuomo said Sunday", "told reporters on Thursday": the day of a statement, not of the incident. */
export function datesStatementIn(text: string, t: Span): boolean {
  return CUE_VERBS.has((SPEECH_BEFORE.exec(text.slice(Math.max(0, t.start - 40), t.start))?.[1] ?? '').toLowerCase()) || SPEECH_AFTER.test(text.slice(t.end, t.end + 30));
}

/**
 * What happened afterwards, in a follow-up story: "was indicted on Tuesday", "appeared in court
 * Monday", "were sentenced in March". The verb the expression attaches to (syntax layer) says so.
 */
const FOLLOW_UP_VERBS = new Set(['indict', 'charge', 'sentence', 'convict', 'plead', 'arraign', 'acquit', 'testify', 'appear', 'extradite', 'try',
  'jail', 'bury', 'mourn', 'commemorate', 'mark', 'rule', 'file', 'sue', 'meet', 'visit']);

export function datesFollowUp(doc: Document, t: Span): boolean {
  const syntax = doc.syntax;
  if (!syntax || !doc.tokens.length) return false;
  let k = lastStartingAtOrBefore(doc.tokens, t.start);
  if (k < 0 || doc.tokens[k].end <= t.start) k++;
  // Up from the expression's first token to the nearest verb (a few steps: "on Tuesday" -> indicted).
  for (let steps = 0; k >= 0 && k < syntax.head.length && steps < 4; steps++) {
    if (syntax.upos[k] === 'VERB') return FOLLOW_UP_VERBS.has(syntax.lemma[k].toLowerCase());
    k = syntax.head[k];
  }
  return false;
}

/**
 * The incident's time: the first resolved expression of day or week precision in the reporting text
 * (not a caption or byline) that is not after publication and not more than a month before it.
 * Background ("last year", "in 2014") is coarser or older and is passed over.
 */
function flagIncidentTime(doc: Document, times: TimeExpression[], published: Date | undefined): void {
  const sectionKind = (offset: number) => sectionAt(doc, offset)?.kind;
  const pub = published ? iso(published) : undefined;
  const monthBefore = published ? iso(addDays(published, -31)) : undefined;
  const datesStatement = (t: TimeExpression) => datesStatementIn(doc.text, t);
  const body = (t: TimeExpression) => !BACKGROUND_SECTIONS.has(sectionKind(t.start) ?? 'body');
  const candidate = times.find((t) =>
    t.earliest && t.precision && t.precision <= 2 && body(t) && !datesStatement(t) && !datesFollowUp(doc, t) &&
    (!pub || (t.earliest <= pub && t.latest! >= monthBefore!)));
  if (candidate) {
    // "this weekend" ... "on Saturday": a day the text names inside the incident's window narrows it.
    const day = candidate.precision === 2 ? times.find((t) => t !== candidate && t.precision === 1 && t.earliest && t.earliest === t.latest
      && t.earliest >= candidate.earliest! && t.earliest <= candidate.latest! && body(t) && !datesFollowUp(doc, t)) : undefined;
    (day ?? candidate).incident = true;
    return;
  }
  // A follow-up story ("was indicted on Tuesday over the March 3 bombing"): its recent dates are the
  // news, and the attack's is an older one it gives in full.
  const news = times.some((t) => t.earliest && body(t) && datesFollowUp(doc, t) && (!pub || t.earliest <= pub));
  const older = news ? times.find((t) => t.earliest && t.precision === 1 && body(t) && !datesStatement(t) && !datesFollowUp(doc, t) && (!pub || t.earliest <= pub)) : undefined;
  if (older) { older.incident = true; return; }
  // An undated text (an encyclopedia entry, an analysis of a campaign) may give only months and years:
  // the latest period it names is the one it reports; older ones are background.
  if (published) return;
  const coarse = times.filter((t) => t.earliest && t.precision && !BACKGROUND_SECTIONS.has(sectionKind(t.start) ?? 'body') && !datesStatement(t));
  const latest = coarse.reduce<TimeExpression | undefined>((best, t) => (!best || t.latest! > best.latest! ? t : best), undefined);
  if (latest) latest.incident = true;
}
