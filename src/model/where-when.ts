// Normalised time expressions and geocoded place mentions.
import type { Span } from './document.ts';

/** Conflict-data precision codes: 1 = day, 2 = days/week, 3 = month or coarser. */
export type TimePrecision = 1 | 2 | 3;

export interface TimeExpression extends Span {
  text: string;
  /** ISO dates (YYYY-MM-DD); absent when the expression could not be resolved. */
  earliest?: string;
  latest?: string;
  precision?: TimePrecision;
  /** TimeML type of the expression. */
  type?: 'DATE' | 'TIME' | 'DURATION' | 'SET';
  /** TimeML-style value where one applies ("2018-02-08", "2018-W06", "P1W"). */
  value?: string;
  /** True for the expression judged to date the incident. */
  incident?: boolean;
}

/** 1 = the named town, 2 = near it / a district, 3 = a province or region (or a country). */
export type PlacePrecision = 1 | 2 | 3;

export interface PlaceMention extends Span {
  text: string;
  gazetteerId?: string;
  name?: string;
  lat?: number;
  lon?: number;
  admin1?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  precision?: PlacePrecision;
  /** True for the place judged to locate the incident. */
  incident?: boolean;
}
