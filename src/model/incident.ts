// An incident as a conflict-data coder records it.
import type { Span } from './document.ts';
import type { Outcome } from './claim.ts';
import type { PlaceMention, TimeExpression } from './where-when.ts';

export type ActorRole = 'attacker' | 'target' | 'ally' | 'other';

export interface Actor {
  name: string;
  role: ActorRole;
  entity?: number;
  span?: Span;
  /** What the actor is, where the text tells it: people named by what they are ("gunmen"), an
   * organisation, or a named person. */
  kind?: 'group' | 'organisation' | 'person';
}

/** One victim group's figures across sources, reconciled (rule in src/incidents/reconcile.ts). */
export interface ReconciledFigure {
  group: string;
  outcome: Outcome;
  low: number;
  best: number;
  high: number;
  /** The group of another figure of this incident that contains this one ("19 soldiers" within "dozens of
   * fighters on both sides"): totals count the containing figure, or its parts when they add up to more. */
  within?: string;
  /** A group of a kind the text does not place ("a commander"): its victims may be among the other
   * groups', so totals count it only when it is more than they are together. */
  mayOverlap?: boolean;
  /** The sources' figures do not all agree (their intervals do not overlap). */
  contested: boolean;
  /** Every source's figure, side by side: claim is an index into Document.claims (of `document` when the
   * figure merges several reports' sources). */
  sources: { name: string; claim: number; min: number; max: number | null; vague?: string; document?: string }[];
}

/** The incident's deaths as ACLED codes them (docs/taxonomy.md), and where the count comes from. */
export interface Fatalities {
  count: number;
  /** Indices into Document.claims: the one claim whose figure is the count, or the claims of the disjoint
   * groups whose figures add up to it. */
  claims: number[];
  /** 'claim': one claim's figure (the most conservative one for its group); 'sum': the stated sum of
   * disjoint groups; 'none': no death figure. */
  rule: 'claim' | 'sum' | 'none';
}

export interface Incident {
  /** Taxonomy code, see docs/taxonomy.md (e.g. "air_strike", "battle"). */
  type: string;
  /** Other types the text also supports ("battle" beside "air_strike"). */
  otherTypes?: string[];
  time?: TimeExpression;
  place?: PlaceMention;
  actors: Actor[];
  /** Indices into Document.claims. */
  claims: number[];
  /** Casualty figures per victim group and outcome, reconciled across sources. */
  figures: ReconciledFigure[];
  /** ACLED's conservative death count over `figures`, traced to its claims (absent on incidents stored before it). */
  fatalities?: Fatalities;
  /** The text that describes the incident. */
  evidence: Span;
  /** Weapons the text names for the incident ("a car bomb", "machine guns"), as written. */
  weapons?: (Span & { text: string })[];
  /** Things attacked that the text names ("a power substation", "the embassy"): what was hit, not who (no actor). */
  targets?: (Span & { text: string })[];
}
