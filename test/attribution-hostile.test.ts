// Attribution on hostile input (issue 19): a megabyte of nested reported speech is analysed in bounded
// time, because every rule looks only inside a window of the parser's length and every lookup over
// mentions, quotes and statements is a bisection. Sentences invented for the test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attributeQuotes } from '../src/attribution/index.ts';
import { documentFromText } from '../src/ingest/index.ts';
import type { Document } from '../src/model/document.ts';
import { STAGES } from '../src/pipeline/index.ts';

/** The stages before attribution, run once (not timed). */
function prepared(text: string): Document {
  const doc = documentFromText(text, { origin: 'hostile.txt' });
  for (const stage of STAGES) {
    if (stage.name === 'attribution') break;
    stage.run(doc);
  }
  return doc;
}

function timedAttribution(doc: Document): number {
  const started = performance.now();
  attributeQuotes(doc);
  return performance.now() - started;
}

describe('attribution on hostile input', () => {
  it('a megabyte of "Ana Ruiz said that ..." nested in one sentence, some quoting words: analysed within 10 s', () => {
    const unit = 'Ana Ruiz said that Ana Ruiz said that "the river rose" and ';
    const doc = prepared('Testimony\n\nAna Ruiz spoke first. ' + unit.repeat(Math.ceil(1_000_000 / unit.length)) + 'the bridge held.');
    const ms = timedAttribution(doc);
    // Measured about 3 s on a loaded machine (57 s before the windows and indexes).
    assert.ok(ms < 10_000, `attribution took ${ms.toFixed(0)} ms`);
    assert.ok(doc.quotes.length > 1000);
    for (const q of doc.quotes.slice(0, 50)) assert.equal(q.text, doc.text.slice(q.start, q.end));
  });
});
