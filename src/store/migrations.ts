// Schema migrations, applied in order inside a transaction and tracked with PRAGMA user_version.
// Never edit a released migration: add the next one.
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
];
