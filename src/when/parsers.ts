// Expressions chrono does not read, each a small rule: "overnight", bare years ("in 2016"), durations
// ("three years", "two weeks"), and the vague references TimeML names (PAST_REF, PRESENT_REF, FUTURE_REF).
import type { Span } from '../model/document.ts';
import { addDays, iso, type Resolved } from './refiners.ts';

const NUMBER: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, several: 0, few: 0, many: 0 };
const UNIT: Record<string, string> = { minute: 'TM', hour: 'TH', day: 'D', week: 'W', month: 'M', year: 'Y', decade: 'DE', centur: 'CE' };

const OVERNIGHT = /\bovernight\b/gi;
const BARE_YEAR = /\b(?:in|since|during|by|until|from|before|after|of|early|late|mid-?)\s+((?:19|20)\d{2})\b(?!\s*(?:people|troops|soldiers|-))/gi;
const DURATION = /\b(?:(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|few|many)\s+)(?:more\s+)?(minute|hour|day|week|month|year|decade|centur)(?:s|ies|y)?\b(?!\s+(?:ago|earlier|later|old|-old))/gi;
const VAGUE_REFS: [RegExp, string][] = [
  [/\b(recently|in recent (?:years|months|weeks|days)|previously|formerly|once)\b/gi, 'PAST_REF'],
  [/\b(currently|at present|these days|nowadays)\b/gi, 'PRESENT_REF'],
  [/\b(in the future|in the coming (?:years|months|weeks|days)|soon)\b/gi, 'FUTURE_REF'],
];

/** Dates told from another date in the text: "the next day", "a day later", "three days after the bombing". */
export const ANAPHORIC = /\b(?:the\s+)?(next|following|previous|preceding)\s+(day|morning|afternoon|evening|night)\b|\b[Tt]he\s+day\s+(before|after)\b|\b(a|an|one|two|three|four|five|six|seven|\d{1,2})\s+(days?|weeks?)\s+(later|earlier|after|before)\b/gi;
const QUARTER = /\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+quarter(?:\s+of\s+((?:19|20)\d{2}))?\b/gi;
const QUARTER_INDEX: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, final: 4, last: 4 };

const QUARTER_WORD = /\bquarter\b/i;
const NAMED_QUARTER = /\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b/i;
const YEAR_BEFORE = /\b(?:(?:the|a)\s+)?(?:year[- ](?:ago|earlier)(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period))?|a\s+year\s+(?:ago|earlier))\b/gi;
const THE_QUARTER = /\b(?:the|this)\s+quarter\b(?!\s+(?:a\s+year|of|ended|ending))/gi;

/** The sentence around an offset (between full stops or line breaks). */
function sentenceAt(text: string, start: number, end: number): string {
  const from = Math.max(text.lastIndexOf('. ', start), text.lastIndexOf('\n', start)) + 1;
  const stops = [text.indexOf('. ', end), text.indexOf('\n', end)].filter((i) => i >= 0);
  return text.slice(from, stops.length ? Math.min(...stops) : text.length);
}

/** The last quarter completed before a date: the one a company reports on ("the quarter"). */
function reportingQuarter(d: Date): { year: number; q: number } {
  const q = Math.floor(d.getUTCMonth() / 3);
  return q === 0 ? { year: d.getUTCFullYear() - 1, q: 4 } : { year: d.getUTCFullYear(), q };
}

/**
 * Comparisons in reports of results: in a sentence about a quarter, "a year earlier", "a year ago" and
 * "the year-ago quarter" are that quarter a year before (TimeML: 1988-Q3), and "the quarter" is the one
 * just reported. Elsewhere "a year ago" is left to chrono (a year).
 */
export function* quarterComparisons(text: string, published: Date | undefined): Generator<{ span: Span; resolved: Resolved }> {
  if (!published || !QUARTER_WORD.test(text)) return;
  let m: RegExpExecArray | null;
  YEAR_BEFORE.lastIndex = 0;
  while ((m = YEAR_BEFORE.exec(text)) !== null) {
    const span = { start: m.index, end: m.index + m[0].length };
    const sentence = sentenceAt(text, span.start, span.end);
    if (!QUARTER_WORD.test(sentence)) continue;
    const named = NAMED_QUARTER.exec(sentence);
    const base = reportingQuarter(published);
    const q = named ? QUARTER_INDEX[named[1].toLowerCase()] : base.q;
    const year = base.year - 1;
    yield { span, resolved: { earliest: new Date(Date.UTC(year, (q - 1) * 3, 1)), latest: new Date(Date.UTC(year, q * 3, 0)), precision: 3, value: `${year}-Q${q}`, type: 'DATE', relative: true } };
  }
  THE_QUARTER.lastIndex = 0;
  while ((m = THE_QUARTER.exec(text)) !== null) {
    const { year, q } = reportingQuarter(published);
    yield { span: { start: m.index, end: m.index + m[0].length }, resolved: { earliest: new Date(Date.UTC(year, (q - 1) * 3, 1)), latest: new Date(Date.UTC(year, q * 3, 0)), precision: 3, value: `${year}-Q${q}`, type: 'DATE', relative: true } };
  }
}

/** Durations come before chrono: "ten years" is a length of time, not the year ten years from now. */
export function* durations(text: string): Generator<{ span: Span; resolved: Resolved }> {
  let m: RegExpExecArray | null;
  DURATION.lastIndex = 0;
  while ((m = DURATION.exec(text)) !== null) {
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBER[m[1].toLowerCase()];
    const unit = UNIT[m[2].toLowerCase()];
    if (!unit) continue;
    const amount = n ? String(n) : 'X';
    const value = unit.startsWith('T') ? `PT${amount}${unit[1]}` : `P${amount}${unit}`;
    yield { span: { start: m.index, end: m.index + m[0].length }, resolved: { value, type: 'DURATION', relative: false } };
  }
}

export function* extraExpressions(text: string, published: Date | undefined): Generator<{ span: Span; resolved: Resolved }> {
  let m: RegExpExecArray | null;
  // Quarters: "the fourth quarter (of 1997)": without a year, the latest such quarter up to publication.
  QUARTER.lastIndex = 0;
  while ((m = QUARTER.exec(text)) !== null) {
    const q = QUARTER_INDEX[m[1].toLowerCase()];
    let year = m[2] ? Number(m[2]) : published?.getUTCFullYear();
    if (year === undefined) continue;
    if (!m[2] && published && q > Math.floor(published.getUTCMonth() / 3) + 1) year -= 1;
    const start = new Date(Date.UTC(year, (q - 1) * 3, 1));
    const end = new Date(Date.UTC(year, q * 3, 0));
    yield { span: { start: m.index, end: m.index + m[0].length }, resolved: { earliest: start, latest: end, precision: 3, value: `${year}-Q${q}`, type: 'DATE', relative: !m[2] } };
  }
  OVERNIGHT.lastIndex = 0;
  while ((m = OVERNIGHT.exec(text)) !== null) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (!published) { yield { span, resolved: { type: 'TIME', relative: true } }; continue; }
    const prev = addDays(published, -1);
    yield { span, resolved: { earliest: prev, latest: published, precision: 2, value: iso(prev) + 'TNI', type: 'TIME', relative: true } };
  }
  BARE_YEAR.lastIndex = 0;
  while ((m = BARE_YEAR.exec(text)) !== null) {
    const year = Number(m[1]);
    const start = m.index + m[0].lastIndexOf(m[1]);
    yield { span: { start, end: start + 4 }, resolved: { earliest: new Date(Date.UTC(year, 0, 1)), latest: new Date(Date.UTC(year, 11, 31)), precision: 3, value: String(year), type: 'DATE', relative: false } };
  }
  for (const [re, value] of VAGUE_REFS) {
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) yield { span: { start: m.index, end: m.index + m[0].length }, resolved: { value, type: 'DATE', relative: false } };
  }
}
