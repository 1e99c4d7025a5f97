import type { Document } from '../model/document.ts';
import type { FetchOptions } from './fetch.ts';

export interface IngestOptions {
  /** --published: overrides whatever the input says. YYYY-MM-DD. */
  published?: string;
  /** --outlet: overrides metadata and URL. */
  outlet?: string;
  /** Force a format instead of sniffing extension and content. */
  format?: 'text' | 'html' | 'jsonl' | 'feed';
  /** Inputs larger than this are rejected with a clear error (default 50 MB); in a JSONL batch, each record. */
  maxBytes?: number;
  /** How URLs are fetched (timeouts, redirects); the size limit is maxBytes. */
  fetch?: Omit<FetchOptions, 'maxBytes'>;
}

/** One input either becomes a document or a one-line error naming the input; a batch goes on. */
export type IngestResult = { ok: true; doc: Document } | { ok: false; origin: string; error: string };
