/**
 * Versioned schema. Each migration runs once, in order, inside a transaction, and bumps
 * PRAGMA user_version — so a workspace file written by any earlier Plumbline opens in this one.
 * Never edit a shipped migration: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: catalog, columnar storage, provenance, audit log.
  `
  CREATE TABLE datasets (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    row_count   INTEGER NOT NULL,
    chunk_rows  INTEGER NOT NULL,
    created_at  TEXT NOT NULL
  );
  -- Column names are data: they live here and nowhere in SQL identifiers.
  CREATE TABLE columns (
    dataset_id    INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    role          TEXT NOT NULL,
    null_count    INTEGER NOT NULL DEFAULT 0,
    widened_count INTEGER NOT NULL DEFAULT 0,
    dictionary    TEXT,               -- JSON array of strings for categorical/text columns
    PRIMARY KEY (dataset_id, idx)
  );
  -- Rows are stored column by column in chunks: a whole typed column reads back as a few BLOBs.
  CREATE TABLE chunks (
    dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    column_idx  INTEGER NOT NULL,
    chunk_idx   INTEGER NOT NULL,
    row_count   INTEGER NOT NULL,
    encoding    TEXT NOT NULL,        -- 'f64' (Float64Array, NaN = missing) | 'dict' (Int32Array codes, -1 = missing)
    data        BLOB NOT NULL,
    PRIMARY KEY (dataset_id, column_idx, chunk_idx)
  ) WITHOUT ROWID;
  CREATE TABLE imports (
    id              INTEGER PRIMARY KEY,
    dataset_id      INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    source_path     TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    modified_at     TEXT,
    format          TEXT NOT NULL,
    parser_settings TEXT NOT NULL,
    rows_read       INTEGER NOT NULL,
    rows_accepted   INTEGER NOT NULL,
    rows_rejected   INTEGER NOT NULL,
    started_at      TEXT NOT NULL,
    finished_at     TEXT NOT NULL,
    seconds         REAL NOT NULL
  );
  CREATE INDEX imports_by_dataset ON imports(dataset_id);
  CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT,
    details  TEXT NOT NULL
  );
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
