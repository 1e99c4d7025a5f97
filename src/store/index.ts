// The store: SQLite through better-sqlite3 by default (a file path), PostgreSQL through node-postgres for
// larger deployments (a postgres:// URL). The CLI, the server and the exports see only this interface;
// it is asynchronous because PostgreSQL is.
import type { IncidentRecord } from '../export/records.ts';
import type { Document } from '../model/document.ts';
import type { FusedIncident } from '../fusion/record.ts';
import type { Correction, NewCorrection } from './corrections.ts';

export interface StoredSummary { id: string; origin: string; title: string | null; outlet: string | null; published: string | null; ingested_at: string }

/** Filters for incident queries (the API's and the exports'); every field optional. */
export interface IncidentQuery {
  /** Words that must all occur in the record (title, place, actors, notes, outlet); prefix match. */
  q?: string;
  from?: string;
  to?: string;
  country?: string;
  type?: string;
  /** Part of an actor's name, case-insensitive. */
  actor?: string;
  limit?: number;
  offset?: number;
}

/** An incident as a point on the map: only what the map draws. */
export interface IncidentPoint { id: string; lat: number; lon: number; type: string; date: string | null; fatalities: number; /** 1 exact, 2 near, 3 region or country only. */ precision?: number | null }

export interface IncidentFacets {
  total: number;
  types: { type: string; n: number }[];
  countries: { country: string; n: number }[];
  /** Incidents per month (YYYY-MM) of their event date. */
  months: { month: string; n: number }[];
}

export interface Store {
  /** What the store is, for messages: the file path, or the URL without its password. */
  readonly location: string;
  /** Stores an analysed document in one transaction. Same id again: nothing changes. */
  putDocument(doc: Document): Promise<{ id: string; inserted: boolean }>;
  /** Replaces a stored document's analysed layers (same id, same text) in one transaction: after a
   * newer sitrep re-runs the stages. False when no such document is stored. */
  replaceLayers(doc: Document): Promise<boolean>;
  /** Is a document with this full id stored? (Checked before analysing an input: unchanged input costs no analysis.) */
  hasDocument(id: string): Promise<boolean>;
  /** Is a document fetched from this URL stored? (watch skips a link it has.) */
  hasUrl(url: string): Promise<boolean>;
  /** By full id or a unique prefix of at least 4 characters. */
  getDocument(idOrPrefix: string): Promise<Document | undefined>;
  listDocuments(opts?: { limit?: number; offset?: number }): Promise<StoredSummary[]>;
  /** Streams every document, oldest first: an export of a large store never holds it all in memory. */
  allDocuments(): AsyncIterable<Document>;
  count(): Promise<number>;
  /** Incident records matching the query, newest event first, with the total before paging. */
  queryIncidents(q?: IncidentQuery): Promise<{ total: number; items: IncidentRecord[] }>;
  /** Every matching incident that has coordinates (no paging: the map draws them all). */
  incidentPoints(q?: IncidentQuery): Promise<IncidentPoint[]>;
  incidentFacets(q?: IncidentQuery): Promise<IncidentFacets>;
  getIncident(id: string): Promise<IncidentRecord | undefined>;
  /** Fused incidents (src/fusion), kept in the store: every report is placed in one as it is stored. */
  queryFused(q?: FusedQuery): Promise<{ total: number; items: FusedIncident[] }>;
  /** A fused incident by its id, or the one a report (incident record id) is in. */
  getFused(id: string): Promise<FusedIncident | undefined>;
  /** Places every stored report anew, in publication order, in one transaction (`sitrep fuse --rebuild`). */
  rebuildFusion(): Promise<{ reports: number; incidents: number }>;
  /** Takes a report out of its fused incident (a wrong join undone): it becomes an incident of its own.
   * Undefined when no such report is stored. */
  detachReport(report: string): Promise<{ from: string; to: string } | undefined>;
  /** Stores an analyst's correction (its own record: src/store/corrections.ts) and derives the records of
   * the documents it touches again, in one transaction. */
  addCorrection(c: NewCorrection): Promise<Correction>;
  /** Corrections, oldest first: of one document (as target or merged into), or about one incident. */
  listCorrections(q?: { document?: string; target?: string }): Promise<Correction[]>;
  /** Changes whenever the stored content changes: the server's ETags are built on it. */
  generation(): Promise<string>;
  close(): Promise<void>;
}

export class StoreError extends Error {}

export const DEFAULT_DB = process.env.SITREP_DB || 'sitrep.db';

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

/** Open the store at a file path (SQLite, created when missing) or a postgres:// URL; migrations run first. */
export async function openStore(location: string = DEFAULT_DB): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import('./postgres.ts');
    return openPostgresStore(location);
  }
  const { openSqliteStore } = await import('./sqlite.ts');
  return openSqliteStore(location);
}

/** Words of a text query, lower-cased, at most 12: the same for both stores. */
export function queryWords(q: string): string[] | undefined {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  return words ? words.slice(0, 12) : undefined;
}

/** The text an incident is found by: title, outlet, place, type, actors and notes. */
export function searchBody(r: IncidentRecord): string {
  return [r.title, r.outlet, r.location, r.admin1, r.country, r.type, ...r.actors.map((a) => a.name), r.notes].filter(Boolean).join(' ');
}

/** Filters for fused incidents (src/fusion): their date range and grade, paged. */
export interface FusedQuery { from?: string; to?: string; grade?: string; limit?: number; offset?: number }
