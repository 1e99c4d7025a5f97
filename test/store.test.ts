import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { freshDatabases, PG_URL } from './support/postgres.ts';
import { documentFromText } from '../src/ingest/index.ts';
import { analyse } from '../src/pipeline/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { MIGRATIONS } from '../src/store/migrations.ts';

const dbPath = () => join(mkdtempSync(join(tmpdir(), 'sitrep-store-')), 'test.db');
const doc = (body: string, published = '2024-01-02') => analyse(documentFromText(`Report\n\n${body}`, { origin: 'mem', published }));

// PostgreSQL runs when SITREP_PG_URL names a server where its user may create databases (.ci/run
// starts one); every test gets a database of its own, dropped at the end.
if (!PG_URL && process.env.SITREP_REQUIRE_POSTGRES) throw new Error('SITREP_REQUIRE_POSTGRES is set but SITREP_PG_URL is not');
const freshPostgres = freshDatabases('sitrep_test');

const BACKENDS: { name: string; fresh: () => Promise<string>; skip?: string }[] = [
  { name: 'SQLite', fresh: async () => dbPath() },
  { name: 'PostgreSQL', fresh: freshPostgres, skip: PG_URL ? undefined : 'SITREP_PG_URL not set (no PostgreSQL server)' },
];

// The contract every store keeps: the CLI, the server and the exports rely on nothing else.
for (const backend of BACKENDS) {
  describe(`store contract: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    const open = async (): Promise<Store> => openStore(await backend.fresh());

    it('round-trips a document with its layers, by id or prefix', async () => {
      const store = await open();
      const d = doc('Rebels led by Omar Haddad attacked Aleppo on Monday.');
      assert.deepEqual(await store.putDocument(d), { id: d.id, inserted: true });
      const back = (await store.getDocument(d.id.slice(0, 6)))!;
      assert.equal(back.text, d.text);
      assert.deepEqual(back.entities, d.entities);
      assert.deepEqual(back.mentions, d.mentions);
      assert.deepEqual(back.claims, d.claims);
      assert.equal(back.meta.published, '2024-01-02');
      assert.equal(await store.getDocument('ffffffffffff'), undefined);
      await store.close();
    });

    it('is idempotent: the same text again inserts nothing', async () => {
      const store = await open();
      assert.equal((await store.putDocument(doc('A car bomb exploded in Mogadishu.'))).inserted, true);
      assert.equal((await store.putDocument(doc('A car bomb exploded in Mogadishu.'))).inserted, false);
      assert.equal(await store.count(), 1);
      await store.close();
    });

    it('keeps what was committed when a write fails half way, and leaves no partial rows', async () => {
      const store = await open();
      await store.putDocument(doc('First report about Kabul.'));
      const broken = doc('Second report about Herat.');
      // A layer that cannot be serialised fails the write after the document row went in.
      (broken as unknown as { quotes: unknown[] }).quotes = [{ start: 0, end: 1, bad: 10n }];
      await assert.rejects(store.putDocument(broken));
      await store.putDocument(doc('Third report about Kandahar.'));
      assert.equal(await store.count(), 2);
      assert.equal(await store.getDocument(broken.id), undefined);
      const gen = await store.generation();
      await store.putDocument(doc('Fourth report about Jalalabad.'));
      assert.notEqual(await store.generation(), gen, 'a write changes the generation');
      await store.close();
    });

    it('streams all documents and lists summaries', async () => {
      const store = await open();
      for (const place of ['Sanaa', 'Aden', 'Taiz']) await store.putDocument(doc(`Airstrikes hit ${place} overnight.`));
      const all = [];
      for await (const d of store.allDocuments()) all.push(d);
      assert.equal(all.length, 3);
      assert.equal((await store.listDocuments({ limit: 2 })).length, 2);
      assert.equal((await store.listDocuments({ limit: 2, offset: 2 })).length, 1);
      await store.close();
    });

    it('replaces a document\'s layers and incidents in place (reanalysis), and nothing for an unknown id', async () => {
      const store = await open();
      const d = doc('A car bomb exploded in a market in Mogadishu on Sunday, killing five people, police said.', '2024-05-20');
      await store.putDocument(d);
      const before = await store.queryIncidents();
      assert.equal(before.total, 1);
      // The same text analysed again, with one incident fewer (as a newer pipeline might decide).
      const again = doc('A car bomb exploded in a market in Mogadishu on Sunday, killing five people, police said.', '2024-05-20');
      again.incidents = [];
      again.stages = [...again.stages, 'reviewed'];
      assert.equal(await store.replaceLayers(again), true);
      assert.equal((await store.queryIncidents()).total, 0);
      assert.equal((await store.queryIncidents({ q: 'mogadishu' })).total, 0, 'the search index follows');
      const back = (await store.getDocument(d.id))!;
      assert.deepEqual(back.stages, again.stages);
      assert.equal(back.text, d.text);
      assert.equal(await store.count(), 1);
      assert.equal(await store.replaceLayers(doc('Never stored.')), false);
      await store.close();
    });

    it('queries incidents by words, country, type, date and actor, with paging and facets', async () => {
      const store = await open();
      await store.putDocument(doc('Shelling killed seven civilians in the village of Kessab in northern Syria on Thursday, a local official said.', '2024-03-08'));
      await store.putDocument(doc('Suspected jihadists attacked a police post near Mopti in central Mali on Friday, killing six policemen, the army said.', '2024-04-13'));
      await store.putDocument(doc('A car bomb exploded in a market in Mogadishu on Sunday, killing five people, police said.', '2024-05-20'));
      const all = await store.queryIncidents();
      assert.equal(all.total, 3);
      assert.deepEqual(all.items.map((r) => r.event_date), ['2024-05-19', '2024-04-12', '2024-03-07']);
      assert.equal((await store.queryIncidents({ limit: 1, offset: 1 })).items[0].id, all.items[1].id);
      assert.deepEqual((await store.queryIncidents({ q: 'kess' })).items.map((r) => r.country), ['SY']);
      assert.equal((await store.queryIncidents({ q: 'kessab mali' })).total, 0, 'every word must occur');
      assert.equal((await store.queryIncidents({ q: '" OR 1=1 --' })).total, 0, 'query syntax is inert');
      assert.deepEqual((await store.queryIncidents({ country: 'ml' })).items.map((r) => r.country), ['ML']);
      assert.equal((await store.queryIncidents({ from: '2024-04-01', to: '2024-04-30' })).total, 1);
      const bombs = await store.queryIncidents({ type: all.items[0].type });
      assert.ok(bombs.items.every((r) => r.type === all.items[0].type || r.other_types.includes(all.items[0].type)));
      assert.equal((await store.queryIncidents({ actor: 'JIHAD' })).total, 1);
      const points = await store.incidentPoints({ country: 'SY' });
      assert.equal(points.length, 1);
      assert.ok(Math.abs(points[0].lat - 35.9) < 0.5);
      const facets = await store.incidentFacets();
      assert.equal(facets.total, 3);
      assert.deepEqual(facets.months.map((m) => m.month), ['2024-03', '2024-04', '2024-05']);
      assert.equal(facets.countries.reduce((s, c) => s + c.n, 0), 3);
      assert.deepEqual(await store.getIncident(all.items[0].id), all.items[0]);
      await store.close();
    });
  });
}

describe('store: SQLite specifics', () => {
  it('records the schema version and the rows for querying', async () => {
    const path = dbPath();
    const store = await openStore(path);
    const d = doc('Rebels led by Omar Haddad attacked Aleppo on Monday.');
    await store.putDocument(d);
    await store.close();
    const raw = new Database(path);
    assert.equal(raw.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(raw.prepare('SELECT count(*) FROM mentions').pluck().get(), d.mentions.length);
    raw.close();
  });

  it('refuses a file that is not a SQLite database and leaves it untouched', async () => {
    const path = dbPath();
    writeFileSync(path, 'these are my notes, not a database');
    await assert.rejects(openStore(path), /not a SQLite database/);
    assert.equal(readFileSync(path, 'utf8'), 'these are my notes, not a database');
  });

  it('refuses a database from a newer sitrep', async () => {
    const path = dbPath();
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    await assert.rejects(openStore(path), /newer than this sitrep/);
  });
});

describe('store: SQLite with several writers', () => {
  // Invented one-paragraph reports, each text distinct: 48 shared by all four processes, 12 of each one's own.
  const TOWNS = ['Gao', 'Kidal', 'Mopti', 'Menaka', 'Segou', 'Timbuktu'];
  const report = (n: number) => JSON.stringify({ text: `Attack on post ${n}\n\nGunmen attacked an army post near ${TOWNS[n % 6]} on Monday, killing ${(n % 9) + 2} soldiers, officials said (report ${n}).`, published: '2024-04-01' });

  it('four ingest processes at once on one new file: every document stored once, integrity ok', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-writers-'));
    const path = join(dir, 'shared.db');
    const shared = Array.from({ length: 48 }, (_, i) => report(i));
    const files = [0, 1, 2, 3].map((p) => {
      const own = Array.from({ length: 12 }, (_, i) => report(1000 + p * 100 + i));
      // Each process meets the shared reports in its own order, so writes interleave.
      const lines = p % 2 ? [...shared].reverse() : shared;
      const file = join(dir, `batch${p}.jsonl`);
      writeFileSync(file, [...lines.slice(0, 24 + p), ...own, ...lines.slice(24 + p)].join('\n') + '\n');
      return file;
    });
    const runs = await Promise.all(files.map((file) => new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/sitrep.js', 'ingest', '--db', path, file], { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, SITREP_DB: '' } });
      let err = '';
      child.stderr.on('data', (c) => { err += c; });
      child.on('exit', (code) => resolve({ code, err }));
    })));
    for (const r of runs) assert.equal(r.code, 0, r.err.split('\n').filter((l) => /sitrep:|failed/.test(l)).slice(0, 5).join('\n'));
    const stored = runs.reduce((n, r) => n + Number(/(\d+) stored/.exec(r.err)?.[1] ?? NaN), 0);
    assert.equal(stored, 48 + 4 * 12, 'each document stored by exactly one process');
    const db = new Database(path, { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal(db.prepare('SELECT count(*) FROM documents').pluck().get(), 96);
      assert.equal(db.prepare('SELECT count(*) FROM layers').pluck().get(), 96);
      assert.equal(db.prepare('SELECT count(*) FROM (SELECT doc_id, n FROM incidents GROUP BY doc_id, n HAVING count(*) > 1)').pluck().get(), 0, 'no incident twice');
      assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    } finally { db.close(); }
  });
});

describe('store: PostgreSQL specifics', { skip: PG_URL ? false : 'SITREP_PG_URL not set' }, () => {
  it('says which server it cannot reach, without the password', async () => {
    await assert.rejects(openStore('postgres://someone:secret@127.0.0.1:1/nowhere'), (e: Error) => /cannot connect/.test(e.message) && !e.message.includes('secret'));
  });

  it('refuses a database from a newer sitrep', async () => {
    const url = await freshPostgres();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('CREATE TABLE sitrep_schema (version INTEGER NOT NULL); INSERT INTO sitrep_schema VALUES (99)');
    await c.end();
    await assert.rejects(openStore(url), /newer than this sitrep/);
  });
});
