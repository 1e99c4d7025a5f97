// When stage: time expressions normalised against the publication date. chrono-node finds and reads
// most expressions; our refiners (refiners.ts) apply news usage chrono gets wrong or misses: weekdays are
// the latest such day on or before publication, "overnight" spans two dates, bare years, durations,
// "this week", "last year" as a whole year. One expression is flagged as dating the incident.
import * as chrono from 'chrono-node';
import { CUE_VERBS } from '../attribution/cues.ts';
import type { Document, Span } from '../model/document.ts';
import type { TimeExpression } from '../model/where-when.ts';
import { addDays, fromIso, iso, refine, type Resolved } from './refiners.ts';
import { durations, extraExpressions } from './parsers.ts';

const BACKGROUND_SECTIONS = new Set(['caption', 'credit', 'byline', 'dateline']);
/** Up to three words before an expression that make it the date of a statement ("tweeted early Sunday"). */
const SPEECH_BEFORE = /\b([a-z]+)\s+(?:(?:on|early|late|reporters|journalists|in a statement|\w+ night)\s+){0,2}$/i;
const SPEECH_AFTER = /^\s*(?:,\s*)?(?:said|told|announced|stated|added|warned|declared)\b/i;

export function resolveTimes(doc: Document): void {
  const published = doc.meta.published ? fromIso(doc.meta.published.slice(0, 10)) : undefined;
  // Without a publication date chrono would anchor on today's date: only absolute dates are read then.
  const instant = published ?? new Date(Date.UTC(2000, 0, 1, 12));
  const found: TimeExpression[] = [];
  const taken: Span[] = [];
  const overlaps = (s: Span) => taken.some((t) => s.start < t.end && t.start < s.end);

  for (const x of durations(doc.text)) push(x.span, x.resolved);
  for (const r of chrono.parse(doc.text, { instant, timezone: 0 }, { forwardDate: false })) {
    const span = { start: r.index, end: r.index + r.text.replace(/[\s,.;:]+$/, '').length };
    if (overlaps(span)) continue;
    const resolved = refine(r, doc.text, published);
    if (!resolved) continue;
    if (!published && resolved.relative) {
      found.push({ ...span, text: doc.text.slice(span.start, span.end), type: resolved.type });
      taken.push(span);
      continue;
    }
    push(span, resolved);
  }
  for (const x of extraExpressions(doc.text, published)) {
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
    taken.push(span);
    found.push({
      ...span, text: doc.text.slice(span.start, span.end), type: r.type,
      ...(r.earliest ? { earliest: iso(r.earliest), latest: iso(r.latest ?? r.earliest) } : {}),
      ...(r.precision ? { precision: r.precision } : {}),
      ...(r.value ? { value: r.value } : {}),
    });
  }
  found.sort((a, b) => a.start - b.start);

  if (!published && found.some((t) => !t.earliest && t.type !== 'DURATION')) {
    doc.messages.push({ code: 'no-publication-date', severity: 'warning', text: 'no publication date: relative time expressions are left unresolved' });
  }
  flagIncidentTime(doc, found, published);
  doc.times = found;
}

/**
 * The incident's time: the first resolved expression of day or week precision in the reporting text
 * (not a caption or byline) that is not after publication and not more than a month before it.
 * Background ("last year", "in 2014") is coarser or older and is passed over.
 */
function flagIncidentTime(doc: Document, times: TimeExpression[], published: Date | undefined): void {
  const sectionKind = (offset: number) => doc.sections.find((s) => s.start <= offset && s.end >= offset)?.kind;
  const pub = published ? iso(published) : undefined;
  const monthBefore = published ? iso(addDays(published, -31)) : undefined;
  // "Cuomo said Sunday", "told reporters on Thursday": the day of a statement, not of the incident.
  const datesStatement = (t: TimeExpression) =>
    CUE_VERBS.has((SPEECH_BEFORE.exec(doc.text.slice(Math.max(0, t.start - 40), t.start))?.[1] ?? '').toLowerCase()) || SPEECH_AFTER.test(doc.text.slice(t.end, t.end + 30));
  const candidate = times.find((t) =>
    t.earliest && t.precision && t.precision <= 2 && !BACKGROUND_SECTIONS.has(sectionKind(t.start) ?? 'body') && !datesStatement(t) &&
    (!pub || (t.earliest <= pub && t.latest! >= monthBefore!)));
  if (candidate) candidate.incident = true;
}
