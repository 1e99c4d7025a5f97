// What a pool worker does with one task: build documents from a piece of input, or analyse a document.
// The analysis modules (models, gazetteer) load on the first analysis task, once per thread.
import type { Document, DocumentMeta } from '../model/document.ts';
import { buildPiece, type Piece } from '../ingest/read.ts';
import type { IngestResult } from '../ingest/types.ts';

export type Task =
  | { kind: 'build'; piece: Piece; base: Partial<DocumentMeta> }
  | { kind: 'analyse'; doc: Document };

let analyser: Promise<(doc: Document) => Document> | undefined;

export async function analyseDocument(doc: Document): Promise<Document> {
  analyser ??= import('../ingest/bounded.ts').then((m) => m.analyseBounded);
  return (await analyser)(doc);
}

export default async function runTask(task: Task): Promise<IngestResult[] | Document> {
  return task.kind === 'build' ? buildPiece(task.piece, task.base) : analyseDocument(task.doc);
}
