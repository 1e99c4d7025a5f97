// `sitrep bench --ingest N`: documents per second stored, read from a JSONL batch of N invented, varied
// reports into a fresh SQLite store, with 1 and with 2 (or --workers ...) analysis threads, in one run.
// Also: time per document over the batch (the first 200 against the rest: it should stay flat) and
// peak memory (the whole process, threads included) after 200 documents and at the end.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPieces } from '../ingest/read.ts';
import { openPool } from '../pool/index.ts';
import { ingestPieces } from '../pool/ingest.ts';
import { openStore } from '../store/index.ts';
import { syntheticDocuments } from './synthetic.ts';

export interface IngestBenchOptions { documents: number; workers?: number[]; seed?: number }

export interface IngestRun {
  workers: number;
  documents: number;
  stored: number;
  failed: number;
  /** From opening the pool to the last document stored. */
  seconds_total: number;
  /** From the first document stored to the last (threads started, models loaded). */
  seconds_steady: number;
  documents_per_second: number;
  /** Milliseconds per stored document over consecutive parts of the batch: [first 200, to the middle, the rest]. */
  ms_per_document: { first_200: number; to_middle: number; second_half: number };
  peak_rss_mb: { after_200: number; end: number };
}

export interface IngestBenchResult {
  documents: number; words: number; runs: IngestRun[]; speedup?: number;
  /** The work split, timed in one thread, each step right after the other on the same documents (so a
   * shared machine's load moves them alike): what the worker threads do (build, analyse) and what the
   * one writer does (take the result off the thread: a structured clone; store it), ms per document. */
  work_ms: { build: number; analyse: number; clone: number; store: number };
  /** What two workers reach at most on two idle cores from that split: the writer's part does not divide. */
  speedup_bound_2_cores: number;
  cores: number; node: string;
}

export async function runIngestBench(opts: IngestBenchOptions): Promise<IngestBenchResult> {
  const docs = syntheticDocuments(opts.documents, opts.seed);
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-ingest-'));
  const batch = join(dir, 'batch.jsonl');
  writeFileSync(batch, docs.map((d, i) => JSON.stringify({ [d.format]: d.content, url: `https://news.example.org/reports/${i}`, published: '2026-11-20' })).join('\n') + '\n');
  const words = docs.reduce((n, d) => n + (d.content.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
  const runs: IngestRun[] = [];
  try {
    for (const workers of opts.workers ?? [1, 2]) runs.push(await oneRun(batch, join(dir, `w${workers}.db`), workers, docs.length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const one = runs.find((r) => r.workers === 1), two = runs.find((r) => r.workers === 2);
  const { availableParallelism } = await import('node:os');
  const work = await workSplit(docs.slice(0, Math.min(docs.length, 120)), join(tmpdir(), `sitrep-bench-split-${process.pid}.db`));
  const writer = work.clone + work.store, analysis = work.build + work.analyse;
  // One worker: the slower of writer and analysis thread sets the pace; two: at best two cores share all the work.
  const bound = +Math.min(2, (2 * Math.max(writer, analysis)) / (writer + analysis), Math.max(writer, analysis) / Math.max(0.001, writer)).toFixed(2);
  return { documents: docs.length, words, runs, speedup: one && two ? +(two.documents_per_second / one.documents_per_second).toFixed(2) : undefined, work_ms: work, speedup_bound_2_cores: bound, cores: availableParallelism(), node: process.version };
}

async function workSplit(docs: { format: 'text' | 'html'; content: string }[], db: string): Promise<IngestBenchResult['work_ms']> {
  const { buildPiece } = await import('../ingest/read.ts');
  const { analyseBounded } = await import('../ingest/bounded.ts');
  const store = await openStore(db);
  const ms = { build: 0, analyse: 0, clone: 0, store: 0 };
  const warm = Math.min(20, Math.floor(docs.length / 4));
  try {
    for (const [i, d] of docs.entries()) {
      const t0 = performance.now();
      const [r] = await buildPiece({ kind: 'content', origin: `split-${i}`, format: d.format, content: d.content }, {});
      const t1 = performance.now();
      if (!r.ok) continue;
      const doc = analyseBounded(r.doc);
      const t2 = performance.now();
      const copy = structuredClone(doc);
      const t3 = performance.now();
      await store.putDocument(copy);
      const t4 = performance.now();
      if (i < warm) continue;
      ms.build += t1 - t0; ms.analyse += t2 - t1; ms.clone += t3 - t2; ms.store += t4 - t3;
    }
  } finally {
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  }
  const n = Math.max(1, docs.length - warm);
  return { build: +(ms.build / n).toFixed(2), analyse: +(ms.analyse / n).toFixed(2), clone: +(ms.clone / n).toFixed(2), store: +(ms.store / n).toFixed(2) };
}

async function oneRun(batch: string, db: string, workers: number, n: number): Promise<IngestRun> {
  const store = await openStore(db);
  let peak = 0, peakAt200 = 0;
  const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
  const timer = setInterval(sample, 100);
  const start = performance.now();
  const pool = await openPool(workers);
  const stamps: number[] = [];
  let counts;
  try {
    counts = await ingestPieces(readPieces([batch]), {}, store, pool, (o) => {
      if (o.kind !== 'stored') return;
      stamps.push(performance.now());
      if (stamps.length === 200) { sample(); peakAt200 = peak; }
    });
  } finally {
    clearInterval(timer);
    sample();
    await pool.close();
    await store.close();
  }
  const end = stamps.at(-1) ?? performance.now();
  const span = (a: number, b: number) => (b > a && stamps[b - 1] !== undefined && stamps[a] !== undefined ? +((stamps[b - 1] - stamps[a]) / (b - 1 - a)).toFixed(2) : 0);
  const mid = Math.floor(stamps.length / 2);
  const steady = stamps.length > 1 ? (end - stamps[0]) / 1000 : 0;
  return {
    workers, documents: n, stored: counts.stored, failed: counts.failed,
    seconds_total: +((end - start) / 1000).toFixed(2),
    seconds_steady: +steady.toFixed(2),
    documents_per_second: steady ? +((stamps.length - 1) / steady).toFixed(1) : 0,
    ms_per_document: { first_200: span(0, Math.min(200, stamps.length)), to_middle: span(200, mid), second_half: span(mid, stamps.length) },
    peak_rss_mb: { after_200: +(peakAt200 / 1048576).toFixed(1), end: +(peak / 1048576).toFixed(1) },
  };
}
