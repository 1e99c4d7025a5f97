// The one document model every stage reads and extends.
//
// A Document's `text` is normalised once at ingest and never rewritten. Every item any stage
// produces is a Span (or carries one): `{start, end}` in UTF-16 code units of that text, so
// `doc.text.slice(start, end)` is always the item's surface form and any layer can be highlighted.

export interface Span {
  start: number;
  end: number;
}

/** Where a document came from and what is known about it before any analysis. */
export interface DocumentMeta {
  /** File path, URL or "stdin" — what a user would recognise in an error message. */
  origin: string;
  url?: string;
  outlet?: string;
  title?: string;
  byline?: string;
  /** Publication date, ISO YYYY-MM-DD (or full ISO timestamp); absent when unknown. */
  published?: string;
  /** Where `published` came from, so a reader can judge it. */
  publishedFrom?: 'option' | 'metadata' | 'html' | 'text';
  language?: string;
  /** The input format the text was taken from. */
  format: 'text' | 'html' | 'jsonl';
}

/** Headline, byline, body and captions are kept apart so later stages can treat them differently. */
export type SectionKind = 'headline' | 'subheadline' | 'byline' | 'dateline' | 'body' | 'caption' | 'credit';

export interface Section extends Span {
  kind: SectionKind;
}

export interface Sentence extends Span {
  /** Index of the section the sentence lies in. */
  section: number;
}

export type TokenKind = 'word' | 'number' | 'punct' | 'symbol';

export interface Token extends Span {
  kind: TokenKind;
  /** Index of the sentence the token lies in. */
  sentence: number;
}

/** `misc`: other proper names (events, laws, products) the tagger finds; kept so nothing is silently lost. */
export type EntityKind = 'person' | 'organisation' | 'armed_group' | 'media' | 'place' | 'nationality' | 'misc';

/** One occurrence of an entity in the text. */
export interface Mention extends Span {
  /** Surface form, exactly `text.slice(start, end)`. */
  text: string;
  kind: EntityKind;
  /** Index into Document.entities once coreference has grouped mentions. */
  entity: number;
  /** Title or role written next to the name ("U.S. Defence Secretary"), with its own span. */
  title?: Span & { text: string };
}

/** A thing the document talks about, with all its mentions (name coreference within the document). */
export interface Entity {
  id: number;
  kind: EntityKind;
  /** The fullest name the document gives ("Jim Mattis", "Syrian Democratic Forces"). */
  name: string;
  /** Other names the document uses for it ("Mattis", "SDF"). */
  aliases: string[];
  /** Titles and roles the document gives it ("U.S. Defence Secretary"). */
  titles: string[];
  /** Indices into Document.mentions. */
  mentions: number[];
}

/**
 * Syntax stage: one entry per token, parallel to Document.tokens (index i describes tokens[i]).
 * Universal Dependencies v2: UPOS tags, lemmas, and a dependency tree per sentence.
 */
export interface SyntaxLayer {
  /** Name and version of the models that produced it ("ud-ewt-1"), so a stored layer can be told stale. */
  model: string;
  /** Universal POS tag of each token ("NOUN", "VERB", "PROPN", ...). */
  upos: string[];
  lemma: string[];
  /** Index into Document.tokens of each token's head; -1 for the root of its sentence. */
  head: number[];
  /** UD v2 dependency label of each token's arc from its head ("nsubj", "obj", "nsubj:pass", "root"). */
  deprel: string[];
}

/** A diagnostic attached to the document (not thrown): e.g. relative dates left unresolved. */
export interface Message {
  code: string;
  text: string;
  span?: Span;
  severity: 'info' | 'warning' | 'error';
}

import type { Claim } from './claim.ts';
import type { Incident } from './incident.ts';
import type { Quote } from './quote.ts';
import type { PlaceMention, TimeExpression } from './where-when.ts';

export interface Document {
  /** Stable id: a hash of the normalised text, so re-ingesting the same text is idempotent. */
  id: string;
  meta: DocumentMeta;
  text: string;
  sections: Section[];
  sentences: Sentence[];
  tokens: Token[];
  /** Syntax stage: tags, lemmas and dependency trees over `tokens` (absent on documents stored before it). */
  syntax?: SyntaxLayer;
  mentions: Mention[];
  entities: Entity[];
  /** Attribution stage: direct quotes and reported speech. */
  quotes: Quote[];
  /** Claims stage: casualty figures, force sizes, weapons, characterisations. */
  claims: Claim[];
  /** When stage: normalised time expressions. */
  times: TimeExpression[];
  /** Where stage: geocoded place mentions. */
  places: PlaceMention[];
  /** Incident stage: the incidents this document reports. */
  incidents: Incident[];
  messages: Message[];
  /** Names of the stages that have run, in order, so a reader knows which layers are real. */
  stages: string[];
}

/** Slice a span's surface form out of the document text. */
export function surface(doc: Pick<Document, 'text'>, span: Span): string {
  return doc.text.slice(span.start, span.end);
}
