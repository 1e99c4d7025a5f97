// The PostgreSQL store (node-postgres), for deployments larger than one file: the same tables as the
// SQLite store, layers as JSONB, text search with a tsvector index. Chosen by a postgres:// URL in
// --db or SITREP_DB. Migrations are tracked in sitrep_schema and run in one transaction each.
import pg from 'pg';
import { incidentRecords, type IncidentRecord } from '../export/records.ts';
import type { Document } from '../model/document.ts';
import { applyCorrections, type Correction, type NewCorrection } from './corrections.ts';
import { packLayers, unpackLayers } from './layers.ts';
import { detachPg, getFusedPg, incidentsOfPg, placePg, PG_FUSION_SCHEMA, queryFusedPg, rebuildPg, refreshPg } from './fusion-postgres.ts';
import type { FusedIncident } from '../fusion/record.ts';
import { queryWords, searchBody, StoreError, type FusedQuery, type IncidentFacets, type IncidentPoint, type IncidentQuery, type Store, type StoredSummary } from './index.ts';

/** Never edit a released migration: add the next one. */
export const PG_MIGRATIONS: string[] = [
  // 1: documents, layers, entities and mentions (as in SQLite migration 1), and incidents with their
  // records and a search vector (SQLite migrations 2).
  `
  CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    url TEXT, outlet TEXT, title TEXT, byline TEXT,
    published TEXT, published_from TEXT,
    format TEXT NOT NULL,
    text TEXT NOT NULL,
    stages JSONB NOT NULL,
    ingested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    seq BIGSERIAL NOT NULL
  );
  CREATE INDEX documents_published ON documents(published);
  CREATE TABLE layers (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    json JSONB NOT NULL
  );
  CREATE TABLE entities (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, aliases JSONB NOT NULL, titles JSONB NOT NULL,
    PRIMARY KEY (doc_id, idx)
  );
  CREATE INDEX entities_name ON entities(name);
  CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, entity_idx INTEGER NOT NULL, kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
  );
  CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    type TEXT NOT NULL,
    types TEXT[] NOT NULL,
    event_date TEXT, event_date_latest TEXT,
    country TEXT, admin1 TEXT, location TEXT,
    latitude DOUBLE PRECISION, longitude DOUBLE PRECISION,
    fatalities INTEGER NOT NULL,
    fatalities_best INTEGER,
    contested BOOLEAN NOT NULL,
    actors TEXT NOT NULL,
    search TSVECTOR NOT NULL
  );
  CREATE INDEX incidents_date ON incidents(event_date);
  CREATE INDEX incidents_country ON incidents(country);
  CREATE INDEX incidents_doc ON incidents(doc_id);
  CREATE INDEX incidents_search ON incidents USING GIN (search);
  CREATE TABLE incident_records (
    id TEXT PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
    record JSONB NOT NULL
  );
  `,
  // 2: fusion's tables (SQLite migration 3: fusion-postgres.ts).
  PG_FUSION_SCHEMA,
  // 3: an analyst's corrections, the audit trail (SQLite migration 4; src/store/corrections.ts).
  `
  CREATE TABLE corrections (
    id BIGSERIAL PRIMARY KEY,
    document TEXT NOT NULL,
    related TEXT,
    target TEXT NOT NULL,
    action TEXT NOT NULL,
    anchor JSONB,
    old JSONB,
    new JSONB,
    why TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX corrections_document ON corrections(document);
  CREATE INDEX corrections_related ON corrections(related);
  ALTER TABLE incidents ADD COLUMN geo_precision INTEGER;
  UPDATE incidents i SET geo_precision = (r.record->>'geo_precision')::int FROM incident_records r WHERE r.id = i.id;
  `,
];

/** PG migrations after which every stored report is placed anew (fusion rebuilt from the documents). */
const PG_FUSION_BACKFILL = new Set([2]);

/** Connecting and each statement have a limit (milliseconds); env SITREP_PG_CONNECT_MS, SITREP_PG_STATEMENT_MS. */
export const PG_TIMEOUTS = {
  connectMs: Number(process.env.SITREP_PG_CONNECT_MS) || 10_000,
  statementMs: Number(process.env.SITREP_PG_STATEMENT_MS) || 60_000,
};

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openPostgresStore(url: string): Promise<Store> {
  const location = redact(url);
  const pool = new pg.Pool({
    connectionString: url, max: 4,
    // A server that does not answer fails the call instead of hanging it; a runaway statement is cancelled.
    connectionTimeoutMillis: PG_TIMEOUTS.connectMs,
    statement_timeout: PG_TIMEOUTS.statementMs,
    query_timeout: PG_TIMEOUTS.statementMs + 5_000,
    idle_in_transaction_session_timeout: PG_TIMEOUTS.statementMs,
    keepAlive: true,
  });
  // A dropped idle connection (server restart, admin kill, network) is an event on the pool: without a
  // listener it would be an uncaught exception. The pool replaces the connection on the next query.
  pool.on('error', (e) => process.stderr.write(`sitrep: ${location}: connection lost (${e.message}); reconnecting on next use\n`));
  pool.on('connect', (c) => { c.on('error', () => {}); });
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    await pool.end();
    throw new StoreError(`${location}: cannot connect (${(e as Error).message})`);
  }
  let failure: unknown;
  try {
    // One migrator at a time, even with several sitrep processes starting together.
    await client.query('SELECT pg_advisory_lock(72010)');
    await client.query('CREATE TABLE IF NOT EXISTS sitrep_schema (version INTEGER NOT NULL)');
    const rows = (await client.query('SELECT version FROM sitrep_schema')).rows;
    const version: number = rows[0]?.version ?? 0;
    if (version > PG_MIGRATIONS.length) throw new StoreError(`${location}: database schema version ${version} is newer than this sitrep (${PG_MIGRATIONS.length}); upgrade sitrep`);
    for (let v = version; v < PG_MIGRATIONS.length; v++) {
      await client.query('BEGIN');
      try {
        await client.query(PG_MIGRATIONS[v]);
        if (PG_FUSION_BACKFILL.has(v + 1) && version > 0) await rebuildPg(client, new PostgresStore(pool, location).allDocuments());
        await client.query(rows.length || v > version ? 'UPDATE sitrep_schema SET version = $1' : 'INSERT INTO sitrep_schema (version) VALUES ($1)', [v + 1]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new StoreError(`${location}: migration ${v + 1} failed (${(e as Error).message})`);
      }
    }
  } catch (e) {
    failure = e;
  }
  await client.query('SELECT pg_advisory_unlock(72010)').catch(() => {});
  client.release();
  if (failure) {
    await pool.end();
    throw failure instanceof StoreError ? failure : new StoreError(`${location}: ${(failure as Error).message}`);
  }
  return new PostgresStore(pool, location);
}

/** WHERE clause and parameters for an incident query ($1.. numbered from `first`). */
function whereClause(q: IncidentQuery): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (q.from) parts.push(`event_date IS NOT NULL AND coalesce(event_date_latest, event_date) >= ${p(q.from)}`);
  if (q.to) parts.push(`event_date IS NOT NULL AND event_date <= ${p(q.to)}`);
  if (q.country) parts.push(`country = ${p(q.country.toUpperCase())}`);
  if (q.type) parts.push(`${p(q.type)} = ANY(types)`);
  if (q.actor) parts.push(`strpos(actors, ${p(q.actor.toLowerCase())}) > 0`);
  if (q.q) {
    const words = queryWords(q.q);
    // Every word as a prefix; the words are letters and digits only, so nothing in them is syntax.
    if (!words) parts.push('false');
    else parts.push(`search @@ to_tsquery('simple', ${p(words.map((w) => `${w}:*`).join(' & '))})`);
  }
  return { sql: parts.length ? ' WHERE ' + parts.join(' AND ') : '', params };
}

/** A stored correction row as a Correction (JSONB columns arrive parsed). */
function correctionOf(row: any): Correction {
  return { id: Number(row.id), document: row.document, related: row.related, target: row.target, action: row.action, anchor: row.anchor, old: row.old, new: row.new, why: row.why, who: row.who, at: row.at };
}

class PostgresStore implements Store {
  constructor(private pool: pg.Pool, readonly location: string) {}

  /** One transaction on one connection: committed when the work returns, rolled back when it throws. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  async hasDocument(id: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM documents WHERE id = $1', [id])).rowCount! > 0;
  }

  async hasUrl(url: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM documents WHERE url = $1 LIMIT 1', [url])).rowCount! > 0;
  }

  async putDocument(doc: Document) {
    return this.transaction(async (client) => {
      const m = doc.meta;
      const inserted = await client.query(
        `INSERT INTO documents (id, origin, url, outlet, title, byline, published, published_from, format, text, stages)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
        [doc.id, m.origin, m.url ?? null, m.outlet ?? null, m.title ?? null, m.byline ?? null, m.published ?? null, m.publishedFrom ?? null, m.format, doc.text, JSON.stringify(doc.stages)]);
      // Already stored: nothing was written, so committing changes nothing.
      if (inserted.rowCount === 0) return { id: doc.id, inserted: false };
      // Fusion places the records as stored (corrections applied): a rejected incident has no row to join.
      await placePg(client, doc, await this.insertLayers(client, doc));
      return { id: doc.id, inserted: true };
    });
  }

  /** Every row derived from the analysis: layers, entities, mentions, incidents (inside the caller's transaction). */
  private async insertLayers(client: pg.PoolClient, doc: Document): Promise<IncidentRecord[]> {
    await client.query('INSERT INTO layers (doc_id, json) VALUES ($1, $2)', [doc.id, packLayers(doc)]);
    for (const e of doc.entities) await client.query('INSERT INTO entities (doc_id, idx, kind, name, aliases, titles) VALUES ($1, $2, $3, $4, $5, $6)', [doc.id, e.id, e.kind, e.name, JSON.stringify(e.aliases), JSON.stringify(e.titles)]);
    // Mentions in one statement: a long article has thousands.
    if (doc.mentions.length) {
      await client.query(`INSERT INTO mentions (doc_id, idx, entity_idx, kind, start, "end", text)
        SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::int[], $6::int[], $7::text[])`,
        [doc.id, doc.mentions.map((_, i) => i), doc.mentions.map((x) => x.entity), doc.mentions.map((x) => x.kind), doc.mentions.map((x) => x.start), doc.mentions.map((x) => x.end), doc.mentions.map((x) => x.text)]);
    }
    return this.indexIncidents(client, doc);
  }

  /** The incident rows of a document, its corrections applied (rejected and merged ones left out). */
  private async indexIncidents(client: pg.PoolClient, doc: Document): Promise<IncidentRecord[]> {
    const corrections = (await client.query('SELECT * FROM corrections WHERE document = $1 OR related = $1 ORDER BY id', [doc.id])).rows.map(correctionOf);
    const records = applyCorrections(incidentRecords(doc), corrections).filter((r) => (r.status ?? 'ok') === 'ok');
    for (const [n, r] of records.entries()) {
      await client.query(`INSERT INTO incidents (id, doc_id, n, type, types, event_date, event_date_latest, country, admin1, location,
        latitude, longitude, fatalities, fatalities_best, contested, actors, search, geo_precision)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, to_tsvector('simple', $17), $18)`,
        [r.id, doc.id, n, r.type, [r.type, ...r.other_types], r.event_date, r.event_date_latest, r.country, r.admin1, r.location,
          r.latitude, r.longitude, r.fatalities, r.fatalities_best, r.contested, r.actors.map((a) => a.name.toLowerCase()).join('\n'), searchBody(r).toLowerCase(), r.geo_precision]);
      await client.query('INSERT INTO incident_records (id, record) VALUES ($1, $2)', [r.id, JSON.stringify(r)]);
    }
    return records;
  }

  async replaceLayers(doc: Document): Promise<boolean> {
    return this.transaction(async (client) => {
      // The metadata columns too: a corrected publication date or outlet is analysed again through here.
      const updated = await client.query('UPDATE documents SET stages = $2, outlet = $3, published = $4, published_from = $5 WHERE id = $1',
        [doc.id, JSON.stringify(doc.stages), doc.meta.outlet ?? null, doc.meta.published ?? null, doc.meta.publishedFrom ?? null]);
      if (updated.rowCount === 0) return false; // no such document: nothing was written
      // The document's reports leave their fused incidents (with its incidents) and are placed anew.
      const touched = await incidentsOfPg(client, doc.id);
      // incident_records and fusion_reports go with their incidents (ON DELETE CASCADE).
      for (const table of ['incidents', 'mentions', 'entities', 'layers']) await client.query(`DELETE FROM ${table} WHERE doc_id = $1`, [doc.id]);
      const stored = await this.insertLayers(client, doc);
      await refreshPg(client, touched);
      await placePg(client, doc, stored);
      return true;
    });
  }

  private hydrate(row: { id: string; text: string; json: any } | undefined): Document | undefined {
    return row ? ({ id: row.id, text: row.text, tokens: [], ...unpackLayers(row.text, row.json) } as Document) : undefined;
  }

  async getDocument(idOrPrefix: string): Promise<Document | undefined> {
    if (/^[0-9a-f]+$/i.test(idOrPrefix)) idOrPrefix = idOrPrefix.toLowerCase();
    const sql = 'SELECT d.id, d.text, l.json FROM documents d JOIN layers l ON l.doc_id = d.id WHERE d.id ';
    const exact = (await this.pool.query(sql + '= $1', [idOrPrefix])).rows[0];
    if (exact || idOrPrefix.length < 4) return this.hydrate(exact);
    const rows = (await this.pool.query(sql + 'LIKE $1 LIMIT 2', [idOrPrefix.replace(/[%_\\]/g, '') + '%'])).rows;
    if (rows.length > 1) throw new StoreError(`id prefix "${idOrPrefix}" is ambiguous`);
    return this.hydrate(rows[0]);
  }

  async listDocuments({ limit = 50, offset = 0 } = {}): Promise<StoredSummary[]> {
    const { rows } = await this.pool.query(`SELECT id, origin, title, outlet, published, to_char(ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ingested_at
      FROM documents ORDER BY seq LIMIT $1 OFFSET $2`, [limit, offset]);
    return rows;
  }

  async *allDocuments(): AsyncIterable<Document> {
    // Pages by insertion order, so memory stays flat however large the store.
    let after = 0;
    for (;;) {
      const { rows } = await this.pool.query('SELECT d.seq, d.id, d.text, l.json FROM documents d JOIN layers l ON l.doc_id = d.id WHERE d.seq > $1 ORDER BY d.seq LIMIT 200', [after]);
      for (const row of rows) yield this.hydrate(row)!;
      if (rows.length < 200) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  async count(): Promise<number> {
    return Number((await this.pool.query('SELECT count(*) AS n FROM documents')).rows[0].n);
  }

  async queryIncidents(q: IncidentQuery = {}) {
    const { sql, params } = whereClause(q);
    const total = Number((await this.pool.query('SELECT count(*) AS n FROM incidents' + sql, params)).rows[0].n);
    const n = params.length;
    const { rows } = await this.pool.query(`SELECT r.record FROM (SELECT id, event_date FROM incidents${sql}
      ORDER BY event_date IS NULL, event_date DESC, id LIMIT $${n + 1} OFFSET $${n + 2}) i
      JOIN incident_records r ON r.id = i.id ORDER BY i.event_date IS NULL, i.event_date DESC, i.id`, [...params, Math.min(q.limit ?? 50, 1e9), q.offset ?? 0]);
    return { total, items: rows.map((r) => r.record as IncidentRecord) };
  }

  async incidentPoints(q: IncidentQuery = {}): Promise<IncidentPoint[]> {
    const { sql, params } = whereClause(q);
    const where = (sql ? sql + ' AND ' : ' WHERE ') + 'latitude IS NOT NULL AND longitude IS NOT NULL';
    const { rows } = await this.pool.query(`SELECT id, latitude AS lat, longitude AS lon, type, event_date AS date, fatalities, geo_precision AS precision FROM incidents${where}`, params);
    return rows;
  }

  async incidentFacets(q: IncidentQuery = {}): Promise<IncidentFacets> {
    const { sql, params } = whereClause(q);
    const and = sql ? sql + ' AND ' : ' WHERE ';
    const num = (rows: any[]) => rows.map((r) => ({ ...r, n: Number(r.n) }));
    const [total, types, countries, months] = await Promise.all([
      this.pool.query('SELECT count(*) AS n FROM incidents' + sql, params),
      this.pool.query(`SELECT type, count(*) AS n FROM incidents${sql} GROUP BY type ORDER BY n DESC, type`, params),
      this.pool.query(`SELECT country, count(*) AS n FROM incidents${and}country IS NOT NULL GROUP BY country ORDER BY n DESC, country`, params),
      this.pool.query(`SELECT substr(event_date, 1, 7) AS month, count(*) AS n FROM incidents${and}event_date IS NOT NULL GROUP BY month ORDER BY month`, params),
    ]);
    return { total: Number(total.rows[0].n), types: num(types.rows), countries: num(countries.rows), months: num(months.rows) };
  }

  async getIncident(id: string): Promise<IncidentRecord | undefined> {
    return (await this.pool.query('SELECT record FROM incident_records WHERE id = $1', [id])).rows[0]?.record;
  }

  async queryFused(q: FusedQuery = {}) {
    return queryFusedPg(this.pool, q);
  }

  async getFused(id: string): Promise<FusedIncident | undefined> {
    return getFusedPg(this.pool, id);
  }

  async detachReport(report: string) {
    return this.transaction((client) => detachPg(client, report));
  }

  async rebuildFusion() {
    // The documents are read on the pool while the rebuild writes on its own transaction's client.
    return this.transaction((client) => rebuildPg(client, this.allDocuments()));
  }

  async generation(): Promise<string> {
    const r = (await this.pool.query('SELECT count(*) AS n, coalesce(max(seq), 0) AS last, (SELECT coalesce(max(id), 0) FROM corrections) AS corrected FROM documents')).rows[0];
    return `${r.n}.${r.last}.${r.corrected}`;
  }

  async addCorrection(c: NewCorrection): Promise<Correction> {
    return this.transaction(async (client) => {
      const { rows } = await client.query(`INSERT INTO corrections (document, related, target, action, anchor, old, new, why, who, at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [c.document, c.related ?? null, c.target, c.action, c.anchor ? JSON.stringify(c.anchor) : null, JSON.stringify(c.old ?? null), JSON.stringify(c.new ?? null), c.why, c.who, new Date().toISOString()]);
      for (const id of new Set([c.document, c.related].filter((x): x is string => !!x))) {
        const row = (await client.query('SELECT d.id, d.text, l.json FROM documents d JOIN layers l ON l.doc_id = d.id WHERE d.id = $1', [id])).rows[0];
        const doc = this.hydrate(row);
        if (!doc) continue;
        // Its reports leave their fused incidents and are placed again as corrected.
        const touched = await incidentsOfPg(client, id);
        await client.query('DELETE FROM incidents WHERE doc_id = $1', [id]);
        const stored = await this.indexIncidents(client, doc);
        await refreshPg(client, touched);
        await placePg(client, doc, stored);
      }
      return correctionOf(rows[0]);
    });
  }

  async listCorrections(q: { document?: string; target?: string } = {}): Promise<Correction[]> {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (q.document) { params.push(q.document); parts.push(`(document = $${params.length} OR related = $${params.length})`); }
    if (q.target) { params.push(q.target); parts.push(`(target = $${params.length} OR new = to_jsonb($${params.length}::text))`); }
    const { rows } = await this.pool.query(`SELECT * FROM corrections${parts.length ? ' WHERE ' + parts.join(' AND ') : ''} ORDER BY id`, params);
    return rows.map(correctionOf);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
