// Each kind of bench loads only its own modules.
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep bench [PATH...] [options]

Measure the whole pipeline (raw input to analysed document) on one core: words per second in steady
state (after a warm-up, with the spread over rounds), the first documents' cold cost, model load time,
peak memory and each stage's share of the time. Default input: the bundled examples.

Options:
  --benchmarks   add the texts of ../shared/benchmarks (conll, gwn, polnear, timebank) when present
  --seconds N    measure for at least N seconds (default 3)
  --warmup N     warm up for N seconds first, not counted (default 1; 0 = a few documents only)
  --json         print the figures as JSON
  --ingest N     instead: store N invented, varied reports (a JSONL batch) into a fresh SQLite store
                 with 1 and with 2 analysis threads: documents/s, ms per document over the batch, peak
                 memory (--workers 1,2,4 to choose the thread counts)
  --web          instead: fill a store with --incidents N incidents (default 10000), serve it, and
                 time the web app's first page load in headless Chromium and the API's responses
  -h, --help     show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, benchmarks: { type: 'boolean' }, seconds: { type: 'string' }, warmup: { type: 'string' }, web: { type: 'boolean' }, incidents: { type: 'string' }, ingest: { type: 'string' }, workers: { type: 'string' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (values.ingest !== undefined) {
    const n = Number(values.ingest);
    if (!Number.isInteger(n) || n < 2) throw new UsageError('--ingest must be a whole number of documents, 2 or more');
    const workers = (values.workers ?? '1,2').split(',').map(Number);
    if (!workers.every((w) => Number.isInteger(w) && w >= 1 && w <= 64)) throw new UsageError('--workers must be thread counts from 1 to 64, separated by commas');
    const { runIngestBench } = await import('../../bench/ingest.ts');
    const r = await runIngestBench({ documents: n, workers });
    if (values.json) { io.out.write(JSON.stringify(r, null, 2) + '\n'); return 0; }
    io.out.write(`sitrep bench --ingest: ${r.documents} invented reports (${r.words.toLocaleString('en')} words, a quarter HTML) stored into a fresh SQLite store; ${r.cores} cores, ${r.node}\n`);
    for (const x of r.runs) {
      io.out.write(`  ${x.workers} worker${x.workers > 1 ? 's' : ' '}  ${x.documents_per_second} documents/s (steady, ${x.seconds_steady} s; ${x.seconds_total} s with start-up), ${x.stored} stored, ${x.failed} failed\n`);
      io.out.write(`             ms per document: first 200 ${x.ms_per_document.first_200}, 200 to middle ${x.ms_per_document.to_middle}, second half ${x.ms_per_document.second_half}; peak RSS ${x.peak_rss_mb.after_200} MB after 200, ${x.peak_rss_mb.end} MB at the end\n`);
    }
    io.out.write(`  work per document, timed step after step in one thread: workers build ${r.work_ms.build} ms + analyse ${r.work_ms.analyse} ms; the writer takes the result ${r.work_ms.clone} ms + stores it ${r.work_ms.store} ms\n`);
    if (r.speedup !== undefined) io.out.write(`  2 workers / 1 worker: ${r.speedup}x measured (wall clock: moves with the machine's load)\n`);
    io.out.write(`  2 workers / 1 worker on 2 idle cores, from that split: at most ${r.speedup_bound_2_cores}x\n`);
    return 0;
  }
  if (values.web) {
    const n = values.incidents === undefined ? 10000 : Number(values.incidents);
    if (!Number.isInteger(n) || n < 1) throw new UsageError('--incidents must be a positive whole number');
    const { runWebBench } = await import('../../bench/web.ts');
    const r = await runWebBench({ incidents: n });
    if (values.json) { io.out.write(JSON.stringify(r, null, 2) + '\n'); return 0; }
    io.out.write(`sitrep bench --web: ${r.incidents} incidents in the store (filled in ${r.fill_seconds} s)\n`);
    for (const [path, ms] of Object.entries(r.api_ms)) io.out.write(`  api ${path.padEnd(40)} ${ms} ms\n`);
    if (r.first_load_ms) io.out.write(`  first page load (map, timeline, list drawn; ${r.browser}): median ${r.first_load_ms.median} ms, max ${r.first_load_ms.max} ms over ${r.first_load_ms.runs.length} cold loads\n`);
    if (r.page_ready_ms) io.out.write(`  ready by the page's own clock (navigation start to ready): median ${r.page_ready_ms.median} ms, max ${r.page_ready_ms.max} ms\n`);
    if (r.note) io.out.write(`  ${r.note}\n`);
    return 0;
  }
  const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
  if (seconds !== undefined && !(seconds > 0)) throw new UsageError('--seconds must be a positive number');
  const warmupSeconds = values.warmup === undefined ? undefined : Number(values.warmup);
  if (warmupSeconds !== undefined && !(warmupSeconds >= 0)) throw new UsageError('--warmup must be a number of seconds, 0 or more');
  const { runBench } = await import('../../bench/index.ts');
  return runBench({ paths: positionals, json: !!values.json, out: io.out, benchmarks: !!values.benchmarks, seconds, warmupSeconds });
}
