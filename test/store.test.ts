import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { documentFromText } from '../src/ingest/index.ts';
import { analyse } from '../src/pipeline/index.ts';
import { openStore } from '../src/store/index.ts';
import { MIGRATIONS } from '../src/store/migrations.ts';

const dbPath = () => join(mkdtempSync(join(tmpdir(), 'sitrep-store-')), 'test.db');
const doc = (body: string) => analyse(documentFromText(`Report\n\n${body}`, { origin: 'mem', published: '2024-01-02' }));

describe('store', () => {
  it('migrates an empty database and round-trips a document with its layers', () => {
    const path = dbPath();
    const store = openStore(path);
    const d = doc('Rebels led by Omar Haddad attacked Aleppo on Monday.');
    assert.deepEqual(store.putDocument(d), { id: d.id, inserted: true });
    const back = store.getDocument(d.id.slice(0, 6))!;
    assert.equal(back.text, d.text);
    assert.deepEqual(back.entities, d.entities);
    assert.deepEqual(back.mentions, d.mentions);
    assert.equal(back.meta.published, '2024-01-02');
    store.close();
    const raw = new Database(path);
    assert.equal(raw.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(raw.prepare('SELECT count(*) FROM mentions').pluck().get(), d.mentions.length);
    raw.close();
  });

  it('is idempotent: the same text again inserts nothing', () => {
    const store = openStore(dbPath());
    const d = doc('A car bomb exploded in Mogadishu.');
    assert.equal(store.putDocument(d).inserted, true);
    assert.equal(store.putDocument(doc('A car bomb exploded in Mogadishu.')).inserted, false);
    assert.equal(store.count(), 1);
    store.close();
  });

  it('keeps what was committed when a batch fails half way, and leaves no partial rows', () => {
    const path = dbPath();
    const store = openStore(path);
    store.putDocument(doc('First report about Kabul.'));
    const broken = doc('Second report about Herat.');
    // A mention pointing at no entity row is fine for SQLite, so break the write itself: a non-serialisable layer.
    (broken as unknown as { quotes: unknown[] }).quotes = [{ start: 0, end: 1, bad: 10n }];
    assert.throws(() => store.putDocument(broken));
    store.putDocument(doc('Third report about Kandahar.'));
    assert.equal(store.count(), 2);
    assert.equal(store.getDocument(broken.id), undefined);
    store.close();
    const raw = new Database(path);
    assert.equal(raw.prepare('SELECT count(*) FROM entities WHERE doc_id = ?').pluck().get(broken.id), 0);
    raw.close();
  });

  it('refuses a file that is not a SQLite database and leaves it untouched', () => {
    const path = dbPath();
    writeFileSync(path, 'these are my notes, not a database');
    assert.throws(() => openStore(path), /not a SQLite database/);
    assert.equal(readFileSync(path, 'utf8'), 'these are my notes, not a database');
  });

  it('refuses a database from a newer sitrep', () => {
    const path = dbPath();
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    assert.throws(() => openStore(path), /newer than this sitrep/);
  });

  it('streams all documents and lists summaries', () => {
    const store = openStore(dbPath());
    for (const place of ['Sanaa', 'Aden', 'Taiz']) store.putDocument(doc(`Airstrikes hit ${place} overnight.`));
    assert.equal([...store.allDocuments()].length, 3);
    assert.equal(store.listDocuments({ limit: 2 }).length, 2);
    store.close();
  });
});
