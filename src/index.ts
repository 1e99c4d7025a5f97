// sitrep as a library: `import { analyse } from 'sitrep'` (package.json "exports"; index.js loads these
// TypeScript sources through tsx, so no build step is needed). Documented in README.md, "Library".
import { incidentRecords, type IncidentRecord } from './export/records.ts';
import { documentFrom } from './ingest/index.ts';
import { analyseBounded } from './ingest/bounded.ts';
import { checkPublishedOption } from './ingest/metadata.ts';
import type { Document } from './model/document.ts';

export type { Document, DocumentMeta, Message, Section, Sentence, Span } from './model/document.ts';
export type { Incident, ReconciledFigure } from './model/incident.ts';
export type { IncidentRecord, TracedSource } from './export/records.ts';

export interface AnalyseOptions {
  /** Publication date, YYYY-MM-DD: relative dates ("on Tuesday") are read against it. */
  published?: string;
  outlet?: string;
  title?: string;
  url?: string;
  /** "html" runs Readability over the page first; default: html when the text starts with "<". */
  format?: 'text' | 'html';
  /** What error messages call the input (default "text"). */
  origin?: string;
}

/**
 * Analyse one article: every stage, as `sitrep extract` does. Returns the document with every layer
 * (entities, quotes, claims, dates, places, incidents, messages); each item carries `{start, end}`
 * offsets into `doc.text`. Throws an Error naming the problem for input it refuses (empty, binary,
 * a page with no article text, a text over the size limit).
 */
export function analyse(text: string, options: AnalyseOptions = {}): Document {
  if (typeof text !== 'string') throw new TypeError('analyse(text, options): text must be a string');
  const { format = /^\s*</.test(text) ? 'html' : 'text', published, origin = 'text', ...rest } = options;
  const meta = { ...rest, origin, ...(published ? { published: checkPublishedOption(published), publishedFrom: 'option' as const } : {}) };
  return analyseBounded(documentFrom(text, format, meta));
}

/** A document's incidents as flat export records (the JSON export's shape: docs/incident-record.schema.json). */
export function incidents(doc: Document): IncidentRecord[] {
  return incidentRecords(doc);
}
