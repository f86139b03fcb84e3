import Foundation

/// The store schema, version by version. `schema/store.sql` is the documented copy of version 1;
/// a test checks that the two match.
enum StoreSchema {
  /// The version `PRAGMA user_version` holds once migrations ran.
  static let currentVersion: Int64 = 1

  /// Migrations: `migrations[i]` takes the store from version i to i + 1.
  static let migrations: [String] = [version1]

  static let version1 = #"""
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
  encoding   INTEGER NOT NULL,             -- 3 = FactCodec payload, zlib with the preset dictionary
  raw_size   INTEGER NOT NULL,             -- bytes before compression
  crc32      INTEGER NOT NULL,             -- CRC-32 of `data`
  data       BLOB    NOT NULL
);
CREATE TRIGGER log_is_append_only_update BEFORE UPDATE ON log
  BEGIN SELECT RAISE(ABORT, 'podhist log is append-only'); END;
CREATE TRIGGER log_is_append_only_delete BEFORE DELETE ON log
  BEGIN SELECT RAISE(ABORT, 'podhist log is append-only'); END;

-- Index (derived): objects, one row per chunk (which object, which instants), and the content
-- hash of every fact for deduplication (64-bit FNV-1a of the fact without its provenance; a hit is
-- checked against the stored fact, so a collision never drops a fact).
CREATE TABLE objects (
  id        INTEGER PRIMARY KEY,
  kind      TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name      TEXT NOT NULL,
  UNIQUE (kind, namespace, name)
);
CREATE TABLE chunks (
  chunk_id      INTEGER PRIMARY KEY,       -- = log.id
  object_id     INTEGER NOT NULL,
  import_id     INTEGER NOT NULL,          -- = log.import_id
  fact_count    INTEGER NOT NULL,
  status_count  INTEGER NOT NULL,          -- how many are status snapshots
  first_observed INTEGER NOT NULL,         -- µs; relative-clock facts are offsets from 0
  last_observed  INTEGER NOT NULL
);
CREATE INDEX chunks_by_object ON chunks (object_id);
CREATE INDEX chunks_by_import ON chunks (import_id, last_observed);  -- each dump's newest instant
CREATE TABLE fact_hashes (
  hash     INTEGER PRIMARY KEY,            -- content hash, as a signed 64-bit integer
  chunk_id INTEGER NOT NULL,
  position INTEGER NOT NULL                -- index of the fact in the chunk
);
"""#
}
