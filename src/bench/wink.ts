// The yardstick beside our pipeline in `sitrep bench`: wink-nlp's tokenise + POS + NER pass
// (wink-eng-lite-web-model) over the same texts. wink-nlp is a dev dependency of the benchmark only:
// without it installed the comparison is left out, and says so.
import { createRequire } from 'node:module';

export interface Wink { load_ms: number; pass(texts: string[]): void }

export function loadWink(): Wink | { missing: string } {
  const require = createRequire(import.meta.url);
  const t0 = performance.now();
  try {
    const winkNLP = require('wink-nlp');
    const its = winkNLP.its ?? require('wink-nlp/src/its.js');
    // The pipe: sentence boundaries, POS and named entities (tokenisation always runs).
    const nlp = winkNLP(require('wink-eng-lite-web-model'), ['sbd', 'pos', 'ner']);
    const load_ms = +(performance.now() - t0).toFixed(1);
    return {
      load_ms,
      pass(texts) { for (const t of texts) { const d = nlp.readDoc(t); d.tokens().out(its.pos); d.entities().out(); } },
    };
  } catch (e) {
    return { missing: `wink-nlp not installed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): npm install --include=dev` };
  }
}
