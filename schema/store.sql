-- podhist store, schema version 3 (PRAGMA user_version = 3).
-- One SQLite file in WAL mode. The log (imports + log) is the truth; objects, chunk_objects,
-- import_horizons and chunk_digests are an index derived from it that `podhist reindex` rebuilds
-- from the log alone.
-- A version-1 store (one chunk per object per import, a table of fact hashes) is migrated when
-- it is opened for writing: its facts are rewritten into current chunks, import by import, in one
-- transaction (schema/chunk-format.md). A version-2 store (the same without chunk_digests) is read
-- as it is; opened for writing, it gains an empty chunk_digests, filled as imports touch objects
-- (schema/deduplication.md).

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

-- The append-only log: compressed chunks, each the facts of one import about a few thousand
-- objects, grouped by object (the chunk's own directory names them).
CREATE TABLE log (
  id         INTEGER PRIMARY KEY,
  import_id  INTEGER NOT NULL REFERENCES imports(id),
  fact_count INTEGER NOT NULL,
  encoding   INTEGER NOT NULL,             -- 4 = ChunkCodec payload, zlib with the preset dictionary
  raw_size   INTEGER NOT NULL,             -- bytes before compression
  crc32      INTEGER NOT NULL,             -- CRC-32 of `data`
  data       BLOB    NOT NULL
);
CREATE TRIGGER log_is_append_only_update BEFORE UPDATE ON log
  BEGIN SELECT RAISE(ABORT, 'podhist log is append-only'); END;
CREATE TRIGGER log_is_append_only_delete BEFORE DELETE ON log
  BEGIN SELECT RAISE(ABORT, 'podhist log is append-only'); END;

-- Index (derived): objects, and one row per object per chunk that holds its facts; each import's
-- newest instant; the digests of each object's facts per chunk, against which an import
-- deduplicates without decoding a chunk (schema/deduplication.md). The big tables are
-- WITHOUT ROWID b-trees keyed by what queries look up, so no second index repeats them.
CREATE TABLE objects (
  name      TEXT    NOT NULL,
  namespace TEXT    NOT NULL,
  kind      TEXT    NOT NULL,
  id        INTEGER NOT NULL,              -- assigned in order, never reused
  PRIMARY KEY (name, namespace, kind)
) WITHOUT ROWID;
-- The objects a paste named no namespace for, found without reading every object (each query
-- looks for them); a store made before it gets it at its next import.
CREATE INDEX objects_namespaceless ON objects (name) WHERE namespace = '';
CREATE TABLE chunk_objects (
  object_id  INTEGER NOT NULL,
  chunk_id   INTEGER NOT NULL,             -- = log.id
  fact_count INTEGER NOT NULL,             -- facts of this object in this chunk
  PRIMARY KEY (object_id, chunk_id)
) WITHOUT ROWID;
CREATE TABLE import_horizons (
  import_id     INTEGER PRIMARY KEY,       -- = imports.id
  last_observed INTEGER NOT NULL           -- µs, newest `observed` of its facts (relative clocks: ≤ 0)
);
CREATE TABLE chunk_digests (
  object_id INTEGER NOT NULL,              -- a chunk_objects row's object and chunk
  chunk_id  INTEGER NOT NULL,
  digest    BLOB    NOT NULL,              -- per fact of that group, in its order: 8 bytes, little-endian,
  PRIMARY KEY (object_id, chunk_id)        -- the first 64 bits of the fact's fingerprint
) WITHOUT ROWID;
