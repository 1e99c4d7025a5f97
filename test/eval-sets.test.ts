// Scorers of the newer benchmark tasks and the eval runner's handling of tasks without a scorer.
// Items here are invented; rules: ../shared/benchmarks/README.md, docs/eval.md.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { runEval } from '../src/eval/index.ts';
import { mainIncident } from '../src/eval/sets/main-incident.ts';
import type { SetScorer } from '../src/eval/sets/types.ts';
import { victimsScorer, type VictimsItem } from '../src/eval/sets/victims.ts';
import { createDocument } from '../src/model/create.ts';
import type { Incident, ReconciledFigure } from '../src/model/incident.ts';

function score<I, P, S>(scorer: SetScorer<I, P, S>, pairs: [I, P][]) {
  const s = scorer.init();
  for (const [item, pred] of pairs) scorer.add(s, item, pred);
  return scorer.finish(s);
}
const close = (a: number, b: number, msg?: string) => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}${msg ? ' ' + msg : ''}`);

function writeSet(root: string, name: string, task: string, items: object[]) {
  mkdirSync(join(root, name));
  writeFileSync(join(root, name, 'manifest.json'), JSON.stringify({ task, name, item_count: items.length }));
  writeFileSync(join(root, name, 'items.jsonl'), items.map((i) => JSON.stringify(i)).join('\n') + '\n');
}

async function evalJson(root: string) {
  let text = '';
  const out = new Writable({ write(chunk, _e, cb) { text += chunk; cb(); } });
  const code = await runEval(root, { json: true, out });
  return { code, result: JSON.parse(text) };
}

describe('eval runner', () => {
  it('reports a set whose task has no scorer as not built, by name, and goes on', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sitrep-sets-'));
    writeSet(root, 'aaa-unknown', 'no-such-task', [{ id: '1', text: 'x' }]);
    writeSet(root, 'zzz-acled', 'casualties', [{ id: 'a', text: 'Gunmen killed three villagers in an attack on Monday.', event_date: '2015-01-05', lat: 0, lon: 0, geo_precision: 1, fatalities: 3 }]);
    const { code, result } = await evalJson(root);
    assert.equal(code, 0);
    assert.deepEqual(Object.keys(result.sets), ['aaa-unknown', 'zzz-acled']);
    assert.equal(result.sets['aaa-unknown'].built, false);
    assert.equal(result.sets['aaa-unknown'].note, 'not built (no scorer for task no-such-task)');
    assert.equal(result.sets['zzz-acled'].items, 1);
    assert.equal(result.sets['zzz-acled'].built, true);
    // The table says the same.
    let table = '';
    await runEval(root, { json: false, out: new Writable({ write(c, _e, cb) { table += c; cb(); } }) });
    assert.match(table, /aaa-unknown \(no-such-task, 0 items, 0\.0 s\): not built \(no scorer for task no-such-task\)/);
    assert.match(table, /zzz-acled \(casualties, 1 items/);
  });
});

const fig = (outcome: 'killed' | 'injured', n: number, group = 'people'): ReconciledFigure => ({ group, outcome, low: n, best: n, high: n, contested: false, sources: [] });
const incident = (start: number, figures: ReconciledFigure[]): Incident => ({ type: 'armed_attack', actors: [], claims: [], figures, evidence: { start, end: start + 5 } });

describe('victims (gvdb)', () => {
  it('main incident: largest killed + injured, ties to the earliest in the text', () => {
    const doc = createDocument('x'.repeat(100), { origin: 't', format: 'text' });
    doc.incidents = [incident(40, [fig('killed', 1)]), incident(60, [fig('killed', 1), fig('injured', 2)]), incident(10, [fig('injured', 3)])];
    const m = mainIncident(doc)!;
    assert.deepEqual([m.index, m.killed, m.injured], [2, 0, 3]);
    doc.incidents = [];
    assert.equal(mainIncident(doc), undefined);
  });

  it('exact counts over complete articles, city by span or name, state by name or code', () => {
    const item = (o: Partial<VictimsItem>): VictimsItem => ({ id: 'i', text: '', killed: 0, injured: 0, counts_complete: true, ...o });
    const r = score(victimsScorer, [
      [item({ killed: 1, city: { start: 10, end: 16, text: 'Dayton' }, state: 'Ohio', state_code: 'OH', date: '2015-03-01' }),
        { killed: 1, injured: 0, place: { start: 12, end: 20 }, state: 'oh', date: '2015-03-01' }],
      [item({ injured: 2, city: { start: 0, end: 10, text: 'Fort Wayne' }, state: null }),
        { killed: 0, injured: 1, place: { start: 50, end: 60 }, placeName: 'Fort  Wayne.' }],
      // Incomplete counts: not in the count rates; its wrong state still counts.
      [item({ killed: 2, counts_complete: false, state: 'Texas', state_code: 'TX', victims: [{ name: { start: 0, end: 4 } }] }),
        { killed: 0, injured: 0, state: 'Ohio', victimSpans: [{ start: 2, end: 9 }] }],
    ]);
    close(r.both_exact, 1 / 2);
    close(r.killed_exact, 1);
    close(r.injured_exact, 1 / 2);
    close(r.killed_exact_nonzero, 1);
    close(r.city_accuracy, 1);
    close(r.state_accuracy, 1 / 2);
    close(r.date_match, 1);
    close(r.victim_name_recall, 1);
  });

  it('reads an invented report through the pipeline', () => {
    const p = victimsScorer.predict({ id: 'v', text: 'Two men were killed and three people were wounded in a shooting outside a bar in Dayton, Ohio, early Saturday, police said.', killed: 2, injured: 3, counts_complete: true });
    assert.deepEqual([p.killed, p.injured, p.placeName, p.state], [2, 3, 'Dayton', 'Ohio']);
  });
});
