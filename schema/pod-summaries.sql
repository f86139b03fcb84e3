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

-- The program whose code made every row (its executable's size and modification time): rows that
-- another program made are made afresh (every pod) by the next whole-store listing.
CREATE TABLE IF NOT EXISTS pod_summary_program (
  identity TEXT NOT NULL
);

-- What a whole-store listing printed first (its header and first 64 lines, as bytes), by form
-- (scope, columns, output), with the store's newest chunk and import and the program that printed
-- it: the next identical listing prints it at once, then the rest of the table.
CREATE TABLE IF NOT EXISTS pod_listing_heads (
  form  TEXT    PRIMARY KEY,
  token TEXT    NOT NULL,
  pods  INTEGER NOT NULL,                  -- pods the whole listing held
  head  BLOB    NOT NULL
);
