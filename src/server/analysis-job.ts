// Runs in the analysis worker: one uploaded article at a time -> an analysed Document, or why not.
import { parentPort } from 'node:worker_threads';
import { analyseBounded } from '../ingest/bounded.ts';
import { documentFrom, InputError } from '../ingest/index.ts';
import type { AnalysisInput, AnalysisOutput } from './analysis.ts';

parentPort!.on('message', (input: AnalysisInput) => {
  let out: AnalysisOutput;
  try {
    out = { ok: true, doc: analyseBounded(documentFrom(input.content, input.format, input.meta)) };
  } catch (e) {
    out = { ok: false, input: e instanceof InputError, message: (e as Error)?.message ?? String(e) };
  }
  parentPort!.postMessage(out);
});
