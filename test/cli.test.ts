import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sitrep } from './support/cli.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'sitrep-cli-'));
const ARTICLE = 'Troops clash near border town\n\nSoldiers from the 4th Brigade fought militants near the town of Kessab on Wednesday, killing six, Brigadier General Faris Nasser said.';

describe('cli', () => {
  it('prints help for the program and every command', async () => {
    const top = await sitrep('--help');
    assert.equal(top.code, 0);
    for (const cmd of ['extract', 'ingest', 'show', 'export', 'eval', 'bench', 'serve', 'demo', 'reanalyse', 'review']) {
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
    const r = await sitrep('extract', join(d, 'a.txt'), '--published', '2022-03-04', '--json');
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
    const r = await sitrep('extract', join(d, 'good.txt'), join(d, 'empty.txt'), '--json');
    assert.equal(r.code, 1);
    assert.match(r.err, /empty\.txt: empty input/);
    assert.ok(JSON.parse(r.out).mentions.length > 0);
  });

  it('extract prints a summary by default: incidents, figures and their sources in a few lines', async () => {
    const d = dir();
    writeFileSync(join(d, 'a.txt'), ARTICLE);
    const r = await sitrep('extract', join(d, 'a.txt'), '--published', '2024-03-03');
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.ok(lines.length <= 8, r.out);
    assert.match(lines[0], /Troops clash near border town .*published 2024-03-03/);
    assert.match(r.out, /1\. battle \(Armed clash\) {2}2024-02-28 {2}K[ae]ssab, .*, SY \(exact\) {2}fatalities 6/);
    assert.match(r.out, /killed militants 6 {2}<- Faris Nasser 6/);
    assert.match(r.out, /--json for every layer/);
  });

  it('extract on a JSON document gives one clear error, not one per line', async () => {
    const d = dir();
    const file = join(d, 'articles.json');
    writeFileSync(file, JSON.stringify([{ text: ARTICLE }, { text: ARTICLE + ' Again.' }], null, 2));
    const r = await sitrep('extract', file);
    assert.equal(r.code, 1);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /articles\.json: a JSON document, not JSON Lines/);
  });

  it('flags a document that is not in English instead of reading it as English', async () => {
    const d = dir();
    writeFileSync(join(d, 'fr.txt'), 'Affrontements près de la frontière\n\nDes soldats ont affronté des militants près de la ville mercredi, tuant six personnes, a déclaré un porte-parole de l\'armée.');
    const r = await sitrep('extract', join(d, 'fr.txt'), '--json');
    const rec = JSON.parse(r.out);
    assert.equal(rec.meta.language, 'fr');
    assert.ok(rec.messages.some((m: any) => m.code === 'not-english' && /French/.test(m.text)), JSON.stringify(rec.messages));
    const summary = await sitrep('extract', join(d, 'fr.txt'));
    assert.match(summary.out, /warning: the text looks like French \(fr\), not English/);
    // English is not flagged.
    writeFileSync(join(d, 'en.txt'), ARTICLE);
    const en = JSON.parse((await sitrep('extract', join(d, 'en.txt'), '--json')).out);
    assert.equal(en.meta.language, 'en');
    assert.ok(!en.messages.some((m: any) => m.code === 'not-english'));
  });

  it('prints its version', async () => {
    const r = await sitrep('--version');
    assert.equal(r.code, 0);
    assert.equal(r.out.trim(), `sitrep ${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}`);
  });

  it('reading commands refuse a --db that does not exist instead of creating it', async () => {
    const d = dir();
    for (const argv of [['show'], ['export', '--format', 'json'], ['review', '--list'], ['serve', '--port', '0']]) {
      const path = join(d, 'typo.db');
      const r = await sitrep(...argv, '--db', path);
      assert.equal(r.code, 1, argv.join(' '));
      assert.match(r.err, /typo\.db: no such database/);
      assert.equal(existsSync(path), false, argv.join(' '));
    }
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
    assert.match(list.out, /^1 document; showing 1-1\n/);
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
    writeFileSync(db, ''); // an empty file is a new database; a missing one is refused (a typo)
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
    // An incident by its id: the record, each figure with its source's sentence.
    const inc = await sitrep('show', '--db', db, `${id}-1`);
    assert.equal(inc.code, 0, inc.err);
    assert.match(inc.out, new RegExp(`^${id}-1  battle`));
    assert.match(inc.out, /killed\s+militants: 6\/6\/6 {2}<- Faris Nasser 6 "Soldiers from the 4th Brigade/);
    assert.equal((await sitrep('show', '--db', db, `${id}-9`)).code, 1);
  });

  it('says how many documents a list leaves out', async () => {
    const d = dir();
    const db = join(d, 's.db');
    writeFileSync(join(d, 'batch.jsonl'), [1, 2, 3].map((n) => JSON.stringify({ text: `${ARTICLE} Report ${n}.` })).join('\n'));
    await sitrep('ingest', '--db', db, join(d, 'batch.jsonl'));
    const r = await sitrep('show', '--db', db, '--limit', '2');
    assert.equal(r.out.split('\n')[0], '3 documents; showing 1-2 (--offset 2 for the next 1)');
    assert.equal(r.out.trim().split('\n').length, 3);
    const rest = await sitrep('show', '--db', db, '--limit', '2', '--offset', '2');
    assert.equal(rest.out.split('\n')[0], '3 documents; showing 3-3');
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

describe('library', () => {
  it('analyse(text, options) from the package entry point, as a program importing sitrep would', async () => {
    const { analyse, incidents } = await import('../index.js' as string);
    const doc = analyse(ARTICLE, { published: '2024-03-03', outlet: 'Test Wire' });
    assert.equal(doc.meta.outlet, 'Test Wire');
    assert.equal(doc.incidents.length, 1);
    const [record] = incidents(doc);
    assert.equal(record.fatalities, 6);
    for (const m of doc.mentions) assert.equal(doc.text.slice(m.start, m.end), m.text);
    assert.throws(() => analyse('', {}), /empty/);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    assert.equal(pkg.exports['.'].default, './index.js');
  });

  it('ships types a strict TypeScript program can use (npm run build:types, run by prepack)', { timeout: 120000 }, () => {
    const d = dir();
    const root = join(import.meta.dirname, '..');
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const build = spawnSync(process.execPath, [tsc, ...JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts['build:types'].split(' ').slice(1).map((a: string) => (a === 'types' ? join(d, 'pkg', 'types') : a))], { cwd: root, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stdout + build.stderr);
    writeFileSync(join(d, 'pkg', 'package.json'), JSON.stringify({ name: 'sitrep', type: 'module', exports: { '.': { types: './types/index.d.ts', default: './index.js' } } }));
    const consumer = join(d, 'app');
    mkdirSync(join(consumer, 'node_modules'), { recursive: true });
    symlinkSync(join(d, 'pkg'), join(consumer, 'node_modules', 'sitrep'));
    writeFileSync(join(consumer, 'package.json'), '{"type":"module"}');
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: true, types: [] } }));
    writeFileSync(join(consumer, 'a.ts'), "import { analyse, incidents, type Document } from 'sitrep';\nconst doc: Document = analyse('text', { published: '2024-01-01' });\nconst n: number = incidents(doc)[0].fatalities;\nexport { n };\n");
    const check = spawnSync(process.execPath, [tsc, '-p', consumer], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });
});
