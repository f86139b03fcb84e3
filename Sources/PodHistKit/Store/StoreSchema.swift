import Foundation

/// The store schema. `schema/store.sql` is the documented copy of the current version; a test
/// checks that the two match. Version 1 (per-object chunks and stored fact hashes) is migrated by
/// `Store.migrateFromVersion1`; version 2 (no `chunk_digests`) by `Store.migrateFromVersion2`.
enum StoreSchema {
  /// The version `PRAGMA user_version` holds once the store is current.
  static let currentVersion: Int64 = 3
  /// The tables of a version-2 store (read as it is; a write adds `chunk_digests`).
  static let version2Tables: Set<String> = ["imports", "log", "objects", "chunk_objects", "import_horizons"]
  /// The tables of a current store.
  static let currentTables = version2Tables.union(["chunk_digests"])

  /// The table a version-2 store gains (the last statement of `current`).
  static var digestTable: String {
    let start = current.range(of: "CREATE TABLE chunk_digests")?.lowerBound ?? current.endIndex
    return String(current[start...])
  }

  static let current = #"""
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
"""#

  /// The derived per-pod summary tables (schema/pod-summaries.sql is their documented copy; a
  /// test checks that the two match). Not part of `current`: a store without them is still
  /// current, and its listings project every pod; the first import that can keep them makes them
  /// and marks every pod to be summarised.
  static let podSummaries = #"""
-- Derived (like the index), rebuilt by `podhist reindex`, compared with a fresh projection by
-- `podhist verify`; the log stays the only truth, and a store without these tables is read by
-- projecting every pod. An import only marks the pods it touched (pod_summary_dirty, in its own
-- transaction); a whole-store listing (`get pods -A`, `why -A`) summarises the marked pods and
-- writes their rows back in a short transaction of its own when it can (else it keeps them in
-- memory). A row holds what those listings print of one pod (the pod at its default instant):
-- the get pods cells READY STATUS RESTARTS AGE IP NODE DELETED as printed, the instant and its
-- clock, the newest import among the pod's absolute facts (once its horizon is past the instant,
-- a stream still importing, the row is stale), the earliest fact when all are absolute (--at
-- skips the pod before it), whether it exists and is deleted then, and when `why -A` lists it,
-- that line: STATUS, RESTARTS (low, high), top cause code, its container and confidence, owner
-- (Deployment/web), since, the explanation's instant and clock. Rows are kept compressed, by
-- blocks of 1024 object ids, column by column (PodSummaryBlock), names left to the index and
-- repeated words (status, node, cause, container, confidence, owner) as ids into pod_summary_words.
CREATE TABLE pod_summary_blocks (
  block    INTEGER PRIMARY KEY,            -- objects.id / 1024 of the pods whose rows it holds
  names    INTEGER NOT NULL,               -- sum of its pods' PodSummaryBlock.nameDigest: an index
                                           -- whose names changed since is noticed (store damaged)
  raw_size INTEGER NOT NULL,               -- bytes of the encoding before compression
  rows     BLOB    NOT NULL                -- raw deflate (with the log's preset dictionary)
);
CREATE TABLE pod_summary_words (
  id   INTEGER PRIMARY KEY,
  word TEXT    NOT NULL UNIQUE
);
CREATE TABLE pod_summary_dirty (
  object_id INTEGER PRIMARY KEY            -- = objects.id of a pod to summarise; 0: every pod
);
"""# + "\n\n" + summaryProgram + "\n\n" + listingHeads

  /// The program that made the summary rows (Store+ListingHeads' identity): rows another program
  /// made (another release may explain otherwise) are made afresh, every pod's, by the next listing.
  static let summaryProgram = #"""
-- The program whose code made every row (its executable's size and modification time): rows that
-- another program made are made afresh (every pod) by the next whole-store listing.
CREATE TABLE IF NOT EXISTS pod_summary_program (
  identity TEXT NOT NULL
);
"""#

  /// The first screens of whole-store listings (Store+ListingHeads), made when a listing first
  /// prints a form (stores made before it lack the table until then).
  static let listingHeads = #"""
-- What a whole-store listing printed first (its header and first 64 lines, as bytes), by form
-- (scope, columns, output), with the store's newest chunk and import and the program that printed
-- it: the next identical listing prints it at once, then the rest of the table.
CREATE TABLE IF NOT EXISTS pod_listing_heads (
  form  TEXT    PRIMARY KEY,
  token TEXT    NOT NULL,
  pods  INTEGER NOT NULL,                  -- pods the whole listing held
  head  BLOB    NOT NULL
);
"""#
}
