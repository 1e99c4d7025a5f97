// Counts as news text writes them: "seven", "27", "Some 2,000", "at least 12", "more than 100",
// "dozens of", "between 10 and 15". Conventions are documented in docs/quantities.md.
import type { Quantity } from '../model/claim.ts';

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

/** Words that only ever count ("seven", "hundreds", "dozens"), lower-case: never a name on their own. */
export const COUNT_WORDS: ReadonlySet<string> = new Set([...Object.keys(UNITS), ...Object.keys(SCALES).flatMap((w) => [w, `${w}s`]), 'dozen', 'dozens', 'scores']);

/** Vague amounts: [min, max, word]. "dozens" -> at least 24; "a dozen" -> 12. */
const VAGUE: Record<string, [number, number | null]> = {
  dozens: [24, null], scores: [40, null], hundreds: [200, null], thousands: [2000, null], several: [3, null], multiple: [2, null],
  numerous: [3, null], many: [3, null], tens: [20, null],
};
const HEDGES = new Set(['about', 'around', 'some', 'nearly', 'almost', 'approximately', 'roughly', 'an estimated', 'estimated', 'up to', 'close to', 'perhaps', 'possibly', 'reportedly']);
/** First words of a count expression other than a digit: modifiers, hedges, vague amounts, number words. */
const MAY_START: ReadonlySet<string> = new Set([
  'at', 'no', 'more', 'upwards', 'over', 'above', 'exceeding', 'between', 'a', ...[...HEDGES].map((h) => h.split(' ')[0]),
  ...Object.keys(VAGUE), ...Object.keys(UNITS), ...Object.keys(SCALES),
]);
const ORDINAL = /^(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|hundredth)$/i;

/** Words after a number that make it a measure, not a count of people or things. */
export const NOT_COUNT_AFTER = new Set([
  'km', 'kilometres', 'kilometers', 'kilometre', 'kilometer', 'miles', 'mile', 'metres', 'meters', 'metre', 'meter', 'feet', 'ft',
  'percent', 'per', '%', 'years', 'year', 'months', 'month', 'weeks', 'week', 'days', 'day', 'hours', 'hour', 'minutes', 'minute',
  'seconds', 'a.m.', 'p.m.', 'am', 'pm', "o'clock", 'dollars', 'euros', 'pounds', 'usd', 'tons', 'tonnes', 'kg', 'kilograms', 'mm',
  'billion', 'degrees', 'times', 'decades', 'centuries', 'acres', 'hectares', 'year-old', 'points', 'votes', 'calibre', 'caliber',
]);
const MONTHS = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/i;

export interface QuantityMatch {
  /** Token range [from, to) the expression covers. */
  from: number;
  to: number;
  value: Quantity;
}

/** The value of a single number token ("27", "2,000", "seven", "twenty-five"), or undefined. */
export function numberValue(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d{1,3}(,\d{3})+$/.test(w)) return Number(w.replace(/,/g, ''));
  if (/^\d+$/.test(w)) return Number(w);
  if (UNITS[w] !== undefined) return UNITS[w];
  const m = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(one|two|three|four|five|six|seven|eight|nine)$/.exec(w);
  if (m) return UNITS[m[1]] + UNITS[m[2]];
  return undefined;
}

/** A number with its scale words: "two hundred", "3 million", "1,200". Returns [value, tokens used]. */
function numberAt(lowers: string[], i: number): [number, number] | undefined {
  let v = numberValue(lowers[i]);
  if (v === undefined) {
    if ((lowers[i] === 'a' || lowers[i] === 'one') && SCALES[lowers[i + 1]]) return [SCALES[lowers[i + 1]], 2];
    return undefined;
  }
  let n = 1;
  // "ninety six" written without its hyphen
  const unit = UNITS[lowers[i + 1] ?? ''];
  if (/^[a-z]+ty$/.test(lowers[i]) && unit !== undefined && unit >= 1 && unit <= 9) { v += unit; n = 2; }
  while (SCALES[lowers[i + n]]) {
    v *= SCALES[lowers[i + n]];
    n++;
    const rest = numberValue(lowers[i + n] ?? '');
    if (lowers[i + n] === 'and' && numberValue(lowers[i + n + 1] ?? '') !== undefined) { v += numberValue(lowers[i + n + 1])!; n += 2; }
    else if (rest !== undefined && rest < 100 && SCALES[lowers[i + n - 1]]) { v += rest; n++; }
  }
  return [v, n];
}

/**
 * The count expression starting at token i, with its modifiers, or undefined when the token does not
 * start a count (a year, a date, a distance, an age, an ordinal).
 */
export function quantityAt(words: string[], lowers: string[], i: number): QuantityMatch | undefined {
  const w = lowers[i];
  // Called on every token: most are words that cannot start a count.
  const c = w.charCodeAt(0);
  if (!(c >= 48 && c <= 57) && !MAY_START.has(w) && !/^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-/.test(w)) return undefined;
  if (ORDINAL.test(w)) return undefined;
  // Modifiers before the number.
  let k = i;
  let hedge: string | undefined;
  let kind: 'exact' | 'min' | 'over' | 'hedge' | 'range' = 'exact';
  const two = lowers[i] + ' ' + (lowers[i + 1] ?? '');
  if (two === 'at least' || two === 'no fewer' || two === 'no less') { kind = 'min'; k = i + 2; if (lowers[k] === 'than') k++; }
  else if (two === 'more than' || two === 'upwards of') { kind = 'over'; k = i + 2; }
  else if (w === 'over' || w === 'above' || w === 'exceeding') { kind = 'over'; k = i + 1; }
  else if (HEDGES.has(two)) { kind = 'hedge'; hedge = two; k = i + 2; }
  else if (HEDGES.has(w)) { kind = 'hedge'; hedge = w; k = i + 1; }
  else if (w === 'between') { kind = 'range'; k = i + 1; }

  // Vague amounts: "dozens of", "a dozen", "hundreds of thousands of".
  const lk = lowers[k];
  if (lk === 'a' && lowers[k + 1] === 'dozen') return done(i, k + 2, { min: 12, max: 12, vague: 'a dozen' });
  if (lk === 'a' && lowers[k + 1] === 'number' && lowers[k + 2] === 'of') return done(i, k + 2, { min: 2, max: null, vague: 'a number of' });
  if (lk === 'a' && lowers[k + 1] === 'few') return done(i, k + 2, { min: 2, max: null, vague: 'a few' });
  // Bare plurals count too ("injured hundreds"), but not "many" or "numerous" alone.
  if (VAGUE[lk] && (lowers[k + 1] === 'of' || lk !== 'many' && lk !== 'numerous' || k > i)) {
    if (lowers[k + 1] === 'of' && VAGUE[lowers[k + 2]] && (lowers[k + 2] === 'thousands')) return done(i, k + 3, { min: VAGUE[lk][0] * 1000, max: null, vague: `${lk} of thousands` });
    if ((lk === 'many' || lk === 'numerous') && k === i) return undefined; // "many" alone is too loose to count
    return done(i, k + 1, { min: VAGUE[lk][0], max: VAGUE[lk][1], vague: lk });
  }

  const first = numberAt(lowers, k);
  if (!first) return undefined;
  let [value, used] = first;
  let end = k + used;
  // Years, dates and other measures are not counts.
  if (/^\d{4}$/.test(lowers[k]) && value >= 1900 && value <= 2100 && used === 1) return undefined;
  if (MONTHS.test(lowers[k - 1] ?? '') || MONTHS.test(lowers[end] ?? '')) return undefined;
  if (/^\d+:\d+$/.test(lowers[k]) || words[k - 1] === '$' || words[k - 1] === '£' || words[k - 1] === '€') return undefined;
  if (NOT_COUNT_AFTER.has(lowers[end] ?? '') || /-year-old$|-month-old$/.test(lowers[end] ?? '') || (lowers[end] === '-' && /^(year|month|day|hour|km|mile)/.test(lowers[end + 1] ?? ''))) return undefined;
  if (lowers[k - 1] === 'aged' || lowers[k - 1] === 'age' || lowers[k - 1] === 'no.' || lowers[k - 1] === 'number') return undefined;

  if (kind === 'range' && lowers[end] === 'and') {
    const second = numberAt(lowers, end + 1);
    if (second) return done(i, end + 1 + second[1], { min: value, max: second[0] });
  }
  // "10 to 15", "10-15"
  if (kind === 'exact' && (lowers[end] === 'to' || lowers[end] === '-' || lowers[end] === '–')) {
    const second = numberAt(lowers, end + 1);
    if (second && second[0] > value && !NOT_COUNT_AFTER.has(lowers[end + 1 + second[1]] ?? '')) return done(i, end + 1 + second[1], { min: value, max: second[0] });
  }
  // "100 or more", "12 or so"
  if (lowers[end] === 'or' && lowers[end + 1] === 'more') return done(i, end + 2, { min: value, max: null });
  if (kind === 'min') return done(i, end, { min: value, max: null });
  if (kind === 'over') return done(i, end, { min: value + 1, max: null });
  if (kind === 'hedge') return done(i, end, { min: value, max: value, vague: hedge });
  return done(i, end, { min: value, max: value });

  function done(from: number, to: number, q: Quantity): QuantityMatch {
    if (q.vague === undefined) delete q.vague;
    return { from, to, value: q };
  }
}
