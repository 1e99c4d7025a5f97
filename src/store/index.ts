// The store: SQLite through better-sqlite3 by default. The Store interface is what the CLI and the
// server use, so a PostgreSQL implementation can stand behind it later.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import type { Document } from '../model/document.ts';
import { MIGRATIONS } from './migrations.ts';

export interface StoredSummary { id: string; origin: string; title: string | null; outlet: string | null; published: string | null; ingested_at: string }

export interface Store {
  /** Stores an analysed document in one transaction. Same id again: nothing changes. */
  putDocument(doc: Document): { id: string; inserted: boolean };
  /** By full id or a unique prefix of at least 4 characters. */
  getDocument(idOrPrefix: string): Document | undefined;
  listDocuments(opts?: { limit?: number; offset?: number }): StoredSummary[];
  allDocuments(): Iterable<Document>;
  count(): number;
  close(): void;
}

export class StoreError extends Error {}

export const DEFAULT_DB = process.env.SITREP_DB || 'sitrep.db';

/** Refuse files that are not SQLite databases before SQLite gets a chance to touch them. */
function checkHeader(path: string): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    if (n === 0) return; // an empty file becomes a new database
    if (buf.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') throw new StoreError(`${path}: not a SQLite database (refusing to touch it)`);
  } finally {
    closeSync(fd);
  }
}

export function openStore(path: string = DEFAULT_DB): Store {
  checkHeader(path);
  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (e) {
    throw new StoreError(`${path}: cannot open database (${(e as Error).message})`);
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    db.close();
    throw new StoreError(`${path}: database schema version ${version} is newer than this sitrep (${MIGRATIONS.length}); upgrade sitrep`);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return new SqliteStore(db);
}

type Row = Record<string, any>;

class SqliteStore implements Store {
  private insertDoc;
  private insertLayers;
  private insertEntity;
  private insertMention;
  private exists;
  private put;

  constructor(private db: Database.Database) {
    this.insertDoc = db.prepare(`INSERT INTO documents (id, origin, url, outlet, title, byline, published, published_from, format, text, stages, ingested_at)
      VALUES (@id, @origin, @url, @outlet, @title, @byline, @published, @published_from, @format, @text, @stages, @ingested_at)`);
    this.insertLayers = db.prepare('INSERT INTO layers (doc_id, json) VALUES (?, ?)');
    this.insertEntity = db.prepare('INSERT INTO entities (doc_id, idx, kind, name, aliases, titles) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertMention = db.prepare('INSERT INTO mentions (doc_id, idx, entity_idx, kind, start, end, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.exists = db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
    this.put = db.transaction((doc: Document) => {
      if (this.exists.get(doc.id)) return false;
      const m = doc.meta;
      this.insertDoc.run({
        id: doc.id, origin: m.origin, url: m.url ?? null, outlet: m.outlet ?? null, title: m.title ?? null, byline: m.byline ?? null,
        published: m.published ?? null, published_from: m.publishedFrom ?? null, format: m.format, text: doc.text,
        stages: JSON.stringify(doc.stages), ingested_at: new Date().toISOString(),
      });
      const { id, meta, text, tokens, ...layers } = doc;
      this.insertLayers.run(doc.id, JSON.stringify({ ...layers, meta }));
      doc.entities.forEach((e) => this.insertEntity.run(doc.id, e.id, e.kind, e.name, JSON.stringify(e.aliases), JSON.stringify(e.titles)));
      doc.mentions.forEach((x, i) => this.insertMention.run(doc.id, i, x.entity, x.kind, x.start, x.end, x.text));
      return true;
    });
  }

  putDocument(doc: Document) {
    return { id: doc.id, inserted: this.put(doc) as boolean };
  }

  private hydrate(row: Row | undefined): Document | undefined {
    if (!row) return undefined;
    const layers = JSON.parse(row.json);
    return { id: row.id, text: row.text, tokens: [], ...layers };
  }

  getDocument(idOrPrefix: string): Document | undefined {
    const sql = 'SELECT d.id, d.text, l.json FROM documents d JOIN layers l ON l.doc_id = d.id WHERE d.id ';
    const exact = this.db.prepare(sql + '= ?').get(idOrPrefix) as Row | undefined;
    if (exact || idOrPrefix.length < 4) return this.hydrate(exact);
    const rows = this.db.prepare(sql + 'LIKE ? LIMIT 2').all(idOrPrefix.replace(/[%_]/g, '') + '%') as Row[];
    if (rows.length > 1) throw new StoreError(`id prefix "${idOrPrefix}" is ambiguous`);
    return this.hydrate(rows[0]);
  }

  listDocuments({ limit = 50, offset = 0 } = {}): StoredSummary[] {
    return this.db.prepare('SELECT id, origin, title, outlet, published, ingested_at FROM documents ORDER BY ingested_at, id LIMIT ? OFFSET ?').all(limit, offset) as StoredSummary[];
  }

  *allDocuments(): Iterable<Document> {
    // iterate() streams rows: an export of a large store never holds it all in memory.
    for (const row of this.db.prepare('SELECT d.id, d.text, l.json FROM documents d JOIN layers l ON l.doc_id = d.id ORDER BY d.ingested_at, d.id').iterate()) {
      yield this.hydrate(row as Row)!;
    }
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  }

  close(): void {
    this.db.close();
  }
}
