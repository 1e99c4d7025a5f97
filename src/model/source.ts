// Who asserts something. Filled by the attribution stage; claims point at a source.
import type { Span } from './document.ts';

export type SourceKind = 'named' | 'named_role' | 'anonymous' | 'media' | 'organisation' | 'narrator';

export interface Source {
  kind: SourceKind;
  /** Display name: the entity's canonical name, or the description ("a U.S. official"). */
  name: string;
  /** Index into Document.entities when the source resolves to an entity. */
  entity?: number;
  /** The mention in the text the source was read from (for a pronoun: the pronoun's span). */
  span?: Span;
  /** For anonymous sources: the stated affiliation ("U.S.", "Syrian military"). */
  affiliation?: string;
  /** Who relayed it, outermost first: "Interfax cited the Defence Ministry" -> via [Interfax]. */
  via?: Source[];
}
