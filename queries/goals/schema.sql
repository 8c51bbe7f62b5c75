-- The goals store (SQLite, its own file: data/goals.sqlite or $TILANNEKUVA_GOALS), not the
-- warehouse. Read and written only by tilannekuva/goals/store.py. This folder is apart from
-- queries/*.sql on purpose: those are the warehouse's named DuckDB queries.
-- Idempotent: run on every open; a new column needs a migration step in store.py.

CREATE TABLE IF NOT EXISTS store_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS goal (
    goal_id          INTEGER PRIMARY KEY,
    title            TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    description      TEXT    NOT NULL DEFAULT '',
    cooperation_area TEXT    NOT NULL,
    indicator_id     TEXT    NOT NULL,
    area_code        TEXT    NOT NULL,
    baseline_year    INTEGER NOT NULL,
    baseline_value   REAL    NOT NULL,
    target_year      INTEGER NOT NULL CHECK (target_year > baseline_year),
    target_value     REAL    NOT NULL,
    responsible_kind TEXT    NOT NULL CHECK (responsible_kind IN ('kunta', 'hyvinvointialue', 'maakuntaliitto', 'muu')),
    responsible_name TEXT    NOT NULL DEFAULT '',
    is_example       INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    -- optimistic concurrency: every write must name the version it read; the write bumps it
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT    NOT NULL,
    created_by       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    updated_by       TEXT    NOT NULL
);

-- The duplicate rule, guaranteed even when two editors add the same goal at once.
CREATE UNIQUE INDEX IF NOT EXISTS goal_indicator_area_year ON goal (indicator_id, area_code, target_year);

-- Every change: what (action + JSON of {field: [old, new]}), when (UTC ISO), who (signed-in name).
CREATE TABLE IF NOT EXISTS change_log (
    change_id  INTEGER PRIMARY KEY,
    goal_id    INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    action     TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import')),
    version    INTEGER NOT NULL,
    changed_at TEXT    NOT NULL,
    changed_by TEXT    NOT NULL,
    changes    TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS change_log_goal ON change_log (goal_id, change_id);
