// Analysis with per-document bounds, for input nobody vetted (the CLI's inputs, the server's uploads):
// the pipeline's stages as they are, with the quotes and claims layers capped after their stage, so a
// small hostile text ("The minister said that " 4,000 times: every quote nests the rest of the text)
// cannot make hundreds of megabytes of layers. A cap that bites leaves a message on the document.
import type { Document } from '../model/document.ts';
import { analyse, STAGES, type Stage } from '../pipeline/index.ts';

/** At most this many quotes and claims per document: far above any article (a long report has hundreds). */
export const MAX_QUOTES = 5000;
export const MAX_CLAIMS = 5000;
/** The quotes' contents together span at most this many characters (or 4x the text, if more): nested
 * reported speech overlaps, and each quote carries its content as text. */
export const MAX_QUOTED_CHARS = 1_000_000;

export function capQuotes(doc: Document): void {
  const budget = Math.max(MAX_QUOTED_CHARS, 4 * doc.text.length);
  let chars = 0, dropped = 0;
  const kept: Document['quotes'] = [];
  for (const q of doc.quotes) {
    const n = q.end - q.start;
    if (kept.length < MAX_QUOTES && chars + n <= budget) { chars += n; kept.push(q); } else dropped++;
  }
  if (!dropped) return;
  doc.quotes = kept;
  doc.messages.push({ code: 'quotes-capped', severity: 'warning', text: `${dropped.toLocaleString('en')} quotes not kept: a document keeps at most ${MAX_QUOTES.toLocaleString('en')} quotes spanning ${budget.toLocaleString('en')} characters together (overlapping or nested reported speech)` });
}

export function capClaims(doc: Document): void {
  if (doc.claims.length <= MAX_CLAIMS) return;
  const dropped = doc.claims.length - MAX_CLAIMS;
  doc.claims = doc.claims.slice(0, MAX_CLAIMS);
  // Links to claims no longer kept go with them.
  for (const c of doc.claims) {
    if (c.partOf !== undefined && c.partOf >= MAX_CLAIMS) delete c.partOf;
    if (c.repeats !== undefined && c.repeats >= MAX_CLAIMS) delete c.repeats;
    if (c.disputes) { c.disputes = c.disputes.filter((i) => i < MAX_CLAIMS); if (!c.disputes.length) delete c.disputes; }
  }
  doc.messages.push({ code: 'claims-capped', severity: 'warning', text: `${dropped.toLocaleString('en')} claims not kept: a document keeps its first ${MAX_CLAIMS.toLocaleString('en')} claims` });
}

const CAPS: Record<string, (doc: Document) => void> = { attribution: capQuotes, claims: capClaims };

/** The pipeline's stages, each followed by its layer's cap (later stages see the capped layer). */
export const BOUNDED_STAGES: Stage[] = STAGES.map((s) => (CAPS[s.name] ? { name: s.name, run: (doc: Document) => { s.run(doc); CAPS[s.name](doc); } } : s));

/** analyse() with the caps above. */
export function analyseBounded(doc: Document): Document {
  return analyse(doc, BOUNDED_STAGES);
}
