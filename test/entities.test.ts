import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDocument } from '../src/model/create.ts';
import type { Document, EntityKind } from '../src/model/document.ts';
import { analyse } from '../src/pipeline/index.ts';

function run(text: string): Document {
  return analyse(createDocument(text, { origin: 'test', format: 'text' }));
}
const entity = (doc: Document, name: string) => doc.entities.find((e) => e.name === name);
const kinds = (doc: Document) => Object.fromEntries(doc.entities.map((e) => [e.name, e.kind])) as Record<string, EntityKind>;

describe('entities', () => {
  it('gives every mention offsets that slice the text to its surface form', () => {
    const text = 'French Defence Minister Claire Dubois met Kenyan officials in Nairobi on Monday. Dubois said the talks with the African Union went well.';
    const doc = run(text);
    assert.ok(doc.mentions.length >= 4);
    for (const m of doc.mentions) {
      assert.equal(text.slice(m.start, m.end), m.text);
      assert.ok(doc.entities[m.entity].mentions.includes(doc.mentions.indexOf(m)));
      if (m.title) assert.equal(text.slice(m.title.start, m.title.end), m.title.text);
    }
  });

  it('attaches the title written before a name and joins the surname to the full name', () => {
    const doc = run('U.S. Defense Secretary Mark Holloway visited the base. Later, Holloway told reporters the strikes were limited.');
    const e = entity(doc, 'Mark Holloway');
    assert.ok(e, JSON.stringify(doc.entities));
    assert.equal(e.kind, 'person');
    assert.deepEqual(e.titles, ['U.S. Defense Secretary']);
    assert.ok(e.aliases.includes('Holloway'));
    assert.equal(e.mentions.length, 2);
  });

  it('reads lowercase role nouns as titles ("ministry spokesman")', () => {
    const doc = run('Pentagon spokesperson Laura Kimble said the review would take weeks.');
    assert.deepEqual(entity(doc, 'Laura Kimble')?.titles, ['Pentagon spokesperson']);
  });

  it('joins an acronym in parentheses, and a later use of it, to the organisation', () => {
    const doc = run('The Southern Liberation Front (SLF) said it shelled the airport. Two days later the SLF withdrew.');
    const e = doc.entities.find((x) => x.aliases.includes('SLF'));
    assert.ok(e, JSON.stringify(doc.entities));
    assert.equal(e.name, 'Southern Liberation Front');
    assert.equal(e.kind, 'armed_group');
    assert.ok(e.mentions.length >= 2);
  });

  it('types armed groups, media and nationalities from our lexicons and joins known aliases', () => {
    const doc = run('Reuters reported that Islamic State fighters attacked a Kurdish checkpoint. Daesh later claimed the attack, the agency said.');
    const k = kinds(doc);
    assert.equal(k['Reuters'], 'media');
    assert.equal(k['Kurdish'], 'nationality');
    const is = doc.entities.find((e) => e.name === 'Islamic State' || e.aliases.includes('Islamic State'));
    assert.ok(is && is.kind === 'armed_group' && [is.name, ...is.aliases].includes('Daesh'), JSON.stringify(doc.entities));
  });

  it('keeps hyphenated name particles with their names', () => {
    const doc = run('Fighters loyal to Khalid al-Rashidi entered Deir ez-Zor at dawn.');
    assert.ok(entity(doc, 'Khalid al-Rashidi'), JSON.stringify(doc.entities));
    assert.ok(doc.entities.some((e) => e.name === 'Deir ez-Zor' && e.kind === 'place'), JSON.stringify(doc.entities));
  });

  it('keeps initials inside a name', () => {
    const doc = run('Former envoy Robert J. Whitcombe criticised the deal.');
    assert.ok(entity(doc, 'Robert J. Whitcombe'), JSON.stringify(doc.entities));
  });

  it('reads a lone name after "the town of" as a place', () => {
    const doc = run('Gunmen attacked a police post in the town of Qaraqosh late on Sunday.');
    assert.equal(kinds(doc)['Qaraqosh'], 'place');
  });

  it('finds nothing in a sentence without names', () => {
    const doc = run('the shelling went on until dawn and nobody slept.');
    assert.equal(doc.mentions.length, 0);
    assert.equal(doc.entities.length, 0);
  });
});

describe('number words', () => {
  it('never takes a capitalised number word for a name', async () => {
    const { documentFromText } = await import('../src/ingest/index.ts');
    const { analyse } = await import('../src/pipeline/index.ts');
    const doc = analyse(documentFromText('Report\n\nTwo were killed in Kirkuk. Nine bomb blasts hit Mosul, Governor Rakan Saeed said.', { origin: 't', published: '2024-01-01' }));
    assert.ok(!doc.entities.some((e) => /^(Two|Nine)$/.test(e.name)), JSON.stringify(doc.entities.map((e) => e.name)));
    assert.ok(doc.entities.some((e) => e.name === 'Rakan Saeed'));
  });
});

describe('media named by their head word', () => {
  it('takes a wire service or broadcaster in a dateline for media, not a person', async () => {
    const { documentFromText } = await import('../src/ingest/index.ts');
    const { analyse } = await import('../src/pipeline/index.ts');
    const doc = analyse(documentFromText('Report\n\nKABUL (Northern Star Wire) - A bomb exploded in Kabul on Monday, police said.', { origin: 't', published: '2024-01-01' }));
    assert.equal(doc.entities.find((e) => /Northern Star Wire/.test(e.name))?.kind, 'media', JSON.stringify(doc.entities.map((e) => [e.name, e.kind])));
  });
});

describe('prefixed place names', () => {
  it('keeps "St. Cloud" and "Fort Worth" whole, as places', async () => {
    const { documentFromText } = await import('../src/ingest/index.ts');
    const { analyse } = await import('../src/pipeline/index.ts');
    const doc = analyse(documentFromText('Report\n\nA man wounded six shoppers with a knife at a St. Cloud store in Minnesota on Friday. Police in Fort Worth said they were on alert.', { origin: 't', published: '2024-01-01' }));
    const names = doc.mentions.filter((m) => m.kind === 'place').map((m) => m.text);
    assert.ok(names.includes('St. Cloud') && names.includes('Fort Worth'), JSON.stringify(names));
    assert.equal(doc.places.find((p) => p.text === 'St. Cloud')?.country, 'US');
  });
});

describe('fragments that are not names', () => {
  it('drops lone letters, lone street words and month names of other calendars', async () => {
    const { documentFromText } = await import('../src/ingest/index.ts');
    const { analyse } = await import('../src/pipeline/index.ts');
    const doc = analyse(documentFromText('Report\n\nSenator Dana Reyes (D) said the blast on West 23rd Street hurt two people during Ramadan. Rep. Omar Bell (R) agreed.', { origin: 't', published: '2024-01-01' }));
    const names = doc.entities.map((e) => e.name);
    for (const bad of ['D', 'R', 'Street', 'Ramadan']) assert.ok(!names.includes(bad), `${bad} in ${JSON.stringify(names)}`);
    assert.ok(names.includes('Dana Reyes') && names.includes('Omar Bell'), JSON.stringify(names));
  });
});

describe('tagger fast path', () => {
  it('gives the same tags from its numeric context features as from the feature strings it was trained on', async () => {
    const { Perceptron } = await import('../src/entities/perceptron.ts');
    const { loadTagger } = await import('../src/entities/tagger.ts');
    const compiled = loadTagger();
    // The same weights, not compiled: tagging goes through tokenFeatures' strings.
    const plain = new Perceptron(compiled.gaz);
    plain.weights = compiled.weights;
    const sentences = [
      'Rebels led by Omar Haddad attacked an army post near Kessab in northern Syria on Thursday .',
      'U.S. Defence Secretary Jim Mattis said the strikes were defensive , the Pentagon said .',
      'The Syrian Observatory for Human Rights , a Britain-based monitor , said 19 soldiers died .',
      'Gunmen from al-Shabaab stormed a hotel in Mogadishu , Somali police spokesman Abdifatah Aden told Reuters .',
    ];
    for (const s of sentences) {
      const words = s.split(' ');
      assert.deepEqual(compiled.tag(words), plain.tag(words), s);
    }
  });

  it('reads a lone surname the tagger took for a place or an organisation as the person named in full', () => {
    const doc = analyse(createDocument('Haddad: We will rebuild the bridge\n\nGovernor Samir Haddad visited the crossing on Tuesday. Haddad promised repairs within a month.', { origin: 'test', format: 'text' }));
    const haddad = doc.entities.find((e) => e.name === 'Samir Haddad');
    assert.ok(haddad, JSON.stringify(doc.entities.map((e) => [e.kind, e.name])));
    assert.equal(haddad.kind, 'person');
    assert.ok(!doc.entities.some((e) => e.name === 'Haddad' && e.kind !== 'person'), JSON.stringify(doc.entities.map((e) => [e.kind, e.name])));
  });
});
