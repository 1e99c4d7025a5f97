// Fusion's tables in the SQLite store (migration 3): placing a stored document's report, rewriting the
// fused record of the incidents it touches, the rebuild, and the reads. Synchronous: called inside the
// store's transactions.
import type Database from 'better-sqlite3';
import type { IncidentRecord } from '../export/records.ts';
import type { FusionProfile } from '../fusion/profile.ts';
import type { FusedIncident } from '../fusion/record.ts';
import { placeReport, recordOf, replay, rowOf, storedReport, windowOf, type FusionRow } from '../fusion/stored.ts';
import type { Document } from '../model/document.ts';
import type { FusedQuery } from './index.ts';

type Row = Record<string, any>;
const rowFrom = (r: Row): FusionRow => ({ ...r, profile: JSON.parse(r.profile), copy: !!r.copy } as FusionRow);

export class SqliteFusion {
  constructor(private db: Database.Database) {}

  private insert(row: FusionRow): void {
    this.db.prepare(`INSERT INTO fusion_reports (report, doc_id, incident, seq, day, profile, joined_to, probability, why, copy)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(row.report, row.doc_id, row.incident, row.seq, row.day, JSON.stringify(row.profile), row.joined_to, row.probability, row.why, row.copy ? 1 : 0);
  }

  /** Places the document's report (inside the caller's transaction) and rewrites its incident's record. */
  place(doc: Document, records: IncidentRecord[]): string | undefined {
    const p = storedReport(doc, records);
    if (!p) return undefined;
    const w = windowOf(p);
    const near = (w
      ? this.db.prepare('SELECT profile, incident FROM fusion_reports WHERE day BETWEEN ? AND ? OR day IS NULL').all(w.from, w.to)
      : this.db.prepare('SELECT profile, incident FROM fusion_reports WHERE day IS NULL').all()) as Row[];
    const placed = placeReport(p, near.map((r) => ({ profile: JSON.parse(r.profile) as FusionProfile, incident: r.incident })));
    const seq = (this.db.prepare('SELECT coalesce(max(seq), -1) + 1 FROM fusion_reports').pluck().get() as number);
    this.insert(rowOf(p, placed, seq));
    this.refresh([placed.incident]);
    return placed.incident;
  }

  /** The incidents a document's reports are in (before its rows go). */
  incidentsOf(docId: string): string[] {
    return this.db.prepare('SELECT DISTINCT incident FROM fusion_reports WHERE doc_id = ?').pluck().all(docId) as string[];
  }

  /** Rewrites the fused records of these incidents from their rows (an incident left empty is removed). */
  refresh(incidents: string[]): void {
    for (const id of new Set(incidents)) {
      const rows = (this.db.prepare('SELECT * FROM fusion_reports WHERE incident = ?').all(id) as Row[]).map(rowFrom);
      const records = new Map<string, IncidentRecord>();
      for (const r of rows) {
        const rec = this.db.prepare('SELECT record FROM incident_records WHERE id = ?').pluck().get(r.report) as string | undefined;
        if (rec) records.set(r.report, JSON.parse(rec));
      }
      const fused = recordOf(id, rows, records);
      this.db.prepare('DELETE FROM fusion_incidents WHERE id = ?').run(id);
      if (fused) this.db.prepare('INSERT INTO fusion_incidents (id, event_date, reports, grade, record) VALUES (?, ?, ?, ?, ?)').run(id, fused.fused.date ?? fused.event_date, fused.reports.length, fused.grade, JSON.stringify(fused));
    }
  }

  /** Every stored report placed anew, in publication order (inside the caller's transaction). */
  rebuild(docs: Iterable<Document>, recordsOf: (doc: Document) => IncidentRecord[]): { reports: number; incidents: number } {
    this.db.exec('DELETE FROM fusion_reports; DELETE FROM fusion_incidents;');
    const profiles: FusionProfile[] = [];
    for (const doc of docs) { const p = storedReport(doc, recordsOf(doc)); if (p) profiles.push(p); }
    const rows = replay(profiles);
    for (const r of rows) this.insert(r);
    const incidents = [...new Set(rows.map((r) => r.incident))];
    this.refresh(incidents);
    return { reports: rows.length, incidents: incidents.length };
  }

  detach(report: string): { from: string; to: string } | undefined {
    const from = this.db.prepare('SELECT incident FROM fusion_reports WHERE report = ?').pluck().get(report) as string | undefined;
    if (from === undefined) return undefined;
    // Its own incident, named after it (or, when the incident was already named after it, a new name).
    const to = from === `incident-${report}` ? `incident-${report}-detached` : `incident-${report}`;
    this.db.prepare("UPDATE fusion_reports SET incident = ?, joined_to = NULL, probability = NULL, why = 'detached by hand', copy = 0 WHERE report = ?").run(to, report);
    this.refresh([from, to]);
    return { from, to };
  }

  query(q: FusedQuery = {}): { total: number; items: FusedIncident[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.from) { where.push('event_date >= ?'); params.push(q.from); }
    if (q.to) { where.push('event_date <= ?'); params.push(q.to); }
    if (q.grade) { where.push('grade = ?'); params.push(q.grade); }
    const sql = where.length ? ' WHERE ' + where.join(' AND ') : '';
    const total = this.db.prepare('SELECT count(*) FROM fusion_incidents' + sql).pluck().get(...params) as number;
    const items = this.db.prepare(`SELECT record FROM fusion_incidents${sql} ORDER BY event_date IS NULL, event_date DESC, id LIMIT ? OFFSET ?`).pluck()
      .all(...params, q.limit ?? 50, q.offset ?? 0) as string[];
    return { total, items: items.map((r) => JSON.parse(r)) };
  }

  /** A fused incident by its id, or the one a report (incident record id) is in. */
  get(id: string): FusedIncident | undefined {
    const incident = (this.db.prepare('SELECT incident FROM fusion_reports WHERE report = ?').pluck().get(id) as string | undefined) ?? id;
    const rec = this.db.prepare('SELECT record FROM fusion_incidents WHERE id = ?').pluck().get(incident) as string | undefined;
    return rec ? JSON.parse(rec) : undefined;
  }
}
