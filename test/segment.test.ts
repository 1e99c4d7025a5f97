import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDocument } from '../src/model/create.ts';
import { segment } from '../src/segment/index.ts';

function seg(text: string) {
  const doc = createDocument(text, { origin: 'test', format: 'text' });
  segment(doc);
  const sentences = doc.sentences.map((s) => text.slice(s.start, s.end));
  const tokens = doc.tokens.map((t) => text.slice(t.start, t.end));
  return { doc, sentences, tokens };
}

describe('sentences', () => {
  it('does not split on titles, acronyms and month abbreviations', () => {
    const { sentences } = seg('U.S. Sen. Maria Ortez said on Feb. 3 that Gen. Hale agreed. Dr. Ames did not.');
    assert.deepEqual(sentences, ['U.S. Sen. Maria Ortez said on Feb. 3 that Gen. Hale agreed.', 'Dr. Ames did not.']);
  });

  it('does not split inside a bracketed state abbreviation, but does after a full stop missing its space', () => {
    assert.deepEqual(seg('The motion passed, said Rep. Jane Doe (D-N.Y.), who wrote it. Debate ended.').sentences,
      ['The motion passed, said Rep. Jane Doe (D-N.Y.), who wrote it.', 'Debate ended.']);
    assert.deepEqual(seg('The convoy left.The next day it returned.').sentences, ['The convoy left.', 'The next day it returned.']);
  });

  it('keeps AP state abbreviations inside a sentence and ends one after them when a sentence starts', () => {
    assert.deepEqual(seg('Del. Stacey Plaskett spoke first. Rawlings, of Ashton, Md., watched it. She lives in Dover, Del. The town is quiet.').sentences,
      ['Del. Stacey Plaskett spoke first.', 'Rawlings, of Ashton, Md., watched it.', 'She lives in Dover, Del.', 'The town is quiet.']);
  });

  it('splits after an acronym that ends a sentence when a sentence starter follows', () => {
    const { sentences } = seg('The convoy reached the U.S. The drivers rested.');
    assert.deepEqual(sentences, ['The convoy reached the U.S.', 'The drivers rested.']);
  });

  it('keeps an acronym mid-sentence when a name follows', () => {
    const { sentences } = seg('Officials in the U.S. State Department declined to comment.');
    assert.equal(sentences.length, 1);
  });

  it('keeps closing quotes with the sentence they close', () => {
    const { sentences } = seg('He said: "We will stay." The mayor left.');
    assert.deepEqual(sentences, ['He said: "We will stay."', 'The mayor left.']);
  });

  it('handles curly quotes and question marks', () => {
    const { sentences } = seg('“Who fired first?” she asked. Nobody answered.');
    assert.deepEqual(sentences, ['“Who fired first?” she asked.', 'Nobody answered.']);
  });

  it('does not split before a lowercase word', () => {
    const { sentences } = seg('The patrol passed at 3 a.m. and returned at dawn.');
    assert.equal(sentences.length, 1);
  });

  it('never crosses a paragraph or line break', () => {
    const { doc, sentences } = seg('Clashes near the river\n\nTwo villages were shelled on Monday\nResidents fled.');
    assert.deepEqual(sentences, ['Clashes near the river', 'Two villages were shelled on Monday', 'Residents fled.']);
    assert.equal(doc.sections.length, 2);
    assert.equal(doc.sentences[2].section, 1);
  });

  it('splits after a number that ends a sentence', () => {
    const { sentences } = seg('The photo was taken on Sept. 4, 2017. Troops later withdrew.');
    assert.deepEqual(sentences, ['The photo was taken on Sept. 4, 2017.', 'Troops later withdrew.']);
  });
});

describe('tokens', () => {
  it('keeps dotted acronyms, hyphenated names and numbers whole; splits possessives', () => {
    const { tokens } = seg("Syria's U.S.-backed fighters lost 2,000 men near Deir el-Zour.");
    assert.deepEqual(tokens, ['Syria', "'s", 'U.S.', '-', 'backed', 'fighters', 'lost', '2,000', 'men', 'near', 'Deir', 'el-Zour', '.']);
  });

  it('keeps initials and title abbreviations with their period', () => {
    const { tokens } = seg('J. Peter Donald met Lt. Col. Ruiz.');
    assert.deepEqual(tokens, ['J.', 'Peter', 'Donald', 'met', 'Lt.', 'Col.', 'Ruiz', '.']);
  });

  it('gives kinds and offsets that slice the text', () => {
    const text = 'At least 12 people — including “three” children — died.';
    const { doc } = seg(text);
    for (const t of doc.tokens) assert.ok(t.end > t.start && text.slice(t.start, t.end).trim() === text.slice(t.start, t.end));
    const kinds = Object.fromEntries(doc.tokens.map((t) => [text.slice(t.start, t.end), t.kind]));
    assert.equal(kinds['12'], 'number');
    assert.equal(kinds['people'], 'word');
    assert.equal(kinds['—'], 'punct');
    assert.equal(kinds['“'], 'punct');
  });

  it('assigns every token to the sentence that contains it', () => {
    const { doc } = seg('One man died. Two were hurt.');
    for (const t of doc.tokens) {
      const s = doc.sentences[t.sentence];
      assert.ok(t.start >= s.start && t.end <= s.end);
    }
  });

  it('produces nothing for whitespace-only text', () => {
    const { doc } = seg('  \n\n \t ');
    assert.equal(doc.sentences.length, 0);
    assert.equal(doc.tokens.length, 0);
  });

  it('handles non-Latin scripts and accents', () => {
    const { tokens } = seg('Forces entered Qamişlo and دمشق.');
    assert.deepEqual(tokens, ['Forces', 'entered', 'Qamişlo', 'and', 'دمشق', '.']);
  });
});

describe('pipeline', () => {
  it('keeps going when a stage fails on a document, and says so on it', async () => {
    const { analyse } = await import('../src/pipeline/index.ts');
    const doc = createDocument('One line.', { origin: 'test', format: 'text' });
    analyse(doc, [{ name: 'segment', run: segment }, { name: 'broken', run: () => { throw new Error('boom'); } }]);
    assert.deepEqual(doc.stages, ['segment']);
    assert.equal(doc.messages[0].code, 'stage-failed');
    assert.match(doc.messages[0].text, /broken failed: boom/);
  });
});
