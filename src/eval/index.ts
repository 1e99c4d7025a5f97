// `sitrep eval DIR`: our gold corpus (folders with gold.json) and/or public benchmark sets (folders with
// manifest.json), found at DIR or one level below. Table by default, one JSON object with --json.
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ANCHORS, HEADLINE } from './anchors.ts';
import { AREAS, evaluateArticle, summarise, type AreaScore, type CorpusDocResult } from './corpus.ts';
import { evaluateFusion, type FusionScore } from './fusion.ts';
import { scorerFor } from './scorers.ts';
import { STAGES } from '../pipeline/index.ts';

export interface EvalOptions { json: boolean; out: NodeJS.WritableStream; limit?: number; progress?: boolean }

export interface SetResult { task: string; items: number; built: boolean; note?: string; seconds: number; metrics: Record<string, number> }

const isCorpusArticle = (d: string) => existsSync(join(d, 'gold.json'));
const isFusionSet = (d: string) => existsSync(join(d, 'fusion.jsonl'));
const isBenchmark = (d: string) => existsSync(join(d, 'manifest.json')) && existsSync(join(d, 'items.jsonl'));

function subdirs(dir: string): string[] {
  return readdirSync(dir).sort().map((n) => join(dir, n)).filter((p) => statSync(p).isDirectory());
}

/** Score one benchmark set, streaming its items. */
export async function evaluateSet(dir: string, opts: Pick<EvalOptions, 'limit' | 'progress'> = {}): Promise<SetResult> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const scorer = await scorerFor(manifest.task);
  // A task nobody has written a scorer for yet is reported, not fatal: the other sets still run.
  if (!scorer) return { task: manifest.task, items: 0, built: false, note: `not built (no scorer for task ${manifest.task})`, seconds: 0, metrics: {} };
  const built = scorer.needs.every((n) => STAGES.some((s) => s.name === n));
  const t0 = performance.now();
  const state = scorer.init();
  const total: number = manifest.item_count ?? 0;
  let items = 0;
  if (built) {
    const lines = createInterface({ input: createReadStream(join(dir, 'items.jsonl')), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const item = JSON.parse(line);
      scorer.add(state, item, scorer.predict(item, manifest));
      items++;
      if (opts.progress && (items % 5 === 0 || items === total)) {
        const width = 30;
        const done = total ? Math.round((items / total) * width) : 0;
        process.stderr.write(`\r${manifest.name ?? dir} [${'#'.repeat(done)}${' '.repeat(width - done)}] ${items}/${total || '?'}`);
      }
      if (opts.limit && items >= opts.limit) break;
    }
    if (opts.progress) process.stderr.write('\r\x1b[K');
  }
  const metrics = scorer.finish(state);
  if (!built) for (const k of Object.keys(metrics)) metrics[k] = 0;
  return {
    task: manifest.task, items, built, seconds: (performance.now() - t0) / 1000, metrics,
    ...(built ? {} : { note: `not built (needs the ${scorer.needs.join(', ')} stage)` }),
  };
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

function corpusTable(areas: Record<string, AreaScore>, docs: number): string {
  const lines = [`Gold corpus: ${docs} documents`, `  ${'area'.padEnd(12)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   tp/fp/fn`];
  for (const [area, s] of Object.entries(areas)) {
    lines.push(`  ${area.padEnd(12)} ${pct(s.precision)}% ${pct(s.recall)}% ${pct(s.f1)}%   ${s.tp}/${s.fp}/${s.fn}${s.note ? '   ' + s.note : ''}`);
    for (const kind of ['direct', 'reported'] as const) {
      const k = s[kind];
      if (k && s.note === undefined) lines.push(`  ${('  ' + kind).padEnd(12)} ${pct(k.precision)}% ${pct(k.recall)}% ${pct(k.f1)}%   ${k.tp}/${k.fp}/${k.fn}`);
    }
    if (s.per_claim && s.note === undefined) lines.push(`  ${'  per claim'.padEnd(12)} ${pct(s.per_claim.precision)}% ${pct(s.per_claim.recall)}% ${pct(s.per_claim.f1)}%`);
  }
  return lines.join('\n');
}

function setTable(name: string, r: SetResult): string {
  const anchors = (ANCHORS[r.task] ?? []).filter((a) => a.set === undefined || a.set === name);
  const lines = [`${name} (${r.task}, ${r.items} items, ${r.seconds.toFixed(1)} s)${r.note ? ': ' + r.note : ''}`];
  const head = HEADLINE[r.task];
  for (const [k, v] of Object.entries(r.metrics)) {
    const anchor = anchors.filter((a) => a.metric === k).map((a) => `${a.baseline ? 'baseline: ' : ''}${a.system} ${(a.value * 100).toFixed(1)}${a.verified === false ? ' (unverified)' : ''}`).join('; ');
    // Counts (how many items a rate is over) print as counts.
    const value = k.endsWith('_km') ? v.toFixed(1).padStart(7) + ' km' : k.endsWith('_scored') ? String(v).padStart(6) + ' ' : pct(v) + '%';
    lines.push(`  ${(k === head ? '* ' : '  ') + k.padEnd(22)} ${value}${anchor ? '   vs ' + anchor : ''}`);
  }
  return lines.join('\n');
}

export async function runEval(dir: string, opts: EvalOptions): Promise<number> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`sitrep eval: ${dir}: not a directory\n`);
    return 1;
  }
  const articles: string[] = [];
  const sets: string[] = [];
  const fusionSets: string[] = [];
  const visit = (d: string, depth: number) => {
    if (isCorpusArticle(d)) articles.push(d);
    else if (isFusionSet(d)) fusionSets.push(d);
    else if (isBenchmark(d)) sets.push(d);
    else if (depth < 2) for (const s of subdirs(d)) visit(s, depth + 1);
  };
  visit(dir, 0);
  if (!articles.length && !sets.length && !fusionSets.length) {
    process.stderr.write(`sitrep eval: ${dir}: no gold.json articles, benchmark sets (manifest.json + items.jsonl) or fusion sets (fusion.jsonl) found\n`);
    return 1;
  }
  const progress = opts.progress ?? (!opts.json && process.stderr.isTTY === true);
  let failed = false;
  const result: { corpus?: { documents: number; words: number; areas: Record<string, AreaScore>; per_document: { id: string; f1: Record<string, number> }[] }; sets?: Record<string, SetResult>; fusion?: Record<string, FusionScore> } = {};
  for (const f of fusionSets) {
    const r = evaluateFusion(f);
    (result.fusion ??= {})[f] = r;
    if (!opts.json) opts.out.write(`Fusion ${f}: ${r.reports} reports, ${r.clusters} fused incidents; pairwise P ${pct(r.precision)}% R ${pct(r.recall)}% F1 ${pct(r.f1)}%   ${r.tp}/${r.fp}/${r.fn}${r.unplaced ? `   (${r.unplaced} reports without an incident)` : ''}\n\n`);
  }
  if (articles.length) {
    const docs: CorpusDocResult[] = [];
    for (const a of articles) {
      try {
        docs.push(evaluateArticle(a));
      } catch (e) {
        process.stderr.write(`sitrep eval: ${a}: ${(e as Error).message}\n`);
        return 1;
      }
    }
    const areas = summarise(docs);
    result.corpus = {
      documents: docs.length,
      words: docs.reduce((n, d) => n + d.words, 0),
      areas,
      per_document: docs.map((d) => ({ id: d.id, f1: Object.fromEntries(AREAS.map((a) => [a, summarise([d])[a].f1])) })),
    };
    if (!opts.json) opts.out.write(corpusTable(areas, docs.length) + '\n\n');
  }
  if (sets.length) {
    result.sets = {};
    for (const s of sets) {
      const manifest = JSON.parse(readFileSync(join(s, 'manifest.json'), 'utf8'));
      const name = manifest.name ?? s;
      let r: SetResult;
      try {
        r = await evaluateSet(s, { limit: opts.limit, progress });
      } catch (e) {
        // One set's failure (a scorer being written, a malformed item) is reported; the other sets still run.
        if (progress) process.stderr.write('\r\x1b[K');
        process.stderr.write(`sitrep eval: ${s}: ${(e as Error).message.split('\n')[0]}\n`);
        r = { task: manifest.task, items: 0, built: false, note: `failed: ${(e as Error).message.split('\n')[0]}`, seconds: 0, metrics: {} };
        failed = true;
      }
      result.sets[name] = r;
      if (!opts.json) opts.out.write(setTable(name, r) + '\n\n');
    }
  }
  if (opts.json) opts.out.write(JSON.stringify(result, null, 2) + '\n');
  return failed ? 1 : 0;
}
