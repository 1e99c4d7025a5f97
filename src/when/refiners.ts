// Refiners over chrono's readings, one rule each, in news usage. Dates are UTC midnight.
import type { ParsedResult } from 'chrono-node';
import type { TimePrecision } from '../model/where-when.ts';

export interface Resolved {
  earliest?: Date;
  latest?: Date;
  precision?: TimePrecision;
  value?: string;
  type: 'DATE' | 'TIME' | 'DURATION' | 'SET';
  /** Needs a publication date to mean anything ("Thursday", "last year"). */
  relative: boolean;
}

export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const fromIso = (s: string) => new Date(s + 'T00:00:00Z');
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86400000);
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (y: number, m: number) => day(y, m + 1, 0);

/** ISO week "2018-W06" of a date. */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${pad(week)}`;
}
const mondayOf = (d: Date) => addDays(d, -((d.getUTCDay() + 6) % 7));

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY_ONLY = /^(?:(?:on|last|this|past|late|early)\s+)*(sun|mon|tues|wednes|thurs|fri|satur)day(?:['’]s)?(?:\s+(morning|afternoon|evening|night))?$/i;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const PARTS: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' };
const RELATIVE_WORDS = /\b(today|tonight|yesterday|tomorrow|last|this|next|ago|past|coming|earlier|later|recent|now|previous|current|(sun|mon|tues|wednes|thurs|fri|satur)day)\b/i;

/** Words that put a clause in the future: "will meet on Thursday", "is scheduled for April". */
const FUTURE_CUE = /\b(will|won['’]t|['’]ll|shall|is to|are to|plans? to|scheduled|expected to|due to|going to|is set to|are set to|upcoming)\b/i;

/** The clause before an expression, back to the last sentence or clause break. */
function clauseBefore(text: string, start: number): string {
  const before = text.slice(Math.max(0, start - 100), start);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('; '), before.lastIndexOf(', '));
  return before.slice(cut + 1);
}

/** The given weekday on or after `ref` ("will meet on Thursday"). */
export function weekdayOnOrAfter(ref: Date, weekday: number): Date {
  return addDays(ref, (weekday - ref.getUTCDay() + 7) % 7);
}

/** The latest given weekday on or before `ref` ("on Thursday" in a Thursday paper is that day). */
export function weekdayOnOrBefore(ref: Date, weekday: number, strictlyBefore = false): Date {
  let diff = (ref.getUTCDay() - weekday + 7) % 7;
  if (diff === 0 && strictlyBefore) diff = 7;
  return addDays(ref, -diff);
}

export function refine(r: ParsedResult, text: string, published: Date | undefined): Resolved | undefined {
  const t = r.text.toLowerCase().replace(/[\s,.;:]+$/, '');
  // A full date with its year is absolute even when it names its weekday ("on Friday, 21 July 1972").
  const full = r.start.isCertain('year') && r.start.isCertain('month') && r.start.isCertain('day');
  const relative = (RELATIVE_WORDS.test(t) && !(full && !/\b(?:today|tonight|yesterday|tomorrow|ago|last|next|this|past|previous)\b/.test(t))) || !r.start.isCertain('year');
  const s = r.start;
  const y = s.get('year')!, m = s.get('month')!, d = s.get('day')!;

  const future = !/^(last|past|previous)\b/.test(t) && FUTURE_CUE.test(clauseBefore(text, r.index));
  // Weekdays: the latest such day on or before publication ("last Thursday": strictly before); in a
  // clause about the future ("will meet on Thursday"), the next such day.
  const wd = WEEKDAY_ONLY.exec(t);
  if (wd && published) {
    const target = WEEKDAYS.findIndex((w) => w.startsWith(wd[1].toLowerCase()));
    const date = future || /^next\s/.test(t) ? weekdayOnOrAfter(published, target) : weekdayOnOrBefore(published, target, /^last\s/.test(t));
    const part = wd[2] ? 'T' + PARTS[wd[2].toLowerCase()] : '';
    return { earliest: date, latest: date, precision: 1, value: iso(date) + part, type: part ? 'TIME' : 'DATE', relative: true };
  }
  if (published) {
    if (/^(last night|overnight)$/.test(t)) {
      const prev = addDays(published, -1);
      return { earliest: prev, latest: published, precision: 2, value: iso(prev) + 'TNI', type: 'TIME', relative: true };
    }
    const part = /^this (morning|afternoon|evening)$/.exec(t);
    if (part) return { earliest: published, latest: published, precision: 1, value: iso(published) + 'T' + PARTS[part[1]], type: 'TIME', relative: true };
    if (/^(this |the )?weekend$/.test(t)) {
      const sat = weekdayOnOrBefore(published, 6);
      return { earliest: sat, latest: addDays(sat, 1), precision: 2, value: isoWeek(sat) + '-WE', type: 'DATE', relative: true };
    }
    if (/^tonight$/.test(t)) return { earliest: published, latest: published, precision: 1, value: iso(published) + 'TNI', type: 'TIME', relative: true };
    if (/^(this|the) week$/.test(t)) return { earliest: mondayOf(published), latest: published, precision: 2, value: isoWeek(published), type: 'DATE', relative: true };
    if (/^(last|past|previous) week$/.test(t)) {
      const mon = addDays(mondayOf(published), -7);
      return { earliest: mon, latest: addDays(mon, 6), precision: 2, value: isoWeek(mon), type: 'DATE', relative: true };
    }
    if (/^(last|past|previous) year$/.test(t)) {
      const py = published.getUTCFullYear() - 1;
      return { earliest: day(py, 1, 1), latest: day(py, 12, 31), precision: 3, value: String(py), type: 'DATE', relative: true };
    }
    if (/^this year$/.test(t)) {
      const py = published.getUTCFullYear();
      return { earliest: day(py, 1, 1), latest: published, precision: 3, value: String(py), type: 'DATE', relative: true };
    }
    if (/^(this|last|past|previous) month$/.test(t)) {
      const base = /^this/.test(t) ? published : day(published.getUTCFullYear(), published.getUTCMonth(), 1);
      const yy = base.getUTCFullYear(), mm = base.getUTCMonth() + 1;
      return { earliest: day(yy, mm, 1), latest: /^this/.test(t) ? published : monthEnd(yy, mm), precision: 3, value: `${yy}-${pad(mm)}`, type: 'DATE', relative: true };
    }
    if (/^now$|^currently$/.test(t)) return { value: 'PRESENT_REF', type: 'DATE', relative: true };
  }
  // "six weeks ago", "two years ago", "next week": the unit sets the granularity (TimeML: 1998-W02, 1996).
  const rel = published && /^(?:about |some |nearly |almost )?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several)\s+(week|month|year)s?\s+(ago|earlier|before)$|^(next|last|previous|coming)\s+(week|month|year)$/.exec(t);
  if (rel && published) {
    const n = rel[1] ? (/^\d+$/.test(rel[1]) ? +rel[1] : ({ a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, several: 3 } as Record<string, number>)[rel[1]]) : rel[4] === 'next' || rel[4] === 'coming' ? -1 : 1;
    const unit = rel[2] ?? rel[5];
    const approx = rel[1] === 'several' || /^(about|some|nearly|almost)/.test(t);
    if (unit === 'week') {
      const mon = addDays(mondayOf(published), -7 * n);
      return { earliest: mon, latest: addDays(mon, 6), precision: 2, value: approx ? 'PAST_REF' : isoWeek(mon), type: 'DATE', relative: true };
    }
    if (unit === 'month') {
      const first = day(published.getUTCFullYear(), published.getUTCMonth() + 1 - n, 1);
      const yy = first.getUTCFullYear(), mm = first.getUTCMonth() + 1;
      return { earliest: first, latest: monthEnd(yy, mm), precision: 3, value: approx ? 'PAST_REF' : `${yy}-${pad(mm)}`, type: 'DATE', relative: true };
    }
    const yy = published.getUTCFullYear() - n;
    return { earliest: day(yy, 1, 1), latest: day(yy, 12, 31), precision: 3, value: approx ? 'PAST_REF' : String(yy), type: 'DATE', relative: true };
  }
  // "June last year", "last February": the month in the year before, or the latest such month before publication.
  if (published && s.isCertain('month') && !s.isCertain('day') && !s.isCertain('year')) {
    const monthIndex = m;
    let year = published.getUTCFullYear();
    if (/last year$/.test(t)) year -= 1;
    else if (/^last\s/.test(t) && monthIndex >= published.getUTCMonth() + 1) year -= 1;
    else if (future && !/^(this|last)\s/.test(t) && monthIndex < published.getUTCMonth() + 1) year += 1;
    else if (!/last year$/.test(t) && monthIndex > published.getUTCMonth() + 1 && !/^(next|this)\s/.test(t) && !future) year -= 1;
    if (MONTH_NAMES[monthIndex - 1]) return { earliest: day(year, monthIndex, 1), latest: monthEnd(year, monthIndex), precision: 3, value: `${year}-${pad(monthIndex)}`, type: 'DATE', relative: true };
  }
  // "the night of Feb. 7": that day and the next (chrono reads it as Feb. 8).
  if (/^night of /.test(t) && s.isCertain('day')) {
    // chrono moves "the night of Feb. 7" past midnight, to the 8th: the night belongs to the 7th.
    const night = addDays(day(y, m, d), (r.start.get('hour') ?? 12) < 12 ? -1 : 0);
    return { earliest: night, latest: addDays(night, 1), precision: 2, value: iso(night) + 'TNI', type: 'TIME', relative };
  }
  if (r.end) {
    const a = day(y, m, d);
    const b = day(r.end.get('year')!, r.end.get('month')!, r.end.get('day')!);
    const span = (b.getTime() - a.getTime()) / 86400000;
    return { earliest: a, latest: b, precision: span <= 1 ? 1 : span <= 7 ? 2 : 3, type: 'DATE', relative };
  }
  if (s.isCertain('day')) {
    const date = day(y, m, d);
    const hour = s.isCertain('hour') ? s.get('hour') : undefined;
    const value = hour !== undefined ? `${iso(date)}T${pad(hour!)}:${pad(s.get('minute') ?? 0)}` : iso(date);
    return { earliest: date, latest: date, precision: 1, value, type: hour !== undefined ? 'TIME' : 'DATE', relative };
  }
  if (s.isCertain('month')) {
    return { earliest: day(y, m, 1), latest: monthEnd(y, m), precision: 3, value: `${y}-${pad(m)}`, type: 'DATE', relative };
  }
  if (s.isCertain('hour') && published) {
    // "10 p.m. Wednesday", "noon Thursday": the hour on that weekday.
    const named = /\b(sun|mon|tues|wednes|thurs|fri|satur)day\b/i.exec(t);
    if (named) {
      const target = WEEKDAYS.findIndex((w) => w.startsWith(named[1].toLowerCase()));
      const date = future ? weekdayOnOrAfter(published, target) : weekdayOnOrBefore(published, target);
      return { earliest: date, latest: date, precision: 1, value: `${iso(date)}T${pad(s.get('hour')!)}:${pad(s.get('minute') ?? 0)}`, type: 'TIME', relative: true };
    }
    return { earliest: published, latest: published, precision: 1, value: `${iso(published)}T${pad(s.get('hour')!)}:${pad(s.get('minute') ?? 0)}`, type: 'TIME', relative: true };
  }
  if (s.isCertain('year')) return { earliest: day(y, 1, 1), latest: day(y, 12, 31), precision: 3, value: String(y), type: 'DATE', relative };
  // Found but not resolvable (a weekday without a publication date): kept, unresolved.
  return relative ? { type: 'DATE', relative: true } : undefined;
}
