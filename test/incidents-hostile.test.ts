// The incidents stage stays near-linear on long hostile texts: one paragraph of the same one-line
// casualty report repeated, and a run of bare numbers. Both took minutes before (a scan of every
// mention, place or claim per candidate actor; a scan of the whole sentence per token).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentFrom } from '../src/ingest/index.ts';
import { STAGES } from '../src/pipeline/index.ts';

function incidentsSeconds(text: string): number {
  const doc = documentFrom(text, 'text', { origin: 'hostile.txt', published: '2025-01-01' });
  let seconds = 0;
  for (const stage of STAGES) {
    const t = performance.now();
    stage.run(doc);
    if (stage.name === 'incidents') seconds = (performance.now() - t) / 1000;
  }
  return seconds;
}

test('incidents: 300 KB of one repeated casualty line and of bare numbers, each in a generous bound', () => {
  const line = 'Three villagers were killed and four hurt by a bomb in Kabul on Sunday, officials said. ';
  const reports = line.repeat(Math.ceil(300_000 / line.length));
  const numbers = '12 '.repeat(100_000);
  for (const text of [reports, numbers]) assert.ok(incidentsSeconds(text) < 8, 'the incidents stage took too long');
});
