// Claims: casualty figures, force sizes, weapons, responsibility, characterisations.
import type { Span } from './document.ts';
import type { Source } from './source.ts';

/** A count as the text gives it. Conventions are documented in docs/quantities.md. */
export interface Quantity {
  min: number;
  /** null = open-ended ("more than 100" -> min 101, max null). */
  max: number | null;
  /** The hedge or vague word when the figure is not exact ("dozens", "about"). */
  vague?: string;
}

export type Outcome = 'killed' | 'injured' | 'killed_or_injured' | 'missing' | 'captured';

export type ClaimKind = 'casualties' | 'force_size' | 'weapons' | 'responsibility' | 'characterisation';

export type Modality = 'asserted' | 'estimated' | 'disputed' | 'denied';

export interface Claim extends Span {
  kind: ClaimKind;
  source: Source;
  modality: Modality;
  /** Who the figure is about: a description or entity, with its span. */
  subject?: Span & { text: string; entity?: number; civilian?: boolean };
  /** Casualty figures by outcome. */
  figures?: Partial<Record<Outcome, Quantity>>;
  /** force_size: the size; weapons: the weapon names; characterisation: the label. */
  value?: Quantity | string[] | string;
  /** Index of the claim whose victims include this one's ("dozens died, including 19 soldiers"). */
  partOf?: number;
  /** Index of an earlier claim in the same document this one repeats (headline, lede, body). */
  repeats?: number;
  /** Indices of claims from other sources giving different figures about the same group. */
  disputes?: number[];
}
