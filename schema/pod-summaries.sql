-- Derived (like the index): one row per pod, the pod projected at its default instant as the
-- whole-store listings print it (`get pods -A`, `why -A`). Written in each import's transaction
-- for the pods it touched (all pods of a listing's scope; all pods when it added node, workload or
-- gap facts), rebuilt by `podhist reindex`, compared with a fresh projection by `podhist verify`.
-- The log stays the only truth: a store without this table is read by projecting every pod.
CREATE TABLE pod_summaries (
  namespace           TEXT    NOT NULL,
  name                TEXT    NOT NULL,
  at                  INTEGER NOT NULL,    -- µs, the instant described (the pod's default instant)
  clock               TEXT    NOT NULL,    -- absolute | relative
  last_import         INTEGER,             -- newest import among the pod's absolute facts
  last_import_horizon INTEGER,             -- its horizon then; moved since: the row is stale
  first_at            INTEGER,             -- µs, earliest fact when all are absolute (--at skips earlier)
  exists_at           INTEGER NOT NULL,    -- 1 when the pod exists at `at`
  deleted             INTEGER NOT NULL,    -- 1 when it is deleted by `at`
  ready               TEXT    NOT NULL,    -- get pods cells: READY STATUS RESTARTS AGE IP NODE DELETED
  status              TEXT    NOT NULL,
  restarts            TEXT    NOT NULL,
  age                 TEXT    NOT NULL,
  ip                  TEXT    NOT NULL,
  node                TEXT    NOT NULL,
  deleted_text        TEXT    NOT NULL,
  listed              INTEGER NOT NULL,    -- 1 when `why -A` lists the pod; then the why_* columns:
  why_status          TEXT,
  why_restarts_low    INTEGER,
  why_restarts_high   INTEGER,
  cause               TEXT,                -- top cause code, its container, confidence, sentence
  container           TEXT,
  confidence          TEXT,
  sentence            TEXT,
  owner               TEXT,                -- owning workload (Deployment/web)
  since               INTEGER,             -- µs before `why_at`
  why_at              INTEGER,
  why_clock           TEXT,
  item                BLOB,                -- the `why -o json` item, encoded (Render/JSONValueCoding.swift)
  PRIMARY KEY (namespace, name)
) WITHOUT ROWID;
