// Ingest: files, directories, gzip'd files, JSONL batches, RSS/Atom feeds, URLs and stdin -> Documents,
// one result per input. A bad input becomes a one-line error naming it; the batch goes on.
// (Reading is in read.ts; this module also gathers the per-format builders, HTML's among them.)
import type { Document, DocumentMeta } from '../model/document.ts';
import { documentFromHtml } from './html.ts';
import { documentFromText } from './text.ts';

export { documentFromHtml, extractHtml } from './html.ts';
export { documentFromText } from './text.ts';
export { InputError } from './normalise.ts';
export { DEFAULT_MAX_BYTES, readFileBounded, readInputs, readPieces, buildPiece, type Piece } from './read.ts';
export type { IngestOptions, IngestResult } from './types.ts';

/** Build one document from decoded content of a known format (text or html). */
export function documentFrom(content: string, format: 'text' | 'html', meta: Partial<DocumentMeta> & { origin: string }): Document {
  return format === 'html' ? documentFromHtml(content, meta) : documentFromText(content, meta);
}
