// Trains the incidents stage's learned event reading (src/incidents/events.ts) on MUC-4's training
// messages in ../shared/training/muc-train and writes models/events.bin.gz:
// - roles: a BIO tagger over tokens. The answer keys give strings, not offsets, so every occurrence of a
//   filler's strings in its message (at token boundaries, longest first) is labelled with its role:
//   perpetrator individual / organisation, physical target, victim (names only, as the scorer reads
//   them), weapon. Irrelevant messages teach that violence MUC does not template fills no role.
// - event: a sentence classifier. A sentence of a relevant message holding a filler of a template is an
//   incident of that template's type; every sentence of an irrelevant message is "none" (military
//   clashes, threats, old incidents, politics); other sentences of relevant messages are left out.
// Each message is segmented and parsed by our own syntax stage, as the pipeline will see it.
// Reproducible: fixed seed, fixed epochs. Usage:
//   npm run train:events [-- --epochs 8 --holdout 0]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildEventAtoms, EVENT_CLASSES, EventFeats, ROLE_NAMES, roleFeatures, sentenceFeatures, TAG_COUNT, tagTokens, type EventAtoms, type EventMeta, type RoleName } from '../src/incidents/events.ts';
import { createDocument } from '../src/model/create.ts';
import type { Document } from '../src/model/document.ts';
import { segment } from '../src/segment/index.ts';
import { packModels } from '../src/syntax/artefact.ts';
import { parseSyntax } from '../src/syntax/index.ts';
import { argmax, SparsePerceptron, TrainablePerceptron, type SparseModelData } from '../src/syntax/perceptron.ts';
import { mulberry32, shuffle } from './random.ts';

const { values } = parseArgs({
  options: {
    training: { type: 'string', default: '../shared/training/muc-train' },
    epochs: { type: 'string', default: '8' },
    holdout: { type: 'string', default: '0' },
    threshold: { type: 'string', default: '10' },
    'outside-bias': { type: 'string', default: '8' },
    biases: { type: 'string', default: '0,2,4,8,16' },
    out: { type: 'string', default: 'models/events.bin.gz' },
    name: { type: 'string', default: 'muc4-1' },
  },
});

interface Entity { mentions: string[]; name_mentions?: string[] }
interface Template { type: string; perp_individual?: Entity[]; perp_organization?: Entity[]; physical_target?: Entity[]; human_target?: Entity[]; instrument?: Entity[] }
interface Item { id: string; text: string; templates: Template[] }
interface Prepared { doc: Document; atoms: EventAtoms; tags: Uint8Array; sentences: { s: number; e: number; label: number }[] }

const FIELDS: [RoleName, (t: Template) => string[][]][] = [
  ['PerpInd', (t) => (t.perp_individual ?? []).map((e) => e.mentions)],
  ['PerpOrg', (t) => (t.perp_organization ?? []).map((e) => e.mentions)],
  ['Target', (t) => (t.physical_target ?? []).map((e) => e.mentions)],
  ['Victim', (t) => (t.human_target ?? []).map((e) => e.name_mentions ?? [])],
  ['Weapon', (t) => (t.instrument ?? []).map((e) => e.mentions)],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function prepare(item: Item): Prepared | undefined {
  const doc = createDocument(item.text, { origin: item.id, format: 'text' });
  segment(doc);
  parseSyntax(doc);
  const atoms = buildEventAtoms(doc);
  if (!atoms) return undefined;
  const tags = new Uint8Array(atoms.n);
  const templateOf = new Int16Array(atoms.n).fill(-1);
  const startAt = new Map(doc.tokens.map((t, i) => [t.start, i]));
  const endAt = new Map(doc.tokens.map((t, i) => [t.end, i]));
  // Every (string, role, template), longest string first, so "ARMY OF NATIONAL LIBERATION" wins over "ARMY".
  const wanted: { text: string; role: number; template: number }[] = [];
  item.templates.forEach((t, ti) => {
    for (const [role, get] of FIELDS) for (const mentions of get(t)) for (const m of mentions) if (m.trim()) wanted.push({ text: m.trim(), role: ROLE_NAMES.indexOf(role), template: ti });
  });
  wanted.sort((a, b) => b.text.length - a.text.length);
  for (const w of wanted) {
    const re = new RegExp(escape(w.text).replace(/\s+/g, '\\s+'), 'gi');
    for (const m of doc.text.matchAll(re)) {
      const i = startAt.get(m.index!), j = endAt.get(m.index! + m[0].length);
      if (i === undefined || j === undefined || j < i) continue;
      let free = true;
      for (let k = i; k <= j; k++) if (tags[k]) free = false;
      if (!free) continue;
      for (let k = i; k <= j; k++) { tags[k] = k === i ? 1 + 2 * w.role : 2 + 2 * w.role; templateOf[k] = w.template; }
    }
  }
  const sentences: Prepared['sentences'] = [];
  for (let s = 0; s < atoms.n; s = atoms.sentEnd[s]) {
    const e = atoms.sentEnd[s];
    if (!item.templates.length) { sentences.push({ s, e, label: 0 }); continue; }
    const counts = new Map<number, number>();
    for (let k = s; k < e; k++) if (templateOf[k] >= 0) counts.set(templateOf[k], (counts.get(templateOf[k]) ?? 0) + 1);
    if (!counts.size) continue;
    const template = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const label = EVENT_CLASSES.indexOf(item.templates[template].type as (typeof EVENT_CLASSES)[number]);
    if (label > 0) sentences.push({ s, e, label });
  }
  return { doc, atoms, tags, sentences };
}

const epochs = Number(values.epochs);
const holdout = Number(values.holdout);
const items: Item[] = readFileSync(join(values.training!, 'items.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const t0 = Date.now();
const prepared = items.map(prepare).filter((p): p is Prepared => p !== undefined);
console.log(`parsed ${prepared.length} messages in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
const random = mulberry32(16);
shuffle(prepared, random);
const test = prepared.slice(0, holdout);
const train = prepared.slice(holdout);

const f = new EventFeats();
const scores = new Float64Array(TAG_COUNT);
const eventScores = new Float64Array(EVENT_CLASSES.length);

/** The sentence classifier, trained on some messages. */
function trainEvent(on: Prepared[], label: string): SparseModelData {
  const event = new TrainablePerceptron(EVENT_CLASSES.length, 19);
  const order = [...on];
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    let wrong = 0, seen = 0;
    for (const p of order) for (const s of p.sentences) {
      sentenceFeatures(p.atoms, s.s, s.e, f);
      event.score(f.buf, f.n, eventScores);
      const guess = argmax(eventScores);
      event.update(f.buf, f.n, s.label, guess);
      seen++;
      if (guess !== s.label) wrong++;
    }
    if (epoch === epochs - 1) console.log(`${label}: sentence errors in the last epoch ${(wrong / seen).toFixed(4)}`);
  }
  return event.export(0.5);
}

const eventModel = trainEvent(train, 'event');
const shipped = new SparsePerceptron(eventModel);

const roles = new TrainablePerceptron(TAG_COUNT, 20);
for (let epoch = 0; epoch < epochs; epoch++) {
  shuffle(train, random);
  let wrong = 0, seen = 0;
  for (const p of train) {
    const a = p.atoms;
    // Greedy training on the model's own previous tags (as decoding will see them), BIO-constrained.
    const guessTags = new Uint8Array(a.n);
    for (let i = 0; i < a.n; i++) {
      const prev = i === a.sentStart[i] ? 0 : guessTags[i - 1];
      const prev2 = i - 2 >= a.sentStart[i] ? guessTags[i - 2] : 0;
      roleFeatures(a, i, prev, prev2, f);
      roles.score(f.buf, f.n, scores);
      let guess = 0;
      for (let k = 1; k < TAG_COUNT; k++) {
        if (k % 2 === 0 && (prev === 0 || Math.floor((prev - 1) / 2) !== (k - 2) / 2)) continue;
        if (scores[k] > scores[guess]) guess = k;
      }
      let gold = p.tags[i];
      // An inside tag the guessed history cannot continue: learn it as a beginning.
      if (gold % 2 === 0 && gold > 0 && (prev === 0 || Math.floor((prev - 1) / 2) !== (gold - 2) / 2)) gold -= 1;
      roles.update(f.buf, f.n, gold, guess);
      guessTags[i] = guess;
      seen++;
      if (guess !== p.tags[i]) wrong++;
    }
  }
  console.log(`epoch ${epoch + 1}: tag errors ${(wrong / seen).toFixed(4)}`);
}

const threshold = Number(values.threshold);
const biases = values.biases!.split(',').map(Number);
const byId = new Map(items.map((i) => [i.id, i]));
const roleModel = roles.export(0.5);
if (test.length) {
  // Held-out messages: role spans found exactly, and sentence classes.
  const r = new SparsePerceptron(roleModel), ev = shipped;
  let tp = 0, np = 0, ng = 0, ok = 0, n = 0;
  const spans = (t: Uint8Array) => { const out = new Set<string>(); for (let i = 0; i < t.length; i++) if (t[i] % 2 === 1) { let j = i + 1; while (j < t.length && t[j] === t[i] + 1) j++; out.add(`${i}:${j}:${t[i]}`); } return out; };
  // Document level, as the templates scorer reads it: distinct strings per role against the distinct gold entities.
  const norm = (x: string) => x.toLowerCase().replace(/[!-/:-@[-`{-~]/g, '').replace(/\b(?:a|an|the)\b/g, ' ').split(/\s+/).filter(Boolean).join(' ');
  for (const bias of biases) {
    let dtp = 0, dp = 0, dg = 0;
    for (const p of test) {
      const tags = tagTokens(p.atoms, r, bias);
      const item = byId.get(p.doc.meta.origin)!;
      for (const [ri, [, get]] of FIELDS.entries()) {
        const pred = new Set<string>();
        for (let i = 0; i < tags.length; i++) if (tags[i] === 1 + 2 * ri) { let j = i + 1; while (j < tags.length && tags[j] === tags[i] + 1) j++; pred.add(norm(p.doc.text.slice(p.doc.tokens[i].start, p.doc.tokens[j - 1].end))); }
        const gold = new Map<string, Set<string>>();
        for (const t of item.templates) for (const m of get(t)) { const set = new Set(m.map(norm).filter(Boolean)); if (set.size) gold.set([...set].sort().join('|'), set); }
        const used = new Set<string>();
        for (const x of pred) { const hit = [...gold].find(([k, g]) => !used.has(k) && g.has(x)); if (hit) { used.add(hit[0]); dtp++; } }
        dp += pred.size; dg += gold.size;
      }
    }
    const P = dtp / dp, R = dtp / dg;
    console.log(`outside bias ${bias}: document-level role P ${P.toFixed(3)} R ${R.toFixed(3)} F1 ${(2 * P * R / (P + R)).toFixed(3)}`);
  }
  for (const p of test) {
    const guess = spans(tagTokens(p.atoms, r, 0)), gold = spans(p.tags);
    np += guess.size; ng += gold.size;
    for (const g of guess) if (gold.has(g)) tp++;
    for (const s of p.sentences) { sentenceFeatures(p.atoms, s.s, s.e, f); ev.score(f.buf, f.n, eventScores); n++; if (argmax(eventScores) === s.label) ok++; }
  }
  const P = tp / np, R = tp / ng;
  console.log(`held out ${test.length}: role spans P ${P.toFixed(3)} R ${R.toFixed(3)} F1 ${(2 * P * R / (P + R)).toFixed(3)}; sentence accuracy ${(ok / n).toFixed(3)}`);
}
const meta: EventMeta = { name: values.name!, eventThreshold: threshold, outsideBias: Number(values['outside-bias']), trained: { messages: train.length, epochs, on: 'muc-train' } };
writeFileSync(values.out!, packModels(meta, { event: eventModel, roles: roleModel }));
console.log(`wrote ${values.out}: roles ${roleModel.buckets.length} buckets, event ${eventModel.buckets.length} buckets`);
