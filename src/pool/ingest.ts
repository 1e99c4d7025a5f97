// A batch of input -> the store, on a pool of threads: pieces are built and analysed in the workers, the
// calling thread is the one writer (one transaction per document) and stores in input order. A document
// whose id (the hash of its normalised text) is already stored is not analysed at all.
import type { DocumentMeta, Document } from '../model/document.ts';
import type { Piece } from '../ingest/read.ts';
import type { Store } from '../store/index.ts';
import { inOrder, type AnalysisPool } from './index.ts';

export type Outcome =
  | { kind: 'stored' | 'unchanged'; id: string; origin: string }
  | { kind: 'failed'; origin: string; error: string };

type Built = { kind: 'analysed'; doc: Document } | Outcome;

export interface BatchCounts { stored: number; unchanged: number; failed: number }

export async function ingestPieces(pieces: AsyncIterable<Piece>, base: Partial<DocumentMeta>, store: Store, pool: AnalysisPool, onOutcome: (o: Outcome, piece: Piece) => void): Promise<BatchCounts> {
  const counts: BatchCounts = { stored: 0, unchanged: 0, failed: 0 };
  // Ids met in this batch: a text given twice is analysed once.
  const seen = new Set<string>();
  const work = async (piece: Piece): Promise<Built[]> => {
    const built = piece.kind === 'error' ? [{ ok: false as const, origin: piece.origin, error: piece.error }]
      : piece.kind === 'document' ? [{ ok: true as const, doc: piece.doc }]
      : await pool.build(piece, base);
    return Promise.all(built.map(async (r): Promise<Built> => {
      if (!r.ok) return { kind: 'failed', origin: r.origin, error: r.error };
      const { id } = r.doc, origin = r.doc.meta.origin;
      if (seen.has(id) || (await store.hasDocument(id))) return { kind: 'unchanged', id, origin };
      seen.add(id);
      try {
        return { kind: 'analysed', doc: await pool.analyse(r.doc) };
      } catch (e) {
        return { kind: 'failed', origin, error: `not analysed: ${(e as Error).message}` };
      }
    }));
  };
  const sink = async (results: Built[], piece: Piece) => {
    for (const r of results) {
      let o: Outcome;
      if (r.kind !== 'analysed') o = r;
      else {
        try {
          const { id, inserted } = await store.putDocument(r.doc);
          o = { kind: inserted ? 'stored' : 'unchanged', id, origin: r.doc.meta.origin };
        } catch (e) {
          o = { kind: 'failed', origin: r.doc.meta.origin, error: `not stored: ${(e as Error).message}` };
        }
      }
      counts[o.kind]++;
      onOutcome(o, piece);
    }
  };
  await inOrder(pieces, Math.max(4, pool.workers * 4), work, sink);
  return counts;
}
