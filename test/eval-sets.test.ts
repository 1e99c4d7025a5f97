// Scorers of the newer benchmark tasks and the eval runner's handling of tasks without a scorer.
// Items here are invented; rules: ../shared/benchmarks/README.md, docs/eval.md.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { runEval } from '../src/eval/index.ts';
import type { SetScorer } from '../src/eval/sets/types.ts';

function score<I, P, S>(scorer: SetScorer<I, P, S>, pairs: [I, P][]) {
  const s = scorer.init();
  for (const [item, pred] of pairs) scorer.add(s, item, pred);
  return scorer.finish(s);
}
const close = (a: number, b: number, msg?: string) => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}${msg ? ' ' + msg : ''}`);
void score; void close;

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
