import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from '../src/cli/main.ts';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void) { this.text += chunk.toString(); cb(); }
}
async function sitrep(...argv: string[]) {
  const out = new Capture();
  const err = new Capture();
  const code = await main(argv, { out, err });
  return { code, out: out.text, err: err.text };
}
const dir = () => mkdtempSync(join(tmpdir(), 'sitrep-cli-'));
const ARTICLE = 'Troops clash near border town\n\nSoldiers from the 4th Brigade fought militants near the town of Kessab on Wednesday, killing six, Brigadier General Faris Nasser said.';

describe('cli', () => {
  it('prints help for the program and every command', async () => {
    const top = await sitrep('--help');
    assert.equal(top.code, 0);
    for (const cmd of ['extract', 'ingest', 'show', 'export', 'eval', 'bench', 'serve', 'demo', 'reanalyse']) {
      assert.match(top.out, new RegExp(`\\b${cmd}\\b`));
      const r = await sitrep(cmd, '--help');
      assert.equal(r.code, 0, cmd);
      assert.match(r.out, new RegExp(`Usage: sitrep ${cmd}`));
    }
  });

  it('rejects unknown commands and flags with a usage error (exit 2)', async () => {
    assert.equal((await sitrep('frobnicate')).code, 2);
    const r = await sitrep('extract', '--nope', 'x.txt');
    assert.equal(r.code, 2);
    assert.match(r.err, /Unknown option '--nope'/);
    assert.equal((await sitrep('extract')).code, 2);
  });

  it('extract prints a record whose mention offsets slice the text', async () => {
    const d = dir();
    writeFileSync(join(d, 'a.txt'), ARTICLE);
    const r = await sitrep('extract', join(d, 'a.txt'), '--published', '2022-03-04');
    assert.equal(r.code, 0, r.err);
    const rec = JSON.parse(r.out);
    assert.equal(rec.meta.published, '2022-03-04');
    assert.ok(rec.mentions.length > 0);
    for (const m of rec.mentions) assert.equal(rec.text.slice(m.start, m.end), m.text);
    assert.equal(rec.tokens, undefined);
  });

  it('extract names a bad input on stderr and exits 1, printing the good ones', async () => {
    const d = dir();
    writeFileSync(join(d, 'good.txt'), ARTICLE);
    writeFileSync(join(d, 'empty.txt'), '');
    const r = await sitrep('extract', join(d, 'good.txt'), join(d, 'empty.txt'));
    assert.equal(r.code, 1);
    assert.match(r.err, /empty\.txt: empty input/);
    assert.ok(JSON.parse(r.out).mentions.length > 0);
  });

  it('ingest stores, re-ingest is unchanged, show and export read the store', async () => {
    const d = dir();
    const db = join(d, 's.db');
    writeFileSync(join(d, 'a.txt'), ARTICLE);
    writeFileSync(join(d, 'bad.html'), '<html><body><nav>Home</nav></body></html>');
    const first = await sitrep('ingest', '--db', db, join(d, 'a.txt'), join(d, 'bad.html'));
    assert.equal(first.code, 1);
    assert.match(first.err, /1 stored, 0 unchanged, 1 failed/);
    assert.match(first.err, /bad\.html: HTML has no extractable article text/);
    const again = await sitrep('ingest', '--db', db, join(d, 'a.txt'));
    assert.equal(again.code, 0);
    assert.match(again.err, /0 stored, 1 unchanged, 0 failed/);
    const list = await sitrep('show', '--db', db);
    assert.match(list.out, /^1 documents/);
    const id = list.out.split('\n')[1].split(' ')[0];
    const shown = await sitrep('show', '--db', db, id.slice(0, 8));
    assert.equal(shown.code, 0);
    assert.match(shown.out, /Faris Nasser \[Brigadier General\]/);
    const out = join(d, 'export.jsonl');
    assert.equal((await sitrep('export', '--db', db, '--format', 'documents', '--out', out)).code, 0);
    const exported = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(exported.length, 1);
    assert.equal(exported[0].id, id);
    assert.equal((await sitrep('export', '--db', db, '--format', 'xml')).code, 2);
    assert.equal((await sitrep('show', '--db', db, 'ffffffffff')).code, 1);
  });

  it('refuses a database path that is not a database', async () => {
    const d = dir();
    writeFileSync(join(d, 'notes.db'), 'plain text');
    const r = await sitrep('show', '--db', join(d, 'notes.db'));
    assert.equal(r.code, 1);
    assert.match(r.err, /not a SQLite database/);
  });

  it('runs as a program: stdin in, JSON out, exit codes out', () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'sitrep.js');
    const ok = spawnSync(process.execPath, [bin, 'extract', '-', '--compact'], { input: ARTICLE, encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).meta.origin, 'stdin');
    const bad = spawnSync(process.execPath, [bin, 'extract', '-'], { input: Buffer.from([0, 1, 2, 3]), encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr.trim(), 'sitrep: stdin: binary input (contains NUL bytes), not text');
  });
});

describe('serve', () => {
  it('refuses a bad port with a usage error', async () => {
    const r = await sitrep('serve', '--port', 'eighty');
    assert.equal(r.code, 2);
    assert.match(r.err, /--port must be a number/);
  });

  it('serves a store until stopped (a child process, so SIGTERM ends it)', async () => {
    const db = join(dir(), 'served.db');
    const child = spawn(process.execPath, ['bin/sitrep.js', 'serve', '--db', db, '--port', '0'], { cwd: new URL('..', import.meta.url).pathname });
    let err = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (c) => { err += c; const m = /at (http:\/\/\S+)/.exec(err); if (m) resolve(m[1]); });
      child.on('exit', () => reject(new Error(err)));
    });
    const health = await (await fetch(url + 'api/health')).json() as { ok: boolean; documents: number };
    assert.deepEqual([health.ok, health.documents], [true, 0]);
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
  });
});

describe('reanalyse', () => {
  it('runs the stages again over every stored document and keeps ids and texts', async () => {
    const d = dir();
    const db = join(d, 'r.db');
    writeFileSync(join(d, 'a.txt'), ARTICLE);
    assert.equal((await sitrep('ingest', '--db', db, '--published', '2024-03-03', join(d, 'a.txt'))).code, 0);
    const before = (await sitrep('show', '--db', db)).out;
    const r = await sitrep('reanalyse', '--db', db);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /1 reanalysed, 0 failed; incidents 1 -> 1/);
    assert.equal((await sitrep('show', '--db', db)).out, before);
  });
});

describe('show', () => {
  it('lists a document\'s incidents with type, place, actors and each figure with its sources', async () => {
    const d = dir();
    const db = join(d, 's.db');
    writeFileSync(join(d, 'a.txt'), ARTICLE);
    await sitrep('ingest', '--db', db, '--published', '2024-03-03', join(d, 'a.txt'));
    const list = await sitrep('show', '--db', db);
    const id = list.out.split('\n')[1].split(/\s+/)[0];
    const r = await sitrep('show', '--db', db, id);
    assert.equal(r.code, 0);
    assert.match(r.out, /Incidents \(1\)\n {2}1\. battle \(Battles \/ Armed clash\)/);
    assert.match(r.out, /killed\s+militants: 6\/6\/6 {2}<- Faris Nasser 6/);
  });
});

describe('export filters', () => {
  it('checks each filter as the API does: one line on stderr and exit 2; a country may be named', async () => {
    const d = dir();
    const db = join(d, 'f.db');
    writeFileSync(join(d, 'a.txt'), ARTICLE);
    assert.equal((await sitrep('ingest', '--db', db, '--published', '2024-03-03', join(d, 'a.txt'))).code, 0);
    for (const [args, message] of [
      [['--format', 'json', '--country', 'Atlantis'], /--country must be an ISO 3166 alpha-2 code .* got "Atlantis"/],
      [['--format', 'json', '--country', 'XQ'], /--country must be/],
      [['--format', 'json', '--type', 'nonsense'], /--type must be one of .*battle.*; got "nonsense"/],
      [['--format', 'csv', '--from', '2019-13-01'], /--from must be a date as YYYY-MM-DD, got "2019-13-01"/],
      [['--format', 'csv', '--to', '2019-02-30'], /--to must be a date/],
      [['--format', 'json', '--from', '2024-02-01', '--to', '2024-01-01'], /--from \(2024-02-01\) is after --to/],
      [[], /--format is required/],
      [['--format', 'documents', '--country', 'SY'], /apply to incidents/],
    ] as [string[], RegExp][]) {
      const r = await sitrep('export', '--db', db, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '', args.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, message);
    }
    const count = async (...args: string[]) => {
      const r = await sitrep('export', '--db', db, '--format', 'json', ...args);
      assert.equal(r.code, 0, r.err);
      return JSON.parse(r.out).length;
    };
    assert.equal(await count('--country', 'Afghanistan'), 0);
    assert.equal(await count('--country', 'Syria'), 1);
    assert.equal(await count('--country', 'sy'), 1);
    assert.equal(await count('--country', 'SYR'), 1);
    assert.equal(await count('--type', 'battle', '--from', '2024-02-28', '--to', '2024-03-03'), 1);
    assert.equal(await count('--from', '2024-03-01'), 0);
    // A mistyped database is refused, not created empty.
    const typo = await sitrep('export', '--db', join(d, 'typo.db'), '--format', 'csv');
    assert.equal(typo.code, 1);
    assert.match(typo.err, /typo\.db: no such database/);
    assert.equal(existsSync(join(d, 'typo.db')), false);
  });
});
