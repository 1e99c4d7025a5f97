import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { acledFatalities, acledFigure } from '../src/claims/acled.ts';
import { runEval } from '../src/eval/index.ts';
import { haversineKm, nameMatches } from '../src/eval/match.ts';
import { casualtiesScorer } from '../src/eval/sets/casualties.ts';
import { datesScorer } from '../src/eval/sets/dates.ts';
import { geoScorer } from '../src/eval/sets/geo.ts';
import { htmlScorer, itemScores } from '../src/eval/sets/html.ts';
import { nerScorer } from '../src/eval/sets/ner.ts';
import { quotesScorer } from '../src/eval/sets/quotes.ts';
import type { SetScorer } from '../src/eval/sets/types.ts';
import { createDocument } from '../src/model/create.ts';

function score<I, P, S>(scorer: SetScorer<I, P, S>, pairs: [I, P][]) {
  const s = scorer.init();
  for (const [item, pred] of pairs) scorer.add(s, item, pred);
  return scorer.finish(s);
}
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}`);

describe('matching rules', () => {
  it('matches names case- and punctuation-insensitively, as whole words', () => {
    assert.ok(nameMatches(['Jim Mattis'], ['Mattis']));
    assert.ok(nameMatches(['the U.S.-led coalition'], ['U.S.-led coalition']));
    assert.ok(!nameMatches(['Mattison'], ['Mattis']));
    assert.ok(!nameMatches(['Mattis'], ['Jim Mattis']));
  });
  it('measures great-circle distance', () => {
    close(Math.round(haversineKm(0, 0, 0, 1)), 111);
  });
});

describe('benchmark scorers', () => {
  it('ner: perfect 1, empty 0, partial exact', () => {
    const item = { id: 'x', text: 'Ann met Bob in Rome', entities: [{ start: 0, end: 3, type: 'PER' }, { start: 8, end: 11, type: 'PER' }, { start: 15, end: 19, type: 'LOC' }] };
    close(score(nerScorer, [[item, item.entities]]).f1, 1);
    close(score(nerScorer, [[item, []]]).f1, 0);
    // 2 predicted, 1 right (Bob typed ORG is wrong): P 1/2, R 1/3, F1 0.4
    const r = score(nerScorer, [[item, [{ start: 0, end: 3, type: 'PER' }, { start: 8, end: 11, type: 'ORG' }]]]);
    close(r.precision, 0.5);
    close(r.recall, 1 / 3);
    close(r.f1, 0.4);
  });

  it('html: shingle precision and recall per item', () => {
    const gold = 'one two three four five';
    const perfect = itemScores(gold, gold);
    assert.deepEqual([perfect.precision, perfect.recall, perfect.exact], [1, 1, true]);
    // gold shingles {1234, 2345}; prediction "one two three four" has {1234}: P 1, R 1/2
    const part = itemScores('one two three four', gold);
    close(part.precision!, 1);
    close(part.recall!, 0.5);
    const empty = score(htmlScorer, [[{ id: 'a', html: '', articleBody: gold }, '']]);
    close(empty.recall, 0);
    close(empty.f1, 0);
  });

  it('quotes: >= 50% of the gold content, one-to-one, source accuracy', () => {
    const item = { id: 'q', text: '', attributions: [
      { source: { start: 0, end: 5 }, cue: { start: 6, end: 10 }, content: { start: 11, end: 31 } },
      { source: null, cue: { start: 40, end: 44 }, content: { start: 45, end: 65 } },
    ] };
    const perfect = score(quotesScorer, [[item, [
      { content: { start: 11, end: 31 }, source: { start: 0, end: 5 }, cue: { start: 6, end: 10 } },
      { content: { start: 45, end: 65 }, source: null, cue: { start: 40, end: 44 } },
    ]]]);
    close(perfect.f1, 1);
    close(perfect.source_accuracy, 1);
    close(score(quotesScorer, [[item, []]]).f1, 0);
    // One prediction covering 9/20 of the first content (no match) and one covering 10/20 of the second (match, wrong source).
    const part = score(quotesScorer, [[item, [
      { content: { start: 11, end: 20 }, source: { start: 0, end: 5 } },
      { content: { start: 45, end: 55 }, source: { start: 0, end: 5 } },
    ]]]);
    close(part.precision, 0.5);
    close(part.recall, 0.5);
    close(part.source_accuracy, 0);
  });

  it('quotes: a quote split by its cue is one PolNeAR attribution, as in PARC', () => {
    const text = '"The road is closed," said Amal Darwish, a local councillor. "Nobody can reach the clinic."';
    const pred = quotesScorer.predict({ id: 'split', text, attributions: [] });
    assert.equal(pred.length, 1);
    assert.equal(text.slice(pred[0].content.start, pred[0].content.end), text.slice(1, text.length - 1));
  });

  it('geo: accuracy within 161 km over resolved toponyms, and recall', () => {
    const item = { id: 'g', text: '', toponyms: [{ start: 0, end: 5, lat: 10, lon: 10 }, { start: 10, end: 15, lat: 0, lon: 0 }] };
    const perfect = score(geoScorer, [[item, [{ start: 0, end: 5, lat: 10, lon: 10 }, { start: 10, end: 15, lat: 0, lon: 0 }]]]);
    close(perfect.acc161, 1);
    close(perfect.recall, 1);
    const empty = score(geoScorer, [[item, []]]);
    close(empty.recall, 0);
    // One resolved, 2 degrees of longitude off at the equator (~222 km): acc 0, recall 1/2.
    const part = score(geoScorer, [[item, [{ start: 11, end: 14, lat: 0, lon: 2 }]]]);
    close(part.acc161, 0);
    close(part.recall, 0.5);
  });

  it('dates: relaxed overlap, value accuracy, value F1', () => {
    const item = { id: 'd', dct: '2000-01-01', text: '', timexes: [{ start: 0, end: 6, type: 'DATE', value: '1999-12-31' }, { start: 10, end: 20, type: 'DURATION', value: 'P1W' }] };
    const perfect = score(datesScorer, [[item, item.timexes]]);
    close(perfect.relaxed_f1, 1);
    close(perfect.value_accuracy, 1);
    close(score(datesScorer, [[item, []]]).relaxed_f1, 0);
    // Overlapping the first with a wrong value, nothing for the second: relaxed P 1, R 1/2, value accuracy 0.
    const part = score(datesScorer, [[item, [{ start: 2, end: 6, type: 'DATE', value: '1999-12' }]]]);
    close(part.relaxed_precision, 1);
    close(part.relaxed_recall, 0.5);
    close(part.strict_f1, 0);
    close(part.value_accuracy, 0);
  });

  it('casualties: exact, non-zero exact and within 20%', () => {
    const items = [
      { id: 'a', text: '', event_date: '2015-01-01', lat: 0, lon: 0, geo_precision: 1, fatalities: 10 },
      { id: 'b', text: '', event_date: '2015-01-02', lat: 0, lon: 0, geo_precision: 1, fatalities: 0 },
    ];
    const r = score(casualtiesScorer, [[items[0], { fatalities: 11, date: '2015-01-01', lat: 0, lon: 0.1 }], [items[1], { fatalities: 0 }]]);
    close(r.exact, 0.5);
    close(r.exact_nonzero, 0);
    close(r.within20, 1);
    close(r.date_match, 0.5);
    close(r.location_25km, 0.5);
  });

  it('derives ACLED-convention deaths: vague words low, lowest figure per group, deaths only', () => {
    assert.equal(acledFigure({ min: 24, max: null, vague: 'dozens' }), 12);
    assert.equal(acledFigure({ min: 101, max: null }), 101);
    const doc = createDocument('x', { origin: 't', format: 'text' });
    const narrator = { kind: 'narrator' as const, name: 'narrator' };
    doc.claims = [
      { kind: 'casualties', start: 0, end: 1, source: narrator, modality: 'asserted', subject: { start: 0, end: 1, text: 'soldiers' }, figures: { killed: { min: 12, max: 12 }, injured: { min: 9, max: 9 } } },
      { kind: 'casualties', start: 0, end: 1, source: { kind: 'organisation', name: 'monitor' }, modality: 'asserted', subject: { start: 0, end: 1, text: 'soldiers' }, figures: { killed: { min: 19, max: 19 } } },
      { kind: 'casualties', start: 0, end: 1, source: narrator, modality: 'asserted', subject: { start: 0, end: 1, text: 'civilians' }, figures: { killed: { min: 3, max: 3 } } },
    ];
    assert.equal(acledFatalities(doc), 15);
  });
});

describe('runEval over a gold corpus folder', () => {
  it('scores every area and says which are not built', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sitrep-eval-'));
    mkdirSync(join(root, 'doc1'));
    writeFileSync(join(root, 'doc1', 'article.txt'), 'Raid on a village\n\nGovernor Amina Yusuf said gunmen from Boko Haram attacked Dikwa in Borno State on Tuesday.');
    writeFileSync(join(root, 'doc1', 'gold.json'), JSON.stringify({
      id: 'doc1', text: 'article.txt', published: '2020-02-05', title: 'Raid on a village',
      incidents: [{ types: ['armed_attack', 'attack'], date: { earliest: '2020-02-04', latest: '2020-02-04' }, location: { name: 'Dikwa', aliases: [], admin1: 'Borno', country: 'NG', lat: 12.03, lon: 13.92, tolerance_km: 25 }, actors: [{ name: 'Boko Haram', aliases: ['Boko Haram'] }, { name: 'army', aliases: ['army'] }] }],
      casualty_claims: [], quotes: [{ speaker: ['Amina Yusuf'], contains: 'gunmen from Boko Haram' }],
      entities: { person: ['Amina Yusuf'], organization: ['Boko Haram'], place: ['Dikwa', 'Borno State'] },
    }));
    let text = '';
    const out = new Writable({ write(chunk, _e, cb) { text += chunk; cb(); } });
    assert.equal(await runEval(root, { json: true, out }), 0);
    const r = JSON.parse(text);
    assert.deepEqual(Object.keys(r.corpus.areas), ['entities', 'quotes', 'casualties', 'locations', 'dates', 'incidents', 'actors']);
    // The one reported statement is found and split out as reported speech.
    assert.equal(r.corpus.areas.quotes.tp, 1);
    assert.deepEqual([r.corpus.areas.quotes.reported.tp, r.corpus.areas.quotes.direct.tp], [1, 0]);
    // Actors: Boko Haram found (attacker), the army not mentioned: recall 1 of 2.
    assert.equal(r.corpus.areas.actors.fn, 1, JSON.stringify(r.corpus.areas.actors));
    assert.equal(r.corpus.areas.entities.built, true);
    assert.ok(r.corpus.areas.entities.f1 > 0.5, JSON.stringify(r.corpus.areas.entities));
    for (const area of ['quotes', 'casualties', 'locations', 'dates', 'incidents', 'actors']) {
      if (!r.corpus.areas[area].built) {
        assert.equal(r.corpus.areas[area].f1, 0);
        assert.match(r.corpus.areas[area].note, /not built/);
      }
    }
  });
});

describe('fusion eval', () => {
  it('scores fusion pairwise against a gold clustering (examples/fusion)', async () => {
    const { evaluateFusion } = await import('../src/eval/fusion.ts');
    const r = evaluateFusion(new URL('../examples/fusion', import.meta.url).pathname);
    assert.equal(r.reports, 10);
    // Gold pairs: A has 3 reports (3 pairs), B 2 (1), C 3 (3): 7.
    assert.equal(r.tp + r.fn, 7);
    assert.ok(r.precision >= 0 && r.precision <= 1 && r.recall >= 0 && r.recall <= 1);
    assert.equal(r.fp, 0, 'the two same-day clashes, the later Mogadishu bombing and the protest stay apart');
  });
});
