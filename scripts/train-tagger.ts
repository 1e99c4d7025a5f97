// Trains the entity tagger on ../shared/training/conll-train and writes models/tagger.json.gz.
// Reproducible: fixed shuffling seed, fixed epochs. Usage: npm run train:tagger [-- --data DIR --epochs N]
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { lexiconGazetteer } from '../src/entities/gazetteer.ts';
import { Perceptron, TAGS } from '../src/entities/perceptron.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/training/conll-train' },
    dev: { type: 'string', default: '../shared/benchmarks/conll-valid' },
    epochs: { type: 'string', default: '8' },
    threshold: { type: 'string', default: '0.02' },
    out: { type: 'string', default: 'models/tagger.json.gz' },
  },
});

interface Item { text: string; entities: { start: number; end: number; type: string }[] }
type Sentence = { words: string[]; tags: number[] };

/** CoNLL items -> token sentences with BIO tag indices (tokens are the space-separated words). */
function sentences(path: string): Sentence[] {
  const out: Sentence[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const item = JSON.parse(line) as Item;
    const label = new Map<number, string>();
    for (const e of item.entities) label.set(e.start, e.type);
    let pos = 0;
    for (const sent of item.text.split('\n')) {
      const words: string[] = [];
      const tags: number[] = [];
      let open: { type: string; end: number } | undefined;
      let offset = pos;
      for (const w of sent.split(' ')) {
        if (!w) { offset += 1; continue; }
        const type = label.get(offset);
        let tag = 'O';
        if (type) {
          const ent = item.entities.find((e) => e.start === offset)!;
          open = { type, end: ent.end };
          tag = 'B-' + type;
        } else if (open && offset < open.end) tag = 'I-' + open.type;
        else open = undefined;
        words.push(w);
        tags.push(TAGS.indexOf(tag as (typeof TAGS)[number]));
        offset += w.length + 1;
      }
      pos += sent.length + 1;
      if (words.length && !(words.length === 1 && words[0] === '-DOCSTART-')) out.push({ words, tags });
    }
  }
  return out;
}

function spans(tags: number[]): string[] {
  const out: string[] = [];
  let start = -1;
  let type = '';
  const close = (i: number) => { if (start >= 0) out.push(`${start}-${i}-${type}`); start = -1; };
  tags.forEach((t, i) => {
    const tag = TAGS[t];
    if (tag === 'O') close(i);
    else if (tag.startsWith('B-') || tag.slice(2) !== type) { close(i); start = i; type = tag.slice(2); }
  });
  close(tags.length);
  return out;
}

function score(p: Perceptron, data: Sentence[]): { p: number; r: number; f: number } {
  let tp = 0, np = 0, ng = 0;
  for (const s of data) {
    const gold = new Set(spans(s.tags));
    const pred = spans(p.tag(s.words));
    np += pred.length;
    ng += gold.size;
    for (const x of pred) if (gold.has(x)) tp++;
  }
  const pr = tp / np, rc = tp / ng;
  return { p: pr, r: rc, f: (2 * pr * rc) / (pr + rc) };
}

let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

const t0 = performance.now();
const train = sentences(`${values.data}/items.jsonl`);
let dev: Sentence[] = [];
try { dev = sentences(`${values.dev}/items.jsonl`); } catch { /* dev set is optional */ }
console.log(`train: ${train.length} sentences; dev: ${dev.length}`);
const model = new Perceptron(lexiconGazetteer());
for (let epoch = 1; epoch <= Number(values.epochs); epoch++) {
  for (let i = train.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [train[i], train[j]] = [train[j], train[i]]; }
  let correct = 0, total = 0;
  for (const s of train) { correct += model.train(s.words, s.tags); total += s.words.length; }
  console.log(`epoch ${epoch}: token accuracy ${(correct / total).toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
model.average();
const data = model.serialise(Number(values.threshold));
// Common words: seen at least 5 times, mostly lowercase and never inside an entity. A lone capitalised
// common word ("See", "Nine") tagged as a name is more likely a sentence start than a name.
const seen = new Map<string, { lower: number; total: number; entity: number }>();
for (const s of train) s.words.forEach((w, i) => {
  const k = w.toLowerCase();
  const c = seen.get(k) ?? { lower: 0, total: 0, entity: 0 };
  c.total++;
  if (w === k) c.lower++;
  if (s.tags[i] !== 0) c.entity++;
  seen.set(k, c);
});
const common = [...seen].filter(([w, c]) => /^\p{L}+$/u.test(w) && c.total >= 5 && c.lower / c.total >= 0.6 && c.entity === 0).map(([w]) => w).sort();
const json = JSON.stringify({ version: 1, trainedOn: 'conll-train', common, ...data });
const gz = gzipSync(json, { level: 9 });
writeFileSync(values.out!, gz);
console.log(`common words ${common.length}`);
console.log(`features kept ${Object.keys(data.features).length} of ${model.weights.size}; ${values.out} ${(gz.length / 1e6).toFixed(2)} MB`);
if (dev.length) {
  const s = score(Perceptron.deserialise(data, lexiconGazetteer()), dev);
  console.log(`conll-valid (token-level tagger, gold tokens): P ${s.p.toFixed(4)} R ${s.r.toFixed(4)} F1 ${s.f.toFixed(4)}`);
}
console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
