// Fusion's tables in the PostgreSQL store (PG migration 2, the twin of SQLite migration 3): the same
// placing, refreshing, rebuilding and reads as fusion-sqlite.ts, on one client inside the caller's
// transaction.
import type pg from 'pg';
import type { IncidentRecord } from '../export/records.ts';
import type { FusionProfile } from '../fusion/profile.ts';
import type { FusedIncident } from '../fusion/record.ts';
import { placeReport, recordOf, replay, rowOf, storedReport, windowOf, type FusionRow } from '../fusion/stored.ts';
import type { Document } from '../model/document.ts';
import type { FusedQuery } from './index.ts';

export const PG_FUSION_SCHEMA = `
  CREATE TABLE fusion_reports (
    report TEXT PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    incident TEXT NOT NULL,
    seq INTEGER NOT NULL,
    day INTEGER,
    profile JSONB NOT NULL,
    joined_to TEXT, probability DOUBLE PRECISION, why TEXT,
    copy BOOLEAN NOT NULL DEFAULT false
  );
  CREATE INDEX fusion_reports_incident ON fusion_reports(incident);
  CREATE INDEX fusion_reports_day ON fusion_reports(day);
  CREATE TABLE fusion_incidents (
    id TEXT PRIMARY KEY,
    event_date TEXT,
    reports INTEGER NOT NULL,
    grade TEXT NOT NULL,
    record JSONB NOT NULL
  );
  CREATE INDEX fusion_incidents_date ON fusion_incidents(event_date);
`;

type Q = Pick<pg.PoolClient, 'query'>;

async function insert(c: Q, row: FusionRow): Promise<void> {
  await c.query(`INSERT INTO fusion_reports (report, doc_id, incident, seq, day, profile, joined_to, probability, why, copy)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [row.report, row.doc_id, row.incident, row.seq, row.day, JSON.stringify(row.profile), row.joined_to, row.probability, row.why, row.copy]);
}

/** Places the document's report and rewrites its incident's record. */
export async function placePg(c: Q, doc: Document, records: IncidentRecord[]): Promise<string | undefined> {
  const p = storedReport(doc, records);
  if (!p) return undefined;
  const w = windowOf(p);
  const near = (w
    ? await c.query('SELECT profile, incident FROM fusion_reports WHERE day BETWEEN $1 AND $2 OR day IS NULL', [w.from, w.to])
    : await c.query('SELECT profile, incident FROM fusion_reports WHERE day IS NULL')).rows;
  const placed = placeReport(p, near.map((r) => ({ profile: r.profile as FusionProfile, incident: r.incident })));
  const seq = Number((await c.query('SELECT coalesce(max(seq), -1) + 1 AS n FROM fusion_reports')).rows[0].n);
  await insert(c, rowOf(p, placed, seq));
  await refreshPg(c, [placed.incident]);
  return placed.incident;
}

export async function incidentsOfPg(c: Q, docId: string): Promise<string[]> {
  return (await c.query('SELECT DISTINCT incident FROM fusion_reports WHERE doc_id = $1', [docId])).rows.map((r) => r.incident);
}

export async function refreshPg(c: Q, incidents: string[]): Promise<void> {
  for (const id of new Set(incidents)) {
    const rows = (await c.query('SELECT * FROM fusion_reports WHERE incident = $1', [id])).rows.map((r) => ({ ...r, probability: r.probability === null ? null : Number(r.probability) }) as FusionRow);
    const records = new Map<string, IncidentRecord>();
    const recs = (await c.query('SELECT id, record FROM incident_records WHERE id = ANY($1)', [rows.map((r) => r.report)])).rows;
    for (const r of recs) records.set(r.id, r.record);
    const fused = recordOf(id, rows, records);
    await c.query('DELETE FROM fusion_incidents WHERE id = $1', [id]);
    if (fused) await c.query('INSERT INTO fusion_incidents (id, event_date, reports, grade, record) VALUES ($1, $2, $3, $4, $5)', [id, fused.fused.date ?? fused.event_date, fused.reports.length, fused.grade, JSON.stringify(fused)]);
  }
}

export async function rebuildPg(c: Q, docs: AsyncIterable<Document>): Promise<{ reports: number; incidents: number }> {
  await c.query('DELETE FROM fusion_reports');
  await c.query('DELETE FROM fusion_incidents');
  const profiles: FusionProfile[] = [];
  for await (const doc of docs) {
    const records = (await c.query('SELECT r.record FROM incidents i JOIN incident_records r ON r.id = i.id WHERE i.doc_id = $1 ORDER BY i.n', [doc.id])).rows.map((r) => r.record as IncidentRecord);
    const p = storedReport(doc, records);
    if (p) profiles.push(p);
  }
  const rows = replay(profiles);
  for (const r of rows) await insert(c, r);
  const incidents = [...new Set(rows.map((r) => r.incident))];
  await refreshPg(c, incidents);
  return { reports: rows.length, incidents: incidents.length };
}

export async function queryFusedPg(c: Q, q: FusedQuery = {}): Promise<{ total: number; items: FusedIncident[] }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (q.from) where.push(`event_date >= ${p(q.from)}`);
  if (q.to) where.push(`event_date <= ${p(q.to)}`);
  if (q.grade) where.push(`grade = ${p(q.grade)}`);
  const sql = where.length ? ' WHERE ' + where.join(' AND ') : '';
  const total = Number((await c.query('SELECT count(*) AS n FROM fusion_incidents' + sql, params)).rows[0].n);
  const n = params.length;
  const { rows } = await c.query(`SELECT record FROM fusion_incidents${sql} ORDER BY event_date IS NULL, event_date DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, Math.min(q.limit ?? 50, 1e9), q.offset ?? 0]);
  return { total, items: rows.map((r) => r.record) };
}

export async function getFusedPg(c: Q, id: string): Promise<FusedIncident | undefined> {
  const incident = (await c.query('SELECT incident FROM fusion_reports WHERE report = $1', [id])).rows[0]?.incident ?? id;
  return (await c.query('SELECT record FROM fusion_incidents WHERE id = $1', [incident])).rows[0]?.record;
}

export async function detachPg(c: Q, report: string): Promise<{ from: string; to: string } | undefined> {
  const from: string | undefined = (await c.query('SELECT incident FROM fusion_reports WHERE report = $1', [report])).rows[0]?.incident;
  if (from === undefined) return undefined;
  const to = from === `incident-${report}` ? `incident-${report}-detached` : `incident-${report}`;
  await c.query("UPDATE fusion_reports SET incident = $1, joined_to = NULL, probability = NULL, why = 'detached by hand', copy = false WHERE report = $2", [to, report]);
  await refreshPg(c, [from, to]);
  return { from, to };
}
