import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocument } from '../src/model/create.ts';
import { openStore } from '../src/store/index.ts';
import { analyse } from '../src/pipeline/index.ts';
import { packModels, unpackModels } from '../src/syntax/artefact.ts';
import { analyseWords } from '../src/syntax/index.ts';
import { editOf, learnLemmas, Lemmatizer } from '../src/syntax/lemma.ts';
import { Configuration, LEFT, RIGHT, SHIFT } from '../src/syntax/parser.ts';
import { SparsePerceptron, TrainablePerceptron } from '../src/syntax/perceptron.ts';

/** Words of an invented sentence, split on spaces. */
const parse = (sentence: string) => {
  const words = sentence.split(' ');
  const out = analyseWords(words);
  const at = (w: string) => words.indexOf(w);
  const rel = (w: string) => out[at(w)].deprel;
  const head = (w: string) => (out[at(w)].head < 0 ? 'ROOT' : words[out[at(w)].head]);
  return { words, out, rel, head, at };
};

test('syntax: agent, patient and numeral of an attack verb', () => {
  const p = parse('Gunmen killed three soldiers near the border .');
  assert.equal(p.head('killed'), 'ROOT');
  assert.equal(p.out[p.at('killed')].upos, 'VERB');
  assert.equal(p.head('Gunmen'), 'killed');
  assert.match(p.rel('Gunmen'), /^nsubj/);
  assert.equal(p.head('soldiers'), 'killed');
  assert.equal(p.rel('soldiers'), 'obj');
  assert.equal(p.head('three'), 'soldiers');
  assert.equal(p.rel('three'), 'nummod');
  assert.equal(p.out[p.at('three')].upos, 'NUM');
});

test('syntax: a passive subject and its auxiliary, lemmatised', () => {
  const p = parse('Four villagers were wounded in the shelling .');
  assert.equal(p.head('villagers'), 'wounded');
  assert.equal(p.rel('villagers'), 'nsubj:pass');
  assert.equal(p.rel('were'), 'aux:pass');
  assert.equal(p.out[p.at('were')].lemma, 'be');
  assert.equal(p.out[p.at('villagers')].lemma, 'villager');
  assert.equal(p.head('shelling'), 'wounded');
});

test('syntax: coordinated subjects share the verb through conj (a statistical model: most, not all)', () => {
  const cases = [
    ['Two guards and a driver were killed on Tuesday .', 'guards', 'driver', 'killed'],
    ['Three soldiers and a nurse were wounded near the gate .', 'soldiers', 'nurse', 'wounded'],
    ['The mayor and his deputy were arrested at dawn .', 'mayor', 'deputy', 'arrested'],
    ['Four farmers and a teacher died in the flood .', 'farmers', 'teacher', 'died'],
  ];
  let right = 0;
  for (const [sentence, first, second, verb] of cases) {
    const p = parse(sentence);
    if (p.head(first) === verb && p.head(second) === first && p.rel(second) === 'conj') right++;
  }
  assert.ok(right >= 3, `${right} of ${cases.length} coordinations parsed`);
});

test('syntax: the clause a speech verb governs is its ccomp', () => {
  const p = parse('The governor said that the bridge was destroyed .');
  assert.equal(p.head('said'), 'ROOT');
  assert.equal(p.head('governor'), 'said');
  assert.equal(p.head('destroyed'), 'said');
  assert.equal(p.rel('destroyed'), 'ccomp');
});

test('syntax: every sentence of a document is one tree over its tokens', () => {
  const doc = analyse(createDocument('Rebels shelled the market on Monday. Eleven people were killed, officials said.\n\nThe army denied it.', { origin: 'test', format: 'text' }));
  const s = doc.syntax!;
  assert.ok(s, 'syntax layer present');
  assert.equal(s.upos.length, doc.tokens.length);
  for (let sentence = 0; sentence < doc.sentences.length; sentence++) {
    const ids = doc.tokens.map((t, i) => (t.sentence === sentence ? i : -1)).filter((i) => i >= 0);
    const roots = ids.filter((i) => s.head[i] === -1);
    assert.equal(roots.length, 1, `one root in sentence ${sentence}`);
    for (const i of ids) {
      // every head inside the sentence, and following heads reaches the root without a cycle
      let at = i, steps = 0;
      while (s.head[at] !== -1 && steps++ <= ids.length) {
        assert.equal(doc.tokens[s.head[at]].sentence, sentence);
        at = s.head[at];
      }
      assert.equal(s.head[at], -1, `token ${i} reaches the root`);
    }
  }
});

test('syntax: the arc-hybrid oracle rebuilds any projective gold tree at zero cost', () => {
  // gold head of each of 6 words (6 = the root): 1 -> 0, 1 -> 3, 3 -> 2, 3 -> 5, 5 -> 4
  const gold = [1, 6, 3, 1, 5, 3];
  const c = new Configuration(4); // grows as needed
  c.reset(new Int32Array(6), new Int32Array(6));
  let steps = 0;
  while (!c.done()) {
    const move = [SHIFT, LEFT, RIGHT].find((m) => c.valid(m) && c.cost(m, gold) === 0);
    assert.notEqual(move, undefined, 'a zero-cost move exists');
    c.apply(move!);
    assert.ok(++steps < 20);
  }
  assert.deepEqual(Array.from(c.heads.subarray(0, 6)), gold);
});

test('syntax: the oracle charges a move for each gold arc it makes unreachable', () => {
  const gold = [2, 2, 3]; // word 0 and 1 depend on 2, which is the root (n = 3)
  const c = new Configuration();
  c.reset(new Int32Array(3), new Int32Array(3));
  c.apply(SHIFT); // stack [0], buffer [1 2 ROOT]
  assert.equal(c.cost(LEFT, gold), 1, '0 <- 1 loses 0 <- 2');
  assert.equal(c.cost(SHIFT, gold), 0);
  c.apply(SHIFT); // stack [0 1]
  assert.equal(c.cost(RIGHT, gold), 1, '1 <- 0 loses 1 <- 2');
  assert.equal(c.cost(SHIFT, gold), 2, 'pushing 2 loses both its dependents');
});

test('syntax: a trained perceptron survives pruning, packing and loading', () => {
  const p = new TrainablePerceptron(4, 8);
  const feats = Int32Array.from([11, 222, 3333 << 8, -5]);
  for (let i = 0; i < 20; i++) p.update(feats, 4, 2, 0);
  const { models } = unpackModels(packModels({ x: 1 }, { m: p.export(0.01) }), 'test');
  const after = new Float64Array(4);
  new SparsePerceptron(models.m).score(feats, 4, after);
  // averaged weights: every update pushed class 2 up and class 0 down by the same amount
  assert.ok(after[2] > 1, `class 2 up: ${after[2]}`);
  assert.ok(Math.abs(after[0] + after[2]) < 0.05, 'class 0 down as much');
  assert.equal(after[1], 0);
  assert.equal(after[3], 0);
  const unseen = new Float64Array(4);
  new SparsePerceptron(models.m).score(Int32Array.from([987654321]), 1, unseen);
  assert.deepEqual(Array.from(unseen), [0, 0, 0, 0], 'a feature never trained scores nothing');
});

test('syntax: a three-class model (dense 16-bit rows behind fingerprints) scores as trained', () => {
  const p = new TrainablePerceptron(3, 12);
  const feats = Int32Array.from([7, 1 << 25, -99, 123456789]);
  for (let i = 0; i < 30; i++) p.update(feats, 4, 1, 2);
  const { models } = unpackModels(packModels({}, { m: p.export(0.01) }), 'test');
  const model = new SparsePerceptron(models.m);
  const scores = new Float64Array(3);
  model.score(feats, 4, scores);
  assert.ok(scores[1] > 1 && scores[2] < -1 && scores[0] === 0, `scores ${Array.from(scores)}`);
  model.score(Int32Array.from([5 << 20, 77 << 20]), 2, scores);
  assert.deepEqual(Array.from(scores), [0, 0, 0], 'features never trained score nothing');
});

test('syntax: only the moves left open are scored: an empty stack shifts, an exhausted buffer reduces', () => {
  const c = new Configuration();
  c.reset(new Int32Array(2), new Int32Array(2));
  assert.equal(c.forced(), SHIFT);
  c.apply(SHIFT);
  assert.equal(c.forced(), -1, 'a word on the stack and one in the buffer: a real choice');
  c.apply(SHIFT); // stack [0 1], buffer [ROOT]
  assert.equal(c.forced(), RIGHT);
  c.apply(RIGHT);
  assert.equal(c.forced(), LEFT, 'the last word standing goes to the root');
});

test('syntax: lemma rules and exceptions learned from examples', () => {
  assert.deepEqual(editOf('cities', 'city'), [3, 'y']);
  const words = [
    ...['cities', 'armies', 'ladies', 'bodies'].map((f) => ({ form: f, upos: 'NOUN', lemma: f.slice(0, -3) + 'y' })),
    ...['guards', 'tanks', 'roads', 'shells'].map((f) => ({ form: f, upos: 'NOUN', lemma: f.slice(0, -1) })),
    ...['glass', 'class', 'mass', 'pass'].map((f) => ({ form: f, upos: 'NOUN', lemma: f })),
    { form: 'children', upos: 'NOUN', lemma: 'child' },
    { form: 'Geneva', upos: 'PROPN', lemma: 'Geneva' },
  ];
  const l = new Lemmatizer(learnLemmas(words, 2));
  assert.equal(l.lemma('militias', 'NOUN'), 'militia');
  assert.equal(l.lemma('factories', 'NOUN'), 'factory');
  assert.equal(l.lemma('convoys', 'NOUN'), 'convoy');
  assert.equal(l.lemma('brass', 'NOUN'), 'brass', 'a longer suffix overrides a shorter one');
  assert.equal(l.lemma('children', 'NOUN'), 'child', 'irregular form kept as an exception');
  assert.equal(l.lemma('Kherson', 'PROPN'), 'Kherson');
});

test('syntax: the layer is stored with the document and read back whole', async () => {
  const store = await openStore(join(mkdtempSync(join(tmpdir(), 'sitrep-syntax-')), 's.db'));
  try {
    const doc = analyse(createDocument('Militants ambushed a convoy. Two drivers were wounded.', { origin: 'test', format: 'text' }));
    await store.putDocument(doc);
    const back = await store.getDocument(doc.id);
    assert.deepEqual(back?.syntax, doc.syntax);
  } finally {
    await store.close();
  }
});
