// Schema migrations, applied in order inside a transaction and tracked with PRAGMA user_version.
// Never edit a released migration: add the next one. A migration is SQL; a data backfill that needs
// our own code (e.g. computing incident records) is done by the store right after it (BACKFILL).
export const MIGRATIONS: string[] = [
  // 1: documents, their analysed layers, and entities/mentions as rows for querying.
  `
  CREATE TABLE documents (
    id TEXT PRIMARY KEY,            -- content hash of the normalised text
    origin TEXT NOT NULL,
    url TEXT, outlet TEXT, title TEXT, byline TEXT,
    published TEXT, published_from TEXT,
    format TEXT NOT NULL,
    text TEXT NOT NULL,
    stages TEXT NOT NULL,           -- JSON array of the stages that produced the layers
    ingested_at TEXT NOT NULL
  );
  CREATE INDEX documents_published ON documents(published);
  -- Every layer except tokens (recomputed by the segment stage, which is deterministic and fast).
  CREATE TABLE layers (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    json TEXT NOT NULL
  );
  CREATE TABLE entities (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    titles TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
  );
  CREATE INDEX entities_name ON entities(name);
  CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    entity_idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
  );
  `,
  // 2: incident records as rows, so the server lists, filters, maps and counts them without reading
  // every document's layers; incidents_fts indexes their words for text search.
  `
  CREATE TABLE incidents (
    id TEXT PRIMARY KEY,            -- <document id>-<n>, as in the exports
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    type TEXT NOT NULL,
    types TEXT NOT NULL,            -- ' type other_type ... ' for matching any of them
    event_date TEXT, event_date_latest TEXT,
    country TEXT, admin1 TEXT, location TEXT,
    latitude REAL, longitude REAL,
    fatalities INTEGER NOT NULL,
    fatalities_best INTEGER,
    contested INTEGER NOT NULL,
    actors TEXT NOT NULL            -- lower-cased actor names, one per line, for the actor filter
  );
  -- The full records apart, so scans for the map and the counts read only the narrow rows above.
  CREATE TABLE incident_records (
    id TEXT PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
    record TEXT NOT NULL            -- the IncidentRecord as JSON
  );
  CREATE INDEX incidents_date ON incidents(event_date);
  CREATE INDEX incidents_country ON incidents(country);
  CREATE INDEX incidents_doc ON incidents(doc_id);
  CREATE VIRTUAL TABLE incidents_fts USING fts5(id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
  `,
  // 3: fusion (src/fusion): each report (a document's main incident) with the fused incident it was
  // placed in as it was stored, how (the report it matched, the probability, the evidence), its fusion
  // profile (what fusion compares), and each fused incident's record (toll over time, grade) as JSON.
  `
  CREATE TABLE IF NOT EXISTS fusion_reports (
    report TEXT PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    incident TEXT NOT NULL,         -- the fused incident: "incident-" + its first report
    seq INTEGER NOT NULL,           -- the order reports were placed in
    day INTEGER,                    -- the report's incident date in days since 1970 (blocking window)
    profile TEXT NOT NULL,          -- the FusionProfile as JSON
    joined_to TEXT, probability REAL, why TEXT,
    copy INTEGER NOT NULL DEFAULT 0 -- a syndicated copy of the report it joined
  );
  CREATE INDEX IF NOT EXISTS fusion_reports_incident ON fusion_reports(incident);
  CREATE INDEX IF NOT EXISTS fusion_reports_day ON fusion_reports(day);
  CREATE TABLE IF NOT EXISTS fusion_incidents (
    id TEXT PRIMARY KEY,
    event_date TEXT,
    reports INTEGER NOT NULL,
    grade TEXT NOT NULL,
    record TEXT NOT NULL            -- the FusedIncident as JSON
  );
  CREATE INDEX IF NOT EXISTS fusion_incidents_date ON fusion_incidents(event_date);
  `,
  // 4: an analyst's corrections, one row each (who, when, old, new, why): the audit trail. Applied over
  // the extracted records whenever they are derived (src/store/corrections.ts), so they outlive reanalyse.
  // No foreign key: the trail is kept whatever happens to the document.
  `
  CREATE TABLE corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT NOT NULL,         -- the document the target is in
    related TEXT,                   -- merge: the document of the incident merged into
    target TEXT NOT NULL,           -- an incident id or a document id
    action TEXT NOT NULL,
    anchor TEXT,                    -- JSON {start, end}: the target's evidence when corrected
    old TEXT,                       -- JSON
    new TEXT,                       -- JSON
    why TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX corrections_document ON corrections(document);
  CREATE INDEX corrections_related ON corrections(related);
  -- How precisely each incident's place is known, for the map (a country-level one is drawn as a ring).
  ALTER TABLE incidents ADD COLUMN geo_precision INTEGER;
  UPDATE incidents SET geo_precision = (SELECT json_extract(r.record, '$.geo_precision') FROM incident_records r WHERE r.id = incidents.id);
  `,
];

/** Migrations after which the store places every stored report anew (fusion rebuilt from the documents). */
export const FUSION_BACKFILL = new Set([3]);

/** Migrations after which the store recomputes derived rows from the stored documents. */
export const BACKFILL = new Set([2]);
