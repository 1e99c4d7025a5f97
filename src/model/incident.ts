// An incident as a conflict-data coder records it.
import type { Span } from './document.ts';
import type { PlaceMention, TimeExpression } from './where-when.ts';

export type ActorRole = 'attacker' | 'target' | 'ally' | 'other';

export interface Actor {
  name: string;
  role: ActorRole;
  entity?: number;
  span?: Span;
}

export interface Incident {
  /** Taxonomy code, see docs/taxonomy.md (e.g. "air_strike", "battle"). */
  type: string;
  time?: TimeExpression;
  place?: PlaceMention;
  actors: Actor[];
  /** Indices into Document.claims. */
  claims: number[];
  /** The text that describes the incident. */
  evidence: Span;
}
