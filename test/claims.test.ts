import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantityAt } from '../src/claims/quantity.ts';
import { documentFromText } from '../src/ingest/index.ts';
import type { Claim } from '../src/model/claim.ts';
import type { Document } from '../src/model/document.ts';
import { analyse } from '../src/pipeline/index.ts';

function q(phrase: string) {
  const words = phrase.split(' ');
  const m = quantityAt(words, words.map((w) => w.toLowerCase()), 0);
  return m && { ...m.value, tokens: m.to };
}
const run = (body: string): Document => analyse(documentFromText(`Report\n\n${body}`, { origin: 'test', published: '2024-04-04' }));
const casualties = (doc: Document) => doc.claims.filter((c) => c.kind === 'casualties' && c.repeats === undefined);
const figure = (c: Claim, o: keyof NonNullable<Claim['figures']>) => c.figures?.[o] && { min: c.figures[o]!.min, max: c.figures[o]!.max, ...(c.figures[o]!.vague ? { vague: c.figures[o]!.vague } : {}) };

describe('quantities', () => {
  const cases: [string, object | undefined][] = [
    ['seven soldiers', { min: 7, max: 7, tokens: 1 }],
    ['27 people', { min: 27, max: 27, tokens: 1 }],
    ['Some 2,000 troops', { min: 2000, max: 2000, vague: 'some', tokens: 2 }],
    ['hundreds of troops', { min: 200, max: null, vague: 'hundreds', tokens: 1 }],
    ['dozens of people', { min: 24, max: null, vague: 'dozens', tokens: 1 }],
    ['scores of civilians', { min: 40, max: null, vague: 'scores', tokens: 1 }],
    ['a dozen fighters', { min: 12, max: 12, vague: 'a dozen', tokens: 2 }],
    ['at least 12 people', { min: 12, max: null, tokens: 3 }],
    ['more than 100 people', { min: 101, max: null, tokens: 3 }],
    ['over 50 people', { min: 51, max: null, tokens: 2 }],
    ['100 or more people', { min: 100, max: null, tokens: 3 }],
    ['up to 30 people', { min: 30, max: 30, vague: 'up to', tokens: 3 }],
    ['between 10 and 15 people', { min: 10, max: 15, tokens: 4 }],
    ['10 to 15 people', { min: 10, max: 15, tokens: 3 }],
    ['nearly 50 people', { min: 50, max: 50, vague: 'nearly', tokens: 2 }],
    ['about 40 people', { min: 40, max: 40, vague: 'about', tokens: 2 }],
    ['several people', { min: 3, max: null, vague: 'several', tokens: 1 }],
    ['two hundred people', { min: 200, max: 200, tokens: 2 }],
    ['hundreds of thousands of people', { min: 200000, max: null, vague: 'hundreds of thousands', tokens: 3 }],
    // Not counts: ordinals, years, distances, ages, times, money, percentages.
    ['eighth year', undefined],
    ['2017 was', undefined],
    ['eight kilometres east', undefined],
    ['25-year-old man', undefined],
    ['40 percent of', undefined],
    ['12 hours later', undefined],
  ];
  for (const [phrase, want] of cases) it(phrase, () => assert.deepEqual(q(phrase), want));
});

describe('casualty claims', () => {
  it('reads a passive figure pair with its victims and the narrator as source', () => {
    const doc = run('Six crew of the river ferry were killed and 31 injured when it capsized under fire.');
    const [c] = casualties(doc);
    assert.deepEqual(figure(c, 'killed'), { min: 6, max: 6 });
    assert.deepEqual(figure(c, 'injured'), { min: 31, max: 31 });
    assert.equal(c.subject?.text, 'crew of the river ferry');
    assert.equal(c.source.kind, 'narrator');
    assert.equal(doc.text.slice(c.subject!.start, c.subject!.end), c.subject!.text);
  });

  it('reads active verbs before the figure', () => {
    const doc = run('The landmine killed at least 8 herders and wounded 17 others.');
    const [c] = casualties(doc);
    assert.deepEqual(figure(c, 'killed'), { min: 8, max: null });
    assert.deepEqual(figure(c, 'injured'), { min: 17, max: 17 });
    assert.equal(c.subject?.text, 'herders');
  });

  it('reads lumped figures', () => {
    const [c] = casualties(run('The mortar fire caused dozens of dead and wounded along the quay.'));
    assert.deepEqual(figure(c, 'killed_or_injured'), { min: 24, max: null, vague: 'dozens' });
  });

  it('reads negation as a zero for the group', () => {
    const doc = run('No Belgian or allied soldiers died during the patrol. The quake brought no fatalities, though 14 people were injured.');
    const [a, b] = casualties(doc);
    assert.deepEqual(figure(a, 'killed'), { min: 0, max: 0 });
    assert.equal(a.subject?.text, 'Belgian or allied soldiers');
    assert.deepEqual(figure(b, 'killed'), { min: 0, max: 0 });
    assert.deepEqual(figure(b, 'injured'), { min: 14, max: 14 });
  });

  it('reads a denial with its modality', () => {
    const [c] = casualties(run('The ministry denied that any civilians were killed.'));
    assert.deepEqual(figure(c, 'killed'), { min: 0, max: 0 });
    assert.equal(c.modality, 'denied');
    assert.equal(c.subject?.civilian, true);
  });

  it('does not count distances, ages or years', () => {
    const doc = run('The 25-year-old driver was stopped eight kilometres from the border in 2019.');
    assert.equal(casualties(doc).length, 0);
  });

  it('ties each figure to the source that gives it and flags the disagreement', () => {
    const doc = run('The army said 12 soldiers were killed. A war monitor said that 19 soldiers were killed in the fighting.');
    const [army, monitor] = casualties(doc);
    assert.equal(army.source.name, 'army');
    assert.match(monitor.source.name, /war monitor/);
    assert.deepEqual(figure(army, 'killed'), { min: 12, max: 12 });
    assert.deepEqual(figure(monitor, 'killed'), { min: 19, max: 19 });
    assert.deepEqual(army.disputes, [doc.claims.indexOf(monitor)]);
  });

  it('links a claim repeated later by the same source instead of counting it twice', () => {
    const doc = run('Five police officers were killed, the governor said. The governor said later that five police officers were killed.');
    const all = doc.claims.filter((c) => c.kind === 'casualties');
    assert.equal(all.length, 2);
    assert.equal(all[1].repeats, doc.claims.indexOf(all[0]));
    assert.equal(casualties(doc).length, 1);
  });

  it('reads force sizes and weapons as their own claims', () => {
    const doc = run('Some 2,000 troops backed by artillery, tanks and mortars advanced on the town.');
    const force = doc.claims.find((c) => c.kind === 'force_size');
    assert.deepEqual(force?.value, { min: 2000, max: 2000, vague: 'some' });
    const weapons = doc.claims.find((c) => c.kind === 'weapons');
    assert.deepEqual(weapons?.value, ['artillery', 'tanks', 'mortars']);
    assert.equal(casualties(doc).length, 0);
  });

  it('reads a figure after a prepositional phrase and sub-groups introduced by "including"', () => {
    const doc = run('Dozens of fighters on both sides had died, including 19 soldiers and more than 20 attackers.');
    const found = casualties(doc).map((c) => [c.subject?.text, figure(c, 'killed')]);
    assert.deepEqual(found, [
      ['fighters', { min: 24, max: null, vague: 'dozens' }],
      ['soldiers', { min: 19, max: 19 }],
      ['attackers', { min: 21, max: null }],
    ]);
  });

  it('reads single named victims, pronoun victims and "as well as the bomber"', () => {
    const doc = run('Omar Haddad died after a gunfight with police. The explosion killed 20 miners as well as the bomber. Hours later a man stabbed two people before he was killed by a guard.');
    const found = casualties(doc).map((c) => [c.subject?.text, figure(c, 'killed') ?? figure(c, 'injured')]);
    assert.deepEqual(found, [
      ['Omar Haddad', { min: 1, max: 1 }],
      ['miners', { min: 20, max: 20 }],
      ['bomber', { min: 1, max: 1 }],
      ['people', { min: 2, max: 2 }],
      ['man', { min: 1, max: 1 }],
    ]);
  });

  it('gives the narrator the figures inside an accusation, and links a headline figure to the body claim it restates', () => {
    const doc = analyse(documentFromText('Raid kills 9, official says\n\nThe government blamed the rebels for the raid that killed nine villagers. Nine villagers were killed, an official said.', { origin: 't', published: '2024-04-04' }));
    const claims = doc.claims.filter((c) => c.kind === 'casualties');
    assert.equal(claims[0].repeats, doc.claims.indexOf(claims[2]), 'the headline figure repeats the official\'s claim');
    assert.equal(claims[1].source.kind, 'narrator');
    assert.match(claims[2].source.name, /official/);
  });
});

describe('ways of killing named by their result', () => {
  const cases: [string, number, RegExp][] = [
    ['Gunmen shot dead three police officers in Peshawar on Monday, police said.', 3, /police officers/],
    ['Two farmers were shot to death near Jos on Friday, residents said.', 2, /farmers/],
    ['Five villagers were hacked to death by militiamen in Ituri, officials said.', 5, /villagers/],
    ['Militiamen beat to death two men in Bunia, officials said.', 2, /men/],
    ['Trader Musa Bello was beaten to death in Kano, police said.', 1, /Musa Bello/],
  ];
  for (const [text, n, victims] of cases) {
    it(text, () => {
      const c = casualties(run(text));
      assert.equal(c.length, 1, JSON.stringify(c));
      assert.deepEqual(figure(c[0], 'killed'), { min: n, max: n });
      assert.match(c[0].subject!.text, victims);
    });
  }
});

describe('a lede paraphrasing an attributed figure', () => {
  it('links an unsourced hedged figure to the sourced one about the same group, without a dispute', () => {
    const doc = run('The raid may have left 40 or more rebels dead. More than 40 rebels were killed in the raid, a military spokesman said.');
    const c = casualties(doc);
    assert.equal(c.length, 1, JSON.stringify(c.map((x) => [x.source.name, x.figures])));
    assert.match(c[0].source.name, /spokesman/);
    assert.deepEqual(figure(c[0], 'killed'), { min: 41, max: null });
    assert.ok(!c[0].disputes?.length);
  });

  it('keeps an unsourced figure that contradicts the sourced one', () => {
    const doc = run('Dozens of rebels were killed in the raid. Three rebels were killed in the raid, a military spokesman said.');
    assert.equal(casualties(doc).length, 2);
  });
});

describe('losing people', () => {
  it('reads "lost four fighters" as four killed, but not lost money or equipment', () => {
    const c = casualties(run('Rebel commanders said they had lost four fighters in the clashes.'));
    assert.equal(c.length, 1);
    assert.deepEqual(figure(c[0], 'killed'), { min: 4, max: 4 });
    assert.equal(casualties(run('The company lost 40 million dollars last year.')).length, 0);
    assert.equal(casualties(run('The army said it lost three tanks.')).length, 0);
  });
});

describe('hurt as a verb', () => {
  it('reads "a car bomb hurt nine people" as nine injured', () => {
    const c = casualties(run('A parcel bomb at the depot outside Varlo hurt nine people, officials said.'));
    assert.equal(c.length, 1);
    assert.deepEqual(figure(c[0], 'injured'), { min: 9, max: 9 });
  });
});

describe('victims found near a bare figure', () => {
  it('takes the group noun with its modifiers only, not the words before it', () => {
    const c = casualties(run('Troops of the 2nd Regiment fought militants in the hills above Dravo on Wednesday, killing six, an officer said.'));
    assert.equal(c.length, 1);
    assert.equal(c[0].subject?.text, 'militants');
  });
});
