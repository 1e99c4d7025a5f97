// Uploads are analysed off the server's event loop, in one worker thread, with a time and memory
// budget: a hostile 100 KB upload stalled /api/health for 10 s when it ran on the loop. One article
// at a time; a few wait their turn, more are refused (503). A worker over its budget is ended and a
// fresh one started for the next upload.
import { Worker } from 'node:worker_threads';
import { InputError } from '../ingest/index.ts';
import type { Document, DocumentMeta } from '../model/document.ts';
import { HttpError } from './api.ts';

export interface AnalysisInput { content: string; format: 'text' | 'html'; meta: Partial<DocumentMeta> & { origin: string } }
export type AnalysisOutput = { ok: true; doc: Document } | { ok: false; input: boolean; message: string };

export const ANALYSIS_LIMITS = {
  /** Wall time one upload may take (env SITREP_ANALYSIS_SECONDS). */
  ms: (Number(process.env.SITREP_ANALYSIS_SECONDS) || 60) * 1000,
  /** The worker's heap (MB). */
  heapMb: 2048,
  /** Uploads waiting behind the one being analysed. */
  queue: 8,
};

let worker: Worker | undefined;
let chain: Promise<unknown> = Promise.resolve();
let waiting = 0;

function start(): Worker {
  const w = new Worker(new URL('./analysis-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: ANALYSIS_LIMITS.heapMb } });
  // An idle worker does not keep the process alive; a busy one is waited for by its request.
  w.unref();
  w.on('error', () => {});
  w.on('exit', () => { if (worker === w) worker = undefined; });
  return w;
}

function runOne(input: AnalysisInput): Promise<Document> {
  return new Promise((resolve, reject) => {
    const w = (worker ??= start());
    const done = () => { clearTimeout(timer); w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit); };
    const onMessage = (m: AnalysisOutput) => {
      done();
      if (m.ok) resolve(m.doc);
      else reject(m.input ? new InputError(m.message) : new Error(m.message));
    };
    const onError = (e: Error & { code?: string }) => {
      done();
      if (worker === w) worker = undefined;
      reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new HttpError(422, `the article needs more than ${ANALYSIS_LIMITS.heapMb} MB to analyse: not stored; split it`) : e);
    };
    const onExit = (code: number) => { done(); if (worker === w) worker = undefined; reject(new Error(`the analysis worker exited (code ${code})`)); };
    const timer = setTimeout(() => {
      done();
      if (worker === w) worker = undefined;
      void w.terminate();
      reject(new HttpError(422, `the article took over ${ANALYSIS_LIMITS.ms / 1000} s to analyse: not stored; split it or ingest it with the CLI`));
    }, ANALYSIS_LIMITS.ms);
    w.on('message', onMessage);
    w.once('error', onError);
    w.once('exit', onExit);
    w.postMessage(input);
  });
}

/** Analyse one upload in the worker: the Document, an InputError for what the client sent, or an HttpError. */
export function analyseUpload(input: AnalysisInput): Promise<Document> {
  if (waiting > ANALYSIS_LIMITS.queue) return Promise.reject(new HttpError(503, 'too many articles are being analysed: try again in a minute'));
  waiting++;
  const run = chain.then(() => runOne(input));
  chain = run.catch(() => {});
  return run.finally(() => { waiting--; });
}

/** End the worker (tests, shutdown). */
export async function stopAnalysis(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
