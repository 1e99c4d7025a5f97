// Direct quotes and reported speech: what was said, by whom, with which verb.
import type { Span } from './document.ts';
import type { Source } from './source.ts';

export interface Quote extends Span {
  /** The content: the words quoted or the reported claim (this Span's start/end). */
  text: string;
  direct: boolean;
  source: Source;
  /**
   * Discontinuous content: its pieces without the words that interrupt it ("The strike, he said, hit a
   * school" has two). The start/end above run from the first piece to the last.
   */
  fragments?: Span[];
  /** The reporting verb or phrase ("said", "according to", "told reporters"). */
  cue?: Span & { text: string };
}
