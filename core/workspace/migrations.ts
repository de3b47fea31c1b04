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
  // 2: derived data kept beside the chunks (sorted finite values of numeric columns — the order
  // statistics that KS, Wasserstein, quantiles and deciles all start from). Any write to a column's
  // chunks drops its cache, so a cache can never describe data that is no longer there.
  `
  CREATE TABLE column_cache (
    dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    column_idx  INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    chunk_idx   INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (dataset_id, column_idx, kind, chunk_idx)
  ) WITHOUT ROWID;
  CREATE TRIGGER column_cache_on_insert AFTER INSERT ON chunks BEGIN
    DELETE FROM column_cache WHERE dataset_id = NEW.dataset_id AND column_idx = NEW.column_idx;
  END;
  CREATE TRIGGER column_cache_on_update AFTER UPDATE ON chunks BEGIN
    DELETE FROM column_cache WHERE dataset_id = OLD.dataset_id AND column_idx = OLD.column_idx;
    DELETE FROM column_cache WHERE dataset_id = NEW.dataset_id AND column_idx = NEW.column_idx;
  END;
  CREATE TRIGGER column_cache_on_delete AFTER DELETE ON chunks BEGIN
    DELETE FROM column_cache WHERE dataset_id = OLD.dataset_id AND column_idx = OLD.column_idx;
  END;
  `,
  // 3: monitors (a named check on one figure of an analysis) and every evaluation of each, so a
  // monitor has a history. The definition is JSON (core/monitors/types.ts MonitorDefinition).
  `
  CREATE TABLE monitors (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    definition  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );
  CREATE TABLE monitor_evaluations (
    id          INTEGER PRIMARY KEY,
    monitor_id  INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    status      TEXT NOT NULL,        -- pass | warning | critical | error
    value       REAL,
    trigger     TEXT NOT NULL,        -- check | import | append | join
    evaluation  TEXT NOT NULL         -- JSON MonitorEvaluation, with the run's settings
  );
  CREATE INDEX monitor_evaluations_by_monitor ON monitor_evaluations(monitor_id, id);
  `,
  // 4: folder watches, kept so the app and browser mode resume them when they open the workspace
  // and `plumbline watch --name` runs one. One watch per dataset; deleting the dataset deletes it.
  `
  CREATE TABLE watches (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,
    dataset_id        INTEGER NOT NULL UNIQUE REFERENCES datasets(id) ON DELETE CASCADE,
    folder            TEXT NOT NULL,
    mode              TEXT NOT NULL,        -- append | join
    join_on           TEXT,                 -- the key column of a join watch
    settle_seconds    REAL NOT NULL,
    interval_seconds  REAL NOT NULL,
    created_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL
  );
  `,
  // 5: chunks in a rowid table with a unique index on the key (issue 15). In the WITHOUT ROWID
  // table each 512 KB chunk was a record of the clustered key B-tree, so an import's every insert
  // searched and rebalanced leaves full of neighbouring chunks' local payloads; a rowid table
  // appends the record at the end and the index entry is a few bytes. Same columns, same key,
  // same triggers: every query reads it as before. The copy is ordered by key, so an existing
  // workspace's chunks stay in read order on disk.
  `
  DROP TRIGGER column_cache_on_insert;
  DROP TRIGGER column_cache_on_update;
  DROP TRIGGER column_cache_on_delete;
  CREATE TABLE chunks_rowid (
    dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    column_idx  INTEGER NOT NULL,
    chunk_idx   INTEGER NOT NULL,
    row_count   INTEGER NOT NULL,
    encoding    TEXT NOT NULL,        -- 'f64' (Float64Array, NaN = missing) | 'dict' (Int32Array codes, -1 = missing) | 'str'
    data        BLOB NOT NULL
  );
  INSERT INTO chunks_rowid (dataset_id, column_idx, chunk_idx, row_count, encoding, data)
    SELECT dataset_id, column_idx, chunk_idx, row_count, encoding, data FROM chunks ORDER BY dataset_id, column_idx, chunk_idx;
  DROP TABLE chunks;
  ALTER TABLE chunks_rowid RENAME TO chunks;
  CREATE UNIQUE INDEX chunks_by_key ON chunks (dataset_id, column_idx, chunk_idx);
  CREATE TRIGGER column_cache_on_insert AFTER INSERT ON chunks BEGIN
    DELETE FROM column_cache WHERE dataset_id = NEW.dataset_id AND column_idx = NEW.column_idx;
  END;
  CREATE TRIGGER column_cache_on_update AFTER UPDATE ON chunks BEGIN
    DELETE FROM column_cache WHERE dataset_id = OLD.dataset_id AND column_idx = OLD.column_idx;
    DELETE FROM column_cache WHERE dataset_id = NEW.dataset_id AND column_idx = NEW.column_idx;
  END;
  CREATE TRIGGER column_cache_on_delete AFTER DELETE ON chunks BEGIN
    DELETE FROM column_cache WHERE dataset_id = OLD.dataset_id AND column_idx = OLD.column_idx;
  END;
  `,
  // 6: the sorted-values cache in a rowid table with a unique index on the key, as migration 5 did
  // for chunks (issue 15). In the WITHOUT ROWID table every key of the clustered B-tree is a whole
  // record, 512 KB of sorted values in overflow pages, and SQLite compares a search key with an
  // overflowing record by reading all of it: each seek for one column's cache (and the scan for
  // columns without one) read megabytes. Profiled on drift 1M × 25: ~90 ms finding which columns
  // lack a cache, and reading the 26 cached columns took 165–530 ms against 64–72 ms after.
  `
  DROP TRIGGER column_cache_on_insert;
  DROP TRIGGER column_cache_on_update;
  DROP TRIGGER column_cache_on_delete;
  CREATE TABLE column_cache_rowid (
    dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    column_idx  INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    chunk_idx   INTEGER NOT NULL,
    data        BLOB NOT NULL
  );
  INSERT INTO column_cache_rowid (dataset_id, column_idx, kind, chunk_idx, data)
    SELECT dataset_id, column_idx, kind, chunk_idx, data FROM column_cache ORDER BY dataset_id, column_idx, kind, chunk_idx;
  DROP TABLE column_cache;
  ALTER TABLE column_cache_rowid RENAME TO column_cache;
  CREATE UNIQUE INDEX column_cache_by_key ON column_cache (dataset_id, column_idx, kind, chunk_idx);
  CREATE TRIGGER column_cache_on_insert AFTER INSERT ON chunks BEGIN
    DELETE FROM column_cache WHERE dataset_id = NEW.dataset_id AND column_idx = NEW.column_idx;
  END;
  CREATE TRIGGER column_cache_on_update AFTER UPDATE ON chunks BEGIN
    DELETE FROM column_cache WHERE dataset_id = OLD.dataset_id AND column_idx = OLD.column_idx;
    DELETE FROM column_cache WHERE dataset_id = NEW.dataset_id AND column_idx = NEW.column_idx;
  END;
  CREATE TRIGGER column_cache_on_delete AFTER DELETE ON chunks BEGIN
    DELETE FROM column_cache WHERE dataset_id = OLD.dataset_id AND column_idx = OLD.column_idx;
  END;
  `,
  // 7: no table changes. From this version chunks may be stored narrowed — 'i8', 'i16', 'i32'
  // numbers and 'dict8', 'dict16' codes (core/workspace/chunks.ts, issue 15) — which a Plumbline
  // that knows only 'f64', 'dict' and 'str' would misread as raw doubles and int32 codes: the
  // version bump makes it refuse the workspace ("written by a newer Plumbline") instead.
  `
  SELECT 1;
  `,
  // 8: a large new dataset is committed in pieces (core/import/commit-pieces.ts, issue 15), so its
  // row exists before the import's last transaction: `pending` names the importing process (JSON:
  // pid, host, start) until that transaction clears it, and every reader of the catalog skips
  // such rows. NULL for every dataset already here.
  `
  ALTER TABLE datasets ADD COLUMN pending TEXT;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
