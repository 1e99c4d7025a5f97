import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { it } from 'node:test';
import { runBench } from '../src/bench/index.ts';

it('bench runs over given inputs and reports well-formed figures', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
  writeFileSync(join(d, 'a.txt'), 'Clashes in the north\n\nFighting between the army and rebels near Goma killed four people on Friday, officials said.');
  let text = '';
  const out = new Writable({ write(chunk, _e, cb) { text += chunk; cb(); } });
  assert.equal(await runBench({ paths: [d], json: true, out, seconds: 0.05, warmupSeconds: 0 }), 0);
  const r = JSON.parse(text);
  assert.equal(r.inputs, 1);
  assert.ok(r.words > 0 && r.words_per_second > 0 && r.peak_rss_mb > 0);
  // The warm-up is not counted: one round at least, and the cold documents are timed apart.
  assert.ok(r.warmup_documents >= 1 && r.first_document_ms > 0 && r.second_document_ms > 0);
  assert.ok(r.words_per_second_p10 <= r.words_per_second_p90);
  assert.equal(r.words, r.rounds * (r.words / r.rounds));
  assert.ok(Math.abs(Object.values(r.stage_share as Record<string, number>).reduce((a, b) => a + b, 0) - 1) < 0.01);
});

it('bench --web fills a store with the asked number of incidents and times the API (and the page when a browser is there)', async () => {
  const { runWebBench } = await import('../src/bench/web.ts');
  const r = await runWebBench({ incidents: 60, runs: 1 });
  assert.ok(r.incidents >= 60, String(r.incidents));
  for (const ms of Object.values(r.api_ms)) assert.ok(ms >= 0);
  assert.ok(r.first_load_ms ? r.first_load_ms.runs.length === 1 && r.page_ready_ms!.median > 0 : /no Chromium/.test(r.note ?? ''));
});

it('bench puts wink-nlp beside the pipeline on the same texts, measured in alternate rounds', async () => {
  let text = '';
  const out = new Writable({ write(chunk, _e, cb) { text += chunk; cb(); } });
  assert.equal(await runBench({ json: true, out, seconds: 0.05, warmupSeconds: 0 }), 0);
  const r = JSON.parse(text);
  assert.ok(r.wink_nlp.words_per_second > 0 && r.wink_nlp.rounds === r.rounds, JSON.stringify(r.wink_nlp));
  assert.ok(r.ratio_to_wink > 0);
});

it('bench --ingest stores a batch of invented reports with the asked thread counts and reports rate, time per document and memory', async () => {
  const { runIngestBench } = await import('../src/bench/ingest.ts');
  const r = await runIngestBench({ documents: 12, workers: [1] });
  assert.equal(r.runs.length, 1);
  const [one] = r.runs;
  assert.equal(one.stored, 12);
  assert.equal(one.failed, 0);
  assert.ok(one.documents_per_second > 0 && one.peak_rss_mb.end > 0 && one.ms_per_document.first_200 > 0, JSON.stringify(one));
  const { syntheticDocuments } = await import('../src/bench/synthetic.ts');
  const docs = syntheticDocuments(500);
  assert.equal(new Set(docs.map((d) => d.content)).size, 500, 'every invented report differs');
  assert.ok(docs.some((d) => d.format === 'html') && docs.some((d) => d.format === 'text'));
});
