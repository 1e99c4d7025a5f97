// The SQLite store (better-sqlite3): the default, one file, synchronous underneath.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { incidentRecords, type IncidentRecord } from '../export/records.ts';
import type { Document } from '../model/document.ts';
import { queryWords, searchBody, StoreError, type FusedQuery, type IncidentFacets, type IncidentPoint, type IncidentQuery, type Store, type StoredSummary } from './index.ts';
import { applyCorrections, type Correction, type NewCorrection } from './corrections.ts';
import { packLayers, unpackLayers } from './layers.ts';
import { BACKFILL, FUSION_BACKFILL, MIGRATIONS } from './migrations.ts';
import { SqliteFusion } from './fusion-sqlite.ts';
import type { FusedIncident } from '../fusion/record.ts';

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

/** How long a writer waits for another process's write to finish before giving up (milliseconds). */
export const BUSY_TIMEOUT_MS = Number(process.env.SITREP_BUSY_TIMEOUT_MS) || 60_000;

export function openSqliteStore(path: string): Store {
  checkHeader(path);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    // The busy timeout first: switching a new file to WAL takes a lock another opener may hold.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
  } catch (e) {
    throw new StoreError(`${path}: cannot open database (${(e as Error).message})`);
  }
  try {
    migrate(db, path);
  } catch (e) {
    db.close();
    throw e instanceof StoreError ? e : new StoreError(`${path}: migration failed (${(e as Error).message})`);
  }
  return new SqliteStore(db, path);
}

/**
 * Bring the schema up to date. The version is read and every migration applied inside one IMMEDIATE
 * transaction (the write lock taken at BEGIN, so the busy timeout applies): several processes opening
 * one new file all wait for the first, then find the schema made. A current schema takes no write lock.
 */
function migrate(db: Database.Database, path: string): void {
  const current = () => db.pragma('user_version', { simple: true }) as number;
  const check = (version: number) => {
    if (version > MIGRATIONS.length) throw new StoreError(`${path}: database schema version ${version} is newer than this sitrep (${MIGRATIONS.length}); upgrade sitrep`);
  };
  check(current());
  if (current() === MIGRATIONS.length) return;
  db.transaction(() => {
    const version = current();
    check(version);
    for (let v = version; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]);
      // A database that already holds documents gets the derived rows the new schema expects
      // (the store's statements are prepared against the schema as it stands at this step).
      if (BACKFILL.has(v + 1) && version > 0) new SqliteStore(db, path).backfill();
      if (FUSION_BACKFILL.has(v + 1) && version > 0) new SqliteStore(db, path).rebuildFusionSync();
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}

/** FTS5 query from user words: every word must occur (as a prefix); FTS syntax in the input is inert. */
function ftsQuery(q: string): string | undefined {
  return queryWords(q)?.map((w) => `"${w}"*`).join(' ');
}

function whereClause(q: IncidentQuery): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  // An incident lies in [from, to] when its window overlaps it (as in the exports' filter).
  if (q.from) { parts.push('event_date IS NOT NULL AND coalesce(event_date_latest, event_date) >= ?'); params.push(q.from); }
  if (q.to) { parts.push('event_date IS NOT NULL AND event_date <= ?'); params.push(q.to); }
  if (q.country) { parts.push('country = ?'); params.push(q.country.toUpperCase()); }
  if (q.type) { parts.push('instr(types, ?) > 0'); params.push(` ${q.type} `); }
  if (q.actor) { parts.push('instr(actors, ?) > 0'); params.push(q.actor.toLowerCase()); }
  const fts = q.q ? ftsQuery(q.q) : undefined;
  if (q.q && !fts) parts.push('0'); // words were asked for but none given: nothing matches
  if (fts) { parts.push('id IN (SELECT id FROM incidents_fts WHERE incidents_fts MATCH ?)'); params.push(fts); }
  return { sql: parts.length ? ' WHERE ' + parts.join(' AND ') : '', params };
}

type Row = Record<string, any>;

/** A stored correction row as a Correction (its JSON columns parsed). */
function correctionOf(row: Row): Correction {
  const json = (v: string | null) => (v === null ? null : JSON.parse(v));
  return { id: row.id, document: row.document, related: row.related, target: row.target, action: row.action, anchor: json(row.anchor), old: json(row.old), new: json(row.new), why: row.why, who: row.who, at: row.at };
}

class SqliteStore implements Store {
  private insertDoc;
  private insertLayers;
  private insertEntity;
  private insertMention;
  private exists;
  private put;
  private replace;
  private insertIncident;
  private insertRecord;
  private insertFts;
  private rebuild;
  /** Fusion's tables: each stored report placed in a fused incident as it is stored (fusion-sqlite.ts). */
  private fusion: SqliteFusion;

  constructor(private db: Database.Database, readonly location: string) {
    this.fusion = new SqliteFusion(db);
    this.insertDoc = db.prepare(`INSERT INTO documents (id, origin, url, outlet, title, byline, published, published_from, format, text, stages, ingested_at)
      VALUES (@id, @origin, @url, @outlet, @title, @byline, @published, @published_from, @format, @text, @stages, @ingested_at)`);
    this.insertLayers = db.prepare('INSERT INTO layers (doc_id, json) VALUES (?, ?)');
    this.insertEntity = db.prepare('INSERT INTO entities (doc_id, idx, kind, name, aliases, titles) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertMention = db.prepare('INSERT INTO mentions (doc_id, idx, entity_idx, kind, start, end, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.exists = db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
    this.insertIncident = db.prepare(`INSERT INTO incidents (id, doc_id, n, type, types, event_date, event_date_latest, country, admin1, location,
      latitude, longitude, fatalities, fatalities_best, contested, actors${this.hasPrecision() ? ', geo_precision' : ''})
      VALUES (@id, @doc_id, @n, @type, @types, @event_date, @event_date_latest, @country, @admin1, @location,
      @latitude, @longitude, @fatalities, @fatalities_best, @contested, @actors${this.hasPrecision() ? ', @geo_precision' : ''})`);
    this.insertRecord = db.prepare('INSERT INTO incident_records (id, record) VALUES (?, ?)');
    this.insertFts = db.prepare('INSERT INTO incidents_fts (id, body) VALUES (?, ?)');
    this.put = db.transaction((doc: Document) => {
      if (this.exists.get(doc.id)) return false;
      const m = doc.meta;
      this.insertDoc.run({
        id: doc.id, origin: m.origin, url: m.url ?? null, outlet: m.outlet ?? null, title: m.title ?? null, byline: m.byline ?? null,
        published: m.published ?? null, published_from: m.publishedFrom ?? null, format: m.format, text: doc.text,
        stages: JSON.stringify(doc.stages), ingested_at: new Date().toISOString(),
      });
      // Fusion places the records as stored (corrections applied): a rejected incident has no row to join.
      this.fusion.place(doc, this.insertDerived(doc));
      return true;
    });
    // Derived rows of one document, children before parents (the search index and records go by incident).
    const deleteDerived = [
      'DELETE FROM incidents_fts WHERE id IN (SELECT id FROM incidents WHERE doc_id = ?)',
      'DELETE FROM incident_records WHERE id IN (SELECT id FROM incidents WHERE doc_id = ?)',
      ...['incidents', 'mentions', 'entities', 'layers'].map((table) => `DELETE FROM ${table} WHERE doc_id = ?`),
    ].map((sql) => db.prepare(sql));
    // The metadata columns too: a corrected publication date or outlet is analysed again through here.
    const updateStages = db.prepare('UPDATE documents SET stages = ?, outlet = ?, published = ?, published_from = ? WHERE id = ?');
    this.replace = db.transaction((doc: Document) => {
      if (!this.exists.get(doc.id)) return false;
      // The document's reports leave their fused incidents (with its incidents) and are placed anew.
      const touched = this.fusion.incidentsOf(doc.id);
      for (const statement of deleteDerived) statement.run(doc.id);
      updateStages.run(JSON.stringify(doc.stages), doc.meta.outlet ?? null, doc.meta.published ?? null, doc.meta.publishedFrom ?? null, doc.id);
      const stored = this.insertDerived(doc);
      this.fusion.refresh(touched);
      this.fusion.place(doc, stored);
      return true;
    });
    this.rebuild = db.transaction(() => this.rebuildFusionSync());
  }

  /** Every row derived from the analysis: layers, entities, mentions, incidents (inside the caller's transaction). */
  private insertDerived(doc: Document): IncidentRecord[] {
    this.insertLayers.run(doc.id, packLayers(doc));
    doc.entities.forEach((e) => this.insertEntity.run(doc.id, e.id, e.kind, e.name, JSON.stringify(e.aliases), JSON.stringify(e.titles)));
    doc.mentions.forEach((x, i) => this.insertMention.run(doc.id, i, x.entity, x.kind, x.start, x.end, x.text));
    return this.indexIncidents(doc);
  }

  async replaceLayers(doc: Document): Promise<boolean> {
    return this.replace.immediate(doc) as boolean;
  }

  /** Whether the incidents table has its geo_precision column yet (migration 3; a backfill at migration 2 runs before it). */
  private hasPrecision(): boolean {
    return (this.db.prepare("SELECT count(*) FROM pragma_table_info('incidents') WHERE name = 'geo_precision'").pluck().get() as number) > 0;
  }

  /** The corrections that apply to a document's records (none before migration 3 made their table). */
  private correctionsFor(docId: string): Correction[] {
    if (!this.hasCorrections) this.hasCorrections = !!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'").get();
    if (!this.hasCorrections) return [];
    return (this.db.prepare('SELECT * FROM corrections WHERE document = ? OR related = ? ORDER BY id').all(docId, docId) as Row[]).map(correctionOf);
  }
  private hasCorrections = false;

  /** Stores a document's incident rows, its corrections applied, and returns the records stored. */
  private indexIncidents(doc: Document): IncidentRecord[] {
    // Rejected and merged incidents are left out of every list, map and export; the trail keeps them.
    const records = applyCorrections(incidentRecords(doc), this.correctionsFor(doc.id)).filter((r) => (r.status ?? 'ok') === 'ok');
    records.forEach((r, n) => {
      this.insertIncident.run({
        id: r.id, doc_id: doc.id, n, type: r.type, types: ` ${[r.type, ...r.other_types].join(' ')} `,
        event_date: r.event_date, event_date_latest: r.event_date_latest, country: r.country, admin1: r.admin1, location: r.location,
        latitude: r.latitude, longitude: r.longitude, fatalities: r.fatalities, fatalities_best: r.fatalities_best,
        contested: r.contested ? 1 : 0, actors: r.actors.map((a) => a.name.toLowerCase()).join('\n'), geo_precision: r.geo_precision,
      });
      this.insertRecord.run(r.id, JSON.stringify(r));
      this.insertFts.run(r.id, searchBody(r));
    });
    return records;
  }

  /** Recompute the incident rows of every stored document (called inside a migration's transaction). */
  backfill(): void {
    this.db.exec('DELETE FROM incident_records; DELETE FROM incidents; DELETE FROM incidents_fts;');
    for (const doc of [...this.documentsSync()]) this.indexIncidents(doc);
  }

  async hasDocument(id: string): Promise<boolean> {
    return !!this.exists.get(id);
  }

  async hasUrl(url: string): Promise<boolean> {
    return !!this.db.prepare('SELECT 1 FROM documents WHERE url = ? LIMIT 1').pluck().get(url);
  }

  /** Every stored report placed anew, in publication order (inside the caller's transaction). */
  rebuildFusionSync(): { reports: number; incidents: number } {
    const records = (doc: Document) => (this.db.prepare('SELECT r.record FROM incidents i JOIN incident_records r ON r.id = i.id WHERE i.doc_id = ? ORDER BY i.n').pluck().all(doc.id) as string[]).map((r) => JSON.parse(r) as IncidentRecord);
    return this.fusion.rebuild([...this.documentsSync()], records);
  }

  async rebuildFusion() {
    return this.rebuild.immediate() as { reports: number; incidents: number };
  }

  async detachReport(report: string) {
    return this.db.transaction(() => this.fusion.detach(report)).immediate();
  }

  async queryFused(q: FusedQuery = {}) {
    return this.fusion.query(q);
  }

  async getFused(id: string): Promise<FusedIncident | undefined> {
    return this.fusion.get(id);
  }

  async putDocument(doc: Document) {
    // IMMEDIATE: the write lock at BEGIN, so another writer makes us wait (busy timeout) instead of
    // failing at once with "database is locked" when a read would have to become a write.
    return { id: doc.id, inserted: this.put.immediate(doc) as boolean };
  }

  private hydrate(row: Row | undefined): Document | undefined {
    if (!row) return undefined;
    const layers = unpackLayers(row.text, row.json);
    return { id: row.id, text: row.text, tokens: [], ...layers };
  }

  async getDocument(idOrPrefix: string): Promise<Document | undefined> {
    // Ids are lower-case hexadecimal: "AB12" finds ab12....
    if (/^[0-9a-f]+$/i.test(idOrPrefix)) idOrPrefix = idOrPrefix.toLowerCase();
    const sql = 'SELECT d.id, d.text, l.json FROM documents d JOIN layers l ON l.doc_id = d.id WHERE d.id ';
    const exact = this.db.prepare(sql + '= ?').get(idOrPrefix) as Row | undefined;
    if (exact || idOrPrefix.length < 4) return this.hydrate(exact);
    const rows = this.db.prepare(sql + 'LIKE ? LIMIT 2').all(idOrPrefix.replace(/[%_]/g, '') + '%') as Row[];
    if (rows.length > 1) throw new StoreError(`id prefix "${idOrPrefix}" is ambiguous`);
    return this.hydrate(rows[0]);
  }

  async listDocuments({ limit = 50, offset = 0 } = {}): Promise<StoredSummary[]> {
    return this.db.prepare('SELECT id, origin, title, outlet, published, ingested_at FROM documents ORDER BY ingested_at, id LIMIT ? OFFSET ?').all(limit, offset) as StoredSummary[];
  }

  async *allDocuments(): AsyncIterable<Document> {
    yield* this.documentsSync();
  }

  private *documentsSync(): Iterable<Document> {
    // iterate() streams rows: an export of a large store never holds it all in memory.
    for (const row of this.db.prepare('SELECT d.id, d.text, l.json FROM documents d JOIN layers l ON l.doc_id = d.id ORDER BY d.ingested_at, d.id').iterate()) {
      yield this.hydrate(row as Row)!;
    }
  }

  async count(): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  }

  async queryIncidents(q: IncidentQuery = {}) {
    const { sql, params } = whereClause(q);
    const total = this.db.prepare('SELECT count(*) FROM incidents' + sql).pluck().get(...params) as number;
    const rows = this.db.prepare(`SELECT r.record FROM (SELECT id, event_date FROM incidents${sql} ORDER BY event_date IS NULL, event_date DESC, id LIMIT ? OFFSET ?) i
      JOIN incident_records r ON r.id = i.id ORDER BY i.event_date IS NULL, i.event_date DESC, i.id`)
      .pluck().all(...params, q.limit ?? 50, q.offset ?? 0) as string[];
    return { total, items: rows.map((r) => JSON.parse(r) as IncidentRecord) };
  }

  async incidentPoints(q: IncidentQuery = {}): Promise<IncidentPoint[]> {
    const { sql, params } = whereClause(q);
    const where = (sql ? sql + ' AND ' : ' WHERE ') + 'latitude IS NOT NULL AND longitude IS NOT NULL';
    return this.db.prepare(`SELECT id, latitude AS lat, longitude AS lon, type, event_date AS date, fatalities, geo_precision AS precision FROM incidents${where}`).all(...params) as IncidentPoint[];
  }

  async incidentFacets(q: IncidentQuery = {}): Promise<IncidentFacets> {
    const { sql, params } = whereClause(q);
    const and = sql ? sql + ' AND ' : ' WHERE ';
    return {
      total: this.db.prepare('SELECT count(*) FROM incidents' + sql).pluck().get(...params) as number,
      types: this.db.prepare(`SELECT type, count(*) AS n FROM incidents${sql} GROUP BY type ORDER BY n DESC, type`).all(...params) as IncidentFacets['types'],
      countries: this.db.prepare(`SELECT country, count(*) AS n FROM incidents${and}country IS NOT NULL GROUP BY country ORDER BY n DESC, country`).all(...params) as IncidentFacets['countries'],
      months: this.db.prepare(`SELECT substr(event_date, 1, 7) AS month, count(*) AS n FROM incidents${and}event_date IS NOT NULL GROUP BY month ORDER BY month`).all(...params) as IncidentFacets['months'],
    };
  }

  async getIncident(id: string): Promise<IncidentRecord | undefined> {
    const row = this.db.prepare('SELECT record FROM incident_records WHERE id = ?').pluck().get(id) as string | undefined;
    return row ? (JSON.parse(row) as IncidentRecord) : undefined;
  }

  async generation(): Promise<string> {
    const r = this.db.prepare('SELECT count(*) AS n, coalesce(max(rowid), 0) AS last, (SELECT coalesce(max(id), 0) FROM corrections) AS corrected FROM documents').get() as { n: number; last: number; corrected: number };
    return `${r.n}.${r.last}.${r.corrected}`;
  }

  async addCorrection(c: NewCorrection): Promise<Correction> {
    const insert = this.db.prepare(`INSERT INTO corrections (document, related, target, action, anchor, old, new, why, who, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const deleteIncidents = [
      'DELETE FROM incidents_fts WHERE id IN (SELECT id FROM incidents WHERE doc_id = ?)',
      'DELETE FROM incident_records WHERE id IN (SELECT id FROM incidents WHERE doc_id = ?)',
      'DELETE FROM incidents WHERE doc_id = ?',
    ].map((sql) => this.db.prepare(sql));
    const at = new Date().toISOString();
    return this.db.transaction(() => {
      const { lastInsertRowid } = insert.run(c.document, c.related ?? null, c.target, c.action, c.anchor ? JSON.stringify(c.anchor) : null,
        JSON.stringify(c.old ?? null), JSON.stringify(c.new ?? null), c.why, c.who, at);
      // The records of every document the correction touches, derived again with it.
      for (const id of new Set([c.document, c.related].filter((x): x is string => !!x))) {
        const doc = this.hydrate(this.db.prepare('SELECT d.id, d.text, l.json FROM documents d JOIN layers l ON l.doc_id = d.id WHERE d.id = ?').get(id) as Row | undefined);
        if (!doc) continue;
        // Its reports leave their fused incidents and are placed again as corrected.
        const touched = this.fusion.incidentsOf(id);
        for (const statement of deleteIncidents) statement.run(id);
        const stored = this.indexIncidents(doc);
        this.fusion.refresh(touched);
        this.fusion.place(doc, stored);
      }
      return { ...c, related: c.related ?? null, anchor: c.anchor ?? null, id: Number(lastInsertRowid), at };
    }).immediate();
  }

  async listCorrections(q: { document?: string; target?: string } = {}): Promise<Correction[]> {
    const parts: string[] = [];
    const params: string[] = [];
    if (q.document) { parts.push('(document = ? OR related = ?)'); params.push(q.document, q.document); }
    if (q.target) { parts.push('(target = ? OR new = ?)'); params.push(q.target, JSON.stringify(q.target)); }
    return (this.db.prepare(`SELECT * FROM corrections${parts.length ? ' WHERE ' + parts.join(' AND ') : ''} ORDER BY id`).all(...params) as Row[]).map(correctionOf);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
