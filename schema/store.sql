-- podhist store, schema version 1 (PRAGMA user_version = 1).
-- One SQLite file in WAL mode. The log (imports + log) is the truth; objects + facts are an
-- index derived from it that `podhist reindex` rebuilds from the log alone.

-- One row per input file imported. Rows are written in the import's transaction.
CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  imported_at INTEGER NOT NULL,            -- wall clock of the import, µs since the epoch (UTC)
  source      TEXT    NOT NULL,            -- file name as given, `-`, or --source
  formats     TEXT    NOT NULL DEFAULT '', -- formats found, comma-separated
  facts_added INTEGER NOT NULL DEFAULT 0,
  facts_known INTEGER NOT NULL DEFAULT 0,
  notes       TEXT    NOT NULL DEFAULT ''  -- anchor used for relative ages, warnings count
);

-- The append-only log: compressed chunks, each the facts of one import about one object.
CREATE TABLE log (
  id         INTEGER PRIMARY KEY,
  import_id  INTEGER NOT NULL REFERENCES imports(id),
  object_key TEXT    NOT NULL,             -- kind US namespace US name (US = U+001F)
  fact_count INTEGER NOT NULL,
  encoding   INTEGER NOT NULL,             -- 1 = JSON array of facts, zlib-compressed
  raw_size   INTEGER NOT NULL,             -- bytes before compression
  crc32      INTEGER NOT NULL,             -- CRC-32 of `data`
  data       BLOB    NOT NULL
);
CREATE TRIGGER log_is_append_only_update BEFORE UPDATE ON log
  BEGIN SELECT RAISE(ABORT, 'podhist log is append-only'); END;
CREATE TRIGGER log_is_append_only_delete BEFORE DELETE ON log
  BEGIN SELECT RAISE(ABORT, 'podhist log is append-only'); END;

-- Index (derived): objects and one row per fact pointing at its chunk.
CREATE TABLE objects (
  id        INTEGER PRIMARY KEY,
  kind      TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name      TEXT NOT NULL,
  UNIQUE (kind, namespace, name)
);
CREATE TABLE facts (
  hash      BLOB    PRIMARY KEY,           -- 128-bit content hash (fact without provenance)
  object_id INTEGER NOT NULL,
  chunk_id  INTEGER NOT NULL,
  position  INTEGER NOT NULL,              -- index in the chunk's array
  observed  INTEGER NOT NULL,              -- µs; relative-clock facts are offsets from 0
  is_status INTEGER NOT NULL,              -- 1 status snapshot, 0 event
  reason    TEXT                           -- event reason, NULL for snapshots
) WITHOUT ROWID;
CREATE INDEX facts_by_object ON facts (object_id, observed);
CREATE INDEX facts_by_chunk ON facts (chunk_id);
