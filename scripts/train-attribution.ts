// Trains the attribution stage's learned models (cue, content, source; src/attribution/learned.ts) on
// PolNeAR's training half in ../shared/training/polnear-train and writes models/attribution.bin.gz.
// Each article is segmented and parsed by our own syntax stage, as the pipeline will see it; gold spans
// are mapped onto its tokens. Reproducible: fixed seed, fixed epochs. Usage:
//   npm run train:attribution [-- --epochs 8 --holdout 0]
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAtoms, contentFeatures, cueFeatures, Feats, isSourceCandidate, markAncestors, sourceFeatures, type Atoms, type AttributionMeta } from '../src/attribution/learned.ts';
import { createDocument } from '../src/model/create.ts';
import type { Document } from '../src/model/document.ts';
import { segment } from '../src/segment/index.ts';
import { packModels } from '../src/syntax/artefact.ts';
import { parseSyntax, syntaxModels } from '../src/syntax/index.ts';
import { TrainablePerceptron } from '../src/syntax/perceptron.ts';
import { mulberry32, shuffle } from './random.ts';

const { values } = parseArgs({
  options: {
    training: { type: 'string', default: '../shared/training/polnear-train' },
    epochs: { type: 'string', default: '8' },
    holdout: { type: 'string', default: '0' },
    'cue-threshold': { type: 'string', default: '-10' },
    out: { type: 'string', default: 'models/attribution.bin.gz' },
    name: { type: 'string', default: 'polnear-1' },
  },
});

interface Span { start: number; end: number; fragments?: { start: number; end: number }[] }
interface Item { id: string; text: string; attributions: { source: Span | null; cue: Span; content: Span }[] }
interface Example { cue: number; content: Uint8Array; source: number }
interface Prepared { doc: Document; atoms: Atoms; cues: Uint8Array; examples: Example[] }


const overlaps = (t: { start: number; end: number }, s: Span) =>
  (s.fragments ?? [s]).some((x) => t.start < x.end && t.end > x.start);

/** Tokens overlapping a span, and among them the syntactic head (the first whose head lies outside). */
function headOf(doc: Document, span: Span, within?: [number, number]): number {
  const toks: number[] = [];
  const [s, e] = within ?? [0, doc.tokens.length];
  for (let i = s; i < e; i++) if (overlaps(doc.tokens[i], span)) toks.push(i);
  if (!toks.length) return -1;
  const set = new Set(toks);
  for (const i of toks) if (!set.has(doc.syntax!.head[i])) return i;
  return toks[0];
}

function prepare(item: Item): Prepared | undefined {
  const doc = createDocument(item.text, { origin: item.id, format: 'text' });
  segment(doc);
  parseSyntax(doc);
  const atoms = buildAtoms(doc);
  if (!atoms) return undefined;
  const cues = new Uint8Array(atoms.n);
  const examples: Example[] = [];
  for (const at of item.attributions) {
    const c = headOf(doc, at.cue);
    if (c < 0) continue;
    cues[c] = 1;
    const s = atoms.sentStart[c], e = atoms.sentEnd[c];
    if (e - s > 256) continue;
    const content = new Uint8Array(e - s);
    for (let t = s; t < e; t++) content[t - s] = overlaps(doc.tokens[t], at.content) ? 1 : 0;
    let source = -1;
    if (at.source) {
      const hd = headOf(doc, at.source, [s, e]);
      if (hd >= 0 && isSourceCandidate(atoms, c, hd)) source = hd;
      else if (hd >= 0) {
        // The head the parser gives is not a noun: the last nominal of the span stands for it.
        for (let t = e - 1; t >= s; t--) if (overlaps(doc.tokens[t], at.source) && isSourceCandidate(atoms, c, t)) { source = t; break; }
      }
    }
    examples.push({ cue: c, content, source });
  }
  return { doc, atoms, cues, examples };
}

const t0 = performance.now();
const random = mulberry32(20261201);
syntaxModels();
const items = readFileSync(join(values.training!, 'items.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Item);
const prepared: Prepared[] = [];
for (const item of items) { const p = prepare(item); if (p) prepared.push(p); }
const tPrep = performance.now();
process.stderr.write(`${prepared.length} articles, ${prepared.reduce((n, p) => n + p.atoms.n, 0)} tokens, ${prepared.reduce((n, p) => n + p.examples.length, 0)} attributions placed (of ${items.reduce((n, i) => n + i.attributions.length, 0)}); parsed in ${((tPrep - t0) / 1000).toFixed(1)} s\n`);

const holdout = Number(values.holdout);
const train = prepared.slice(0, prepared.length - holdout);
const held = prepared.slice(prepared.length - holdout);
const epochs = Number(values.epochs);
const BITS = 20;
const cue = new TrainablePerceptron(2, BITS), content = new TrainablePerceptron(2, BITS), source = new TrainablePerceptron(2, BITS);
const f = new Feats(), g = new Feats();
const sc = new Float64Array(2);
const marginOf = (m: TrainablePerceptron, x: Feats) => { m.score(x.buf, x.n, sc); return sc[1] - sc[0]; };
const copy = (from: Feats, to: Feats) => { to.buf.set(from.buf.subarray(0, from.n)); to.n = from.n; };

for (let ep = 0; ep < epochs; ep++) {
  let cueRight = 0, cueTotal = 0, contRight = 0, contTotal = 0, srcRight = 0, srcTotal = 0;
  for (const p of shuffle(train.slice(), random)) {
    const a = p.atoms;
    for (let i = 0; i < a.n; i++) {
      cueFeatures(a, i, f);
      const guess = marginOf(cue, f) > 0 ? 1 : 0;
      cue.update(f.buf, f.n, p.cues[i], guess);
      cueTotal++; if (guess === p.cues[i]) cueRight++;
    }
    for (const ex of shuffle(p.examples.slice(), random)) {
      const c = ex.cue, s = a.sentStart[c], e = a.sentEnd[c];
      markAncestors(a, c);
      for (let t = s; t < e; t++) {
        contentFeatures(a, c, t, f);
        const guess = marginOf(content, f) > 0 ? 1 : 0;
        content.update(f.buf, f.n, ex.content[t - s], guess);
        contTotal++; if (guess === ex.content[t - s]) contRight++;
      }
      // Source: a ranking over the candidates and "none", the best one trained towards the gold.
      let best = -1;
      sourceFeatures(a, c, -1, f);
      let bestScore = marginOf(source, f);
      for (let t = s; t < e; t++) {
        if (!isSourceCandidate(a, c, t) || ex.content[t - s]) continue;
        sourceFeatures(a, c, t, f);
        const m = marginOf(source, f);
        if (m > bestScore) { bestScore = m; best = t; }
      }
      srcTotal++;
      if (best === ex.source) { srcRight++; source.tick(); continue; }
      sourceFeatures(a, c, ex.source, g);
      source.update(g.buf, g.n, 1, 0);
      sourceFeatures(a, c, best, f);
      source.update(f.buf, f.n, 0, 1);
    }
  }
  process.stderr.write(`  epoch ${ep + 1}: cue ${(cueRight / cueTotal).toFixed(4)}, content ${(contRight / contTotal).toFixed(4)}, source ${(srcRight / srcTotal).toFixed(4)} on training\n`);
}
void copy;

// How often each lemma heads a gold cue: the prior the stage reads (meta.cueLemmas).
const lemmaStats = new Map<string, [number, number]>();
for (const p of train) {
  const syn = p.doc.syntax!;
  for (let i = 0; i < p.atoms.n; i++) {
    const l = syn.lemma[i].toLowerCase();
    const st = lemmaStats.get(l) ?? [0, 0];
    st[1]++;
    if (p.cues[i]) st[0]++;
    lemmaStats.set(l, st);
  }
}
const cueLemmas = [...lemmaStats].filter(([, [c]]) => c >= 3).map(([l, [c, n]]) => [l, c, n] as [string, number, number]).sort((x, y) => y[1] - x[1]);

const models = { cue: cue.export(0.25, 32), content: content.export(0.25, 32), source: source.export(0.25, 32) };
const tTrain = performance.now();
const meta: AttributionMeta = {
  name: values.name!,
  cueThreshold: Number(values['cue-threshold']),
  cueLemmas,
  trained: {
    data: 'PolNeAR train (networkdynamics/PolNeAR, data/train)', articles: train.length, epochs, bits: BITS,
    seconds: Math.round((tTrain - t0) / 1000), syntax: syntaxModels().name,
  },
};
const file = packModels(meta, models);
writeFileSync(values.out!, file);
process.stderr.write(`wrote ${values.out} (${(statSync(values.out!).size / 1024).toFixed(0)} KB: cue ${models.cue.buckets.length}, content ${models.content.buckets.length}, source ${models.source.buckets.length} buckets) in ${((tTrain - t0) / 1000).toFixed(1)} s\n`);
if (held.length) process.stderr.write(`held out: ${held.length} articles (not scored here; use sitrep eval)\n`);
