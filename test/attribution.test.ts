import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentFromText } from '../src/ingest/index.ts';
import type { Document } from '../src/model/document.ts';
import type { Quote } from '../src/model/quote.ts';
import { analyse } from '../src/pipeline/index.ts';

const run = (text: string): Document => analyse(documentFromText(text, { origin: 'test' }));
function quoteWith(doc: Document, words: string): Quote {
  const q = doc.quotes.find((x) => x.text.includes(words));
  assert.ok(q, `no quote containing "${words}" in ${JSON.stringify(doc.quotes.map((x) => [x.source.name, x.text]))}`);
  return q;
}
const sourceName = (doc: Document, q: Quote) => (q.source.entity !== undefined ? doc.entities[q.source.entity].name : q.source.name);

describe('attribution', () => {
  it('attributes a direct quote followed by "X said" and keeps offsets exact', () => {
    const text = 'Talks stall\n\n"We will not withdraw from the ridge," Defence Minister Halima Osei said on Monday.';
    const doc = run(text);
    const q = quoteWith(doc, 'We will not withdraw');
    assert.equal(q.direct, true);
    assert.equal(sourceName(doc, q), 'Halima Osei');
    assert.equal(q.source.kind, 'named');
    assert.equal(text.slice(q.start, q.end), q.text);
    assert.equal(text.slice(q.cue!.start, q.cue!.end), 'said');
    assert.equal(text.slice(q.source.span!.start, q.source.span!.end), 'Halima Osei');
  });

  it('handles curly quotes with "said X" and a colon-introduced quote', () => {
    const doc = run('Night raid\n\n“The shelling lasted until dawn,” said Marco Beltrami, a local farmer. Beltrami added: “Nobody came to help us.”');
    assert.equal(sourceName(doc, quoteWith(doc, 'The shelling lasted')), 'Marco Beltrami');
    assert.equal(sourceName(doc, quoteWith(doc, 'Nobody came')), 'Marco Beltrami');
  });

  it('reads reported speech: "X said that ...", "..., X said", "according to X"', () => {
    const doc = run('Border clash\n\nGeneral Tomas Varga said that his troops had repelled two assaults. The attackers had crossed the river at night, the army said. According to the Red Crescent, nine people were wounded.');
    const a = quoteWith(doc, 'his troops had repelled two assaults');
    assert.equal(a.direct, false);
    assert.equal(sourceName(doc, a), 'Tomas Varga');
    assert.equal(quoteWith(doc, 'The attackers had crossed the river').source.name, 'army');
    assert.match(quoteWith(doc, 'nine people were wounded').source.name, /Red Crescent/);
  });

  it('keeps anonymous sources as such, with their affiliation, and recognises them again', () => {
    const doc = run('Strike\n\nThe convoy was hit by mistake, said a French official, speaking on condition of anonymity. Later the French official who spoke anonymously said the inquiry would take weeks.');
    const first = quoteWith(doc, 'The convoy was hit by mistake');
    assert.equal(first.source.kind, 'anonymous');
    assert.equal(first.source.name, 'French official');
    assert.equal(first.source.affiliation, 'French');
    const second = quoteWith(doc, 'the inquiry would take weeks');
    assert.equal(second.source.kind, 'anonymous');
    assert.equal(second.source.name, 'French official');
  });

  it('resolves "he said" to the last person speaking', () => {
    const doc = run('Ceasefire\n\nMayor Ana Lucic said the water supply had been cut. "We have three days of fuel left," she said.');
    assert.equal(sourceName(doc, quoteWith(doc, 'three days of fuel')), 'Ana Lucic');
  });

  it('follows chains: "X cited Y as saying" and "..., Y said" after another speaker', () => {
    const doc = run('Dispute\n\nThe agency TASS cited the Defence Ministry as saying the drones had been shot down. In a statement to the council, the foreign ministry described the raid as illegal, the state news agency SANA said.');
    const a = quoteWith(doc, 'the drones had been shot down');
    assert.match(a.source.name, /Defence Ministry/);
    assert.match(a.source.via?.[0].name ?? '', /TASS/);
    const b = quoteWith(doc, 'the raid as illegal');
    assert.match(b.source.name, /foreign ministry/);
    assert.match(b.source.via?.[0].name ?? '', /SANA/);
    assert.ok(!b.text.includes('SANA'));
  });

  it('recognises media sources', () => {
    const doc = run('Toll rises\n\nState television reported that twelve soldiers had been killed.');
    const q = quoteWith(doc, 'twelve soldiers had been killed');
    assert.equal(q.source.kind, 'media');
  });

  it('continues a quote across paragraphs and keeps its speaker', () => {
    const doc = run('Siege\n\n"We ran out of bread on Friday," said Yusuf Karimi, a teacher.\n\n"The children cry all night. Nobody has come to help us.\n\n"We are waiting for the convoy," he said.');
    assert.equal(sourceName(doc, quoteWith(doc, 'The children cry all night')), 'Yusuf Karimi');
    assert.equal(sourceName(doc, quoteWith(doc, 'waiting for the convoy')), 'Yusuf Karimi');
  });

  it('treats a quoted word inside a reported statement as part of it', () => {
    const doc = run('Reaction\n\nThe minister described the attack as "cowardly" and promised an inquiry.');
    const q = quoteWith(doc, 'cowardly');
    assert.equal(q.direct, false);
    assert.equal(doc.quotes.filter((x) => x.text.includes('cowardly')).length, 1);
  });

  it('does not read nouns as reporting verbs', () => {
    const doc = run('Tension\n\nThe town was calm amid reports of shelling in the north.');
    assert.equal(doc.quotes.length, 0);
  });

  it('finds the speaker behind a relative clause and a subordinate clause', () => {
    const doc = run('Raid\n\nA local official who spoke on condition of anonymity because he was not authorised to brief reporters said two houses burned.');
    const q = quoteWith(doc, 'two houses burned');
    assert.equal(q.source.kind, 'anonymous');
    assert.equal(q.source.name, 'local official');
  });

  it('takes the statement before ", X said, while ..."', () => {
    const doc = run('Raid\n\nGunmen burned the depot, the interior ministry said, while residents reported looting.');
    const q = doc.quotes.find((x) => /interior ministry/.test(x.source.name));
    assert.ok(q && q.text.startsWith('Gunmen burned the depot'), JSON.stringify(doc.quotes));
  });
});
