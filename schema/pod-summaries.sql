-- Derived (like the index), rebuilt by `podhist reindex`, compared with a fresh projection by
-- `podhist verify`; the log stays the only truth, and a store without these tables is read by
-- projecting every pod. An import only marks the pods it touched (pod_summary_dirty, in its own
-- transaction); a whole-store listing (`get pods -A`, `why -A`) summarises the marked pods and
-- writes their rows back in a short transaction of its own when it can (else it keeps them in
-- memory). Rows hold what those listings print, compactly: the cells as printed, repeated words
-- (status, node, cause, container, confidence, owner) as ids into pod_summary_words.
CREATE TABLE pod_summaries (
  namespace         TEXT    NOT NULL,
  name              TEXT    NOT NULL,
  at                INTEGER NOT NULL,      -- µs, the instant described (the pod's default instant)
  relative          INTEGER NOT NULL,      -- 1 when `at` is on a dump's relative clock
  last_import       INTEGER,               -- newest import among the pod's absolute facts: once its
                                           -- horizon is past `at` (a stream still importing), the row is stale
  first_at          INTEGER,               -- µs, earliest fact when all are absolute (--at skips earlier)
  exists_at         INTEGER NOT NULL,      -- 1 when the pod exists at `at`
  deleted           INTEGER NOT NULL,      -- 1 when it is deleted by `at`
  ready             TEXT    NOT NULL,      -- get pods cells: READY STATUS RESTARTS AGE IP NODE DELETED
  status            INTEGER NOT NULL,      -- (a word)
  restarts          TEXT    NOT NULL,
  age               TEXT    NOT NULL,
  ip                TEXT    NOT NULL,
  node              INTEGER NOT NULL,      -- (a word)
  deleted_text      TEXT    NOT NULL,
  listed            INTEGER NOT NULL,      -- 1 when `why -A` lists the pod; then its line:
  why_status        INTEGER,               -- (a word; NULL: the same as `status`)
  why_restarts_low  INTEGER,
  why_restarts_high INTEGER,
  cause             INTEGER,               -- (words) top cause code, its container, confidence;
  container         INTEGER,               -- the owning workload (Deployment/web)
  confidence        INTEGER,
  owner             INTEGER,
  since             INTEGER,               -- µs before the explanation's instant
  why_at            INTEGER,               -- µs, the explanation's instant (NULL: `at`)
  why_clock         INTEGER,               -- 1 relative, 0 absolute, NULL none
  PRIMARY KEY (namespace, name)
) WITHOUT ROWID;
CREATE TABLE pod_summary_words (
  id   INTEGER PRIMARY KEY,
  word TEXT    NOT NULL UNIQUE
);
CREATE TABLE pod_summary_dirty (
  object_id INTEGER PRIMARY KEY            -- = objects.id of a pod to summarise; 0: every pod
);
