// Analysis on every core: a pool of worker threads (piscina) that build documents from input and run the
// pipeline over them, while the calling thread reads input and is the store's one writer. workers = 0
// runs the same tasks in the calling thread (no threads started: small batches, debugging).
import { availableParallelism } from 'node:os';
import type { Document, DocumentMeta } from '../model/document.ts';
import type { Piece } from '../ingest/read.ts';
import type { IngestResult } from '../ingest/types.ts';
import type { Task } from './task.ts';

export const DEFAULT_WORKERS = availableParallelism();

export interface AnalysisPool {
  readonly workers: number;
  build(piece: Piece, base: Partial<DocumentMeta>): Promise<IngestResult[]>;
  analyse(doc: Document): Promise<Document>;
  close(): Promise<void>;
}

export async function openPool(workers = DEFAULT_WORKERS): Promise<AnalysisPool> {
  if (workers <= 0) {
    const { default: runTask } = await import('./task.ts');
    return {
      workers: 0,
      build: async (piece, base) => runTask({ kind: 'build', piece, base }) as Promise<IngestResult[]>,
      analyse: async (doc) => runTask({ kind: 'analyse', doc }) as Promise<Document>,
      close: async () => {},
    };
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina<Task, IngestResult[] | Document>({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    // A few tasks queued per thread keep it busy while the writer stores; more would only hold memory.
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: 4096 },
  });
  return {
    workers,
    build: (piece, base) => pool.run({ kind: 'build', piece, base }) as Promise<IngestResult[]>,
    analyse: (doc) => pool.run({ kind: 'analyse', doc }) as Promise<Document>,
    close: () => pool.destroy(),
  };
}

/**
 * Runs work over a stream of items with at most `window` in flight and hands each result to `sink` in
 * the items' order: the writer stores documents in input order however the threads finish.
 */
export async function inOrder<T, R>(items: AsyncIterable<T> | Iterable<T>, window: number, work: (item: T) => Promise<R>, sink: (result: R, item: T) => Promise<void> | void): Promise<void> {
  const pending: { item: T; result: Promise<R> }[] = [];
  const drain = async () => {
    const head = pending.shift()!;
    await sink(await head.result, head.item);
  };
  for await (const item of items) {
    const result = work(item);
    // A rejection is seen when its turn comes; until then it must not count as unhandled.
    result.catch(() => {});
    pending.push({ item, result });
    if (pending.length >= window) await drain();
  }
  while (pending.length) await drain();
}
