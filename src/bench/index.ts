// `sitrep bench`: throughput (words per second) and memory of the whole pipeline, from raw input to an
// analysed document. A benchmark, not a test: figures to compare between versions on one machine.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentFrom } from '../ingest/index.ts';
import { STAGES } from '../pipeline/index.ts';
import { loadTagger, MODEL_PATH } from '../entities/tagger.ts';
import { GAZETTEER_PATH, loadGazetteer } from '../where/gazetteer.ts';
import { loadWink } from './wink.ts';

export interface BenchOptions { paths?: string[]; json: boolean; out: NodeJS.WritableStream; benchmarks?: boolean; seconds?: number; warmupSeconds?: number; wink?: boolean }

interface Input { origin: string; content: string; format: 'text' | 'html' }

const EXAMPLES = fileURLToPath(new URL('../../examples/articles', import.meta.url));
const BENCHMARK_TEXT_SETS = ['conll-valid', 'gwn', 'polnear-dev', 'timebank-aquaint'];

function collect(path: string, out: Input[]): void {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) collect(join(path, name), out);
    return;
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.html' || ext === '.htm') out.push({ origin: path, content: readFileSync(path, 'utf8'), format: 'html' });
  else if (ext === '.txt') out.push({ origin: path, content: readFileSync(path, 'utf8'), format: 'text' });
  else if (ext === '.jsonl') {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      if (typeof r.text === 'string') out.push({ origin: path, content: r.text, format: 'text' });
      else if (typeof r.html === 'string') out.push({ origin: path, content: r.html, format: 'html' });
    }
  }
}

export async function runBench(opts: BenchOptions): Promise<number> {
  const inputs: Input[] = [];
  const paths = opts.paths?.length ? opts.paths : [EXAMPLES];
  for (const p of paths) {
    if (!existsSync(p)) { process.stderr.write(`sitrep bench: ${p}: no such file or directory\n`); return 1; }
    collect(p, inputs);
  }
  if (opts.benchmarks) {
    const root = fileURLToPath(new URL('../../../shared/benchmarks', import.meta.url));
    for (const set of BENCHMARK_TEXT_SETS) if (existsSync(join(root, set, 'items.jsonl'))) collect(join(root, set, 'items.jsonl'), inputs);
  }
  if (!inputs.length) { process.stderr.write('sitrep bench: no .txt, .html or .jsonl inputs found\n'); return 1; }

  // Cold start: the shipped model and lexicons, loaded once per process.
  const t0 = performance.now();
  loadTagger();
  const t1 = performance.now();
  loadGazetteer();
  const loadMs = t1 - t0;
  const gazetteerMs = performance.now() - t1;

  const stageMs: Record<string, number> = Object.fromEntries([['ingest', 0], ...STAGES.map((s) => [s.name, 0])]);
  let words = 0, docs = 0, peakRss = 0, peakHeap = 0;
  const analyseOne = (input: Input, timed: boolean): number => {
    let t = performance.now();
    const doc = documentFrom(input.content, input.format, { origin: input.origin });
    let now = performance.now();
    if (timed) stageMs.ingest += now - t;
    for (const stage of STAGES) {
      t = now;
      stage.run(doc);
      now = performance.now();
      if (timed) stageMs[stage.name] += now - t;
    }
    let n = 0;
    for (const tok of doc.tokens) if (tok.kind === 'word' || tok.kind === 'number') n++;
    return n;
  };

  // Cold: what one `sitrep extract` pays after loading. The first documents also compile the big regular
  // expressions (V8 compiles a pattern to machine code on its second use) and warm the JIT; a short run
  // that counted them would measure start-up, not throughput, so they are reported apart and the measured
  // rounds start after a warm-up.
  let t = performance.now();
  analyseOne(inputs[0]!, false);
  const firstDocMs = performance.now() - t;
  t = performance.now();
  analyseOne(inputs[1 % inputs.length]!, false);
  const secondDocMs = performance.now() - t;
  const warmupBudget = (opts.warmupSeconds ?? 1) * 1000;
  const warmStart = performance.now();
  // Documents, not whole rounds: a large input set is warm long before one pass over it ends.
  let warmupDocs = 0;
  while (performance.now() - warmStart < warmupBudget || warmupDocs < Math.min(inputs.length, 8)) analyseOne(inputs[warmupDocs++ % inputs.length]!, false);

  // wink-nlp over the same normalised texts, one pass after each of our rounds: both see the same
  // moments of a shared machine's load, so their ratio holds when the absolute figures do not.
  const wink = opts.wink === false ? { missing: 'not asked' } : loadWink();
  const texts = inputs.map((i) => documentFrom(i.content, i.format, { origin: i.origin }).text);
  if ('pass' in wink) wink.pass(texts);
  let winkMs = 0, winkRounds = 0, oursBesideWinkMs = 0, oursMs = 0;
  const roundRates: number[] = [];
  const budget = (opts.seconds ?? 3) * 1000;
  const start = performance.now();
  let rounds = 0;
  let lastSample = -Infinity;
  const sampleMemory = () => {
    const mem = process.memoryUsage();
    peakRss = Math.max(peakRss, mem.rss);
    peakHeap = Math.max(peakHeap, mem.heapUsed);
    lastSample = performance.now();
  };
  // Whole rounds over the inputs until the time budget is spent, so every input weighs the same.
  do {
    const roundStart = performance.now();
    let roundWords = 0;
    for (const input of inputs) { roundWords += analyseOne(input, true); docs++; }
    words += roundWords;
    const roundMs = performance.now() - roundStart;
    oursMs += roundMs;
    roundRates.push(roundWords / (roundMs / 1000));
    rounds++;
    if ('pass' in wink) {
      const w = performance.now();
      wink.pass(texts);
      winkMs += performance.now() - w;
      winkRounds++;
      oursBesideWinkMs += roundMs;
    }
    // Memory is sampled a few times a second: reading it costs as much as a small document.
    if (performance.now() - lastSample > 250) sampleMemory();
  } while (oursMs < budget);
  sampleMemory();
  const seconds = oursMs / 1000;
  const total = Object.values(stageMs).reduce((a, b) => a + b, 0);
  const winkFigures = 'pass' in wink ? { words_per_second: Math.round((winkRounds * words) / rounds / (winkMs / 1000)), load_ms: wink.load_ms, rounds: winkRounds } : wink;
  // Our time over the rounds that had a wink-nlp round beside them, against wink-nlp's: same texts, same moments.
  const winkRatio = 'pass' in wink && winkMs > 0 ? +((winkMs / winkRounds) / (oursBesideWinkMs / winkRounds)).toFixed(3) : undefined;
  roundRates.sort((a, b) => a - b);
  const quantile = (q: number) => Math.round(roundRates[Math.min(roundRates.length - 1, Math.floor(q * roundRates.length))]!);
  const result = {
    inputs: inputs.length,
    rounds,
    warmup_documents: warmupDocs,
    documents: docs,
    words,
    seconds,
    words_per_second: Math.round(words / seconds),
    // Spread of the per-round rates: how much the machine varied during the run.
    words_per_second_p10: quantile(0.1),
    words_per_second_p90: quantile(0.9),
    documents_per_second: +(docs / seconds).toFixed(1),
    first_document_ms: +firstDocMs.toFixed(1),
    second_document_ms: +secondDocMs.toFixed(1),
    model_load_ms: +loadMs.toFixed(1),
    model_bytes: statSync(MODEL_PATH).size,
    gazetteer_load_ms: +gazetteerMs.toFixed(1),
    gazetteer_bytes: statSync(GAZETTEER_PATH).size,
    peak_rss_mb: +(peakRss / 1048576).toFixed(1),
    peak_heap_mb: +(peakHeap / 1048576).toFixed(1),
    stage_share: Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, +(v / total).toFixed(3)])),
    wink_nlp: winkFigures,
    // Our whole pipeline (syntax layer included) against wink-nlp's tokenise + POS + NER, same texts.
    ratio_to_wink: winkRatio,
    node: process.version,
  };
  if (opts.json) opts.out.write(JSON.stringify(result, null, 2) + '\n');
  else {
    opts.out.write(
      [
        `sitrep bench: ${inputs.length} inputs x ${rounds} rounds = ${docs} documents, ${words} words in ${seconds.toFixed(2)} s after ${warmupDocs} warm-up documents (one core, ${process.version})`,
        `  throughput   ${result.words_per_second.toLocaleString('en')} words/s  (${result.documents_per_second} documents/s; rounds p10–p90 ${result.words_per_second_p10.toLocaleString('en')}–${result.words_per_second_p90.toLocaleString('en')})`,
        `  cold start   first document ${result.first_document_ms} ms, second ${result.second_document_ms} ms (regex compilation, JIT)`,
        `  model load   ${result.model_load_ms} ms  (tagger ${(result.model_bytes / 1e6).toFixed(2)} MB on disk)`,
        `  gazetteer    ${result.gazetteer_load_ms} ms  (${(result.gazetteer_bytes / 1e6).toFixed(2)} MB on disk)`,
        `  peak memory  ${result.peak_rss_mb} MB RSS, ${result.peak_heap_mb} MB heap`,
        'words_per_second' in winkFigures
          ? `  wink-nlp     ${winkFigures.words_per_second.toLocaleString('en')} words/s tokenise+POS+NER on the same texts: sitrep (whole pipeline, syntax included) = ${winkRatio}x`
          : `  wink-nlp     ${winkFigures.missing}`,
        `  time share   ${Object.entries(result.stage_share).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}`,
      ].join('\n') + '\n',
    );
  }
  return 0;
}
