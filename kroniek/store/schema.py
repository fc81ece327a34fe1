"""The tables of the store (DuckDB SQL), created when a store is opened for writing."""
from __future__ import annotations

DEFAULT_DB = "kroniek.duckdb"

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id            VARCHAR PRIMARY KEY,
    content_hash  VARCHAR NOT NULL,
    date          VARCHAR NOT NULL,
    url           VARCHAR,
    source        VARCHAR,
    text          VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,      -- done | quarantined
    note          VARCHAR,
    added_at      TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id        VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,      -- country | org | person | system | class ...
    ref           VARCHAR,               -- entity key or system name
    code          VARCHAR                -- country/org code or equipment class
);
CREATE TABLE IF NOT EXISTS events (
    id            VARCHAR PRIMARY KEY,
    doc_id        VARCHAR NOT NULL,
    doc_date      VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    event_text    VARCHAR NOT NULL,
    event         VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,
    date          VARCHAR,
    enddate       VARCHAR,
    date_start    DATE,                  -- first and last day the date may denote
    date_end      DATE,
    actors        VARCHAR[],             -- codes (or names) for filtering
    recipients    VARCHAR[],
    sources       VARCHAR[],
    equipment     VARCHAR[],             -- names and classes, lower case
    record        JSON NOT NULL          -- the PLOVER record as exported
);
CREATE TABLE IF NOT EXISTS problems (
    reported_at   TIMESTAMP NOT NULL,
    source        VARCHAR NOT NULL,
    line          INTEGER,
    message       VARCHAR NOT NULL
);
-- derived by kroniek/resolve (replaced whole by each resolution)
CREATE TABLE IF NOT EXISTS doc_groups (
    doc_id        VARCHAR PRIMARY KEY,
    group_id      VARCHAR NOT NULL,      -- earliest document of its syndicated copies
    outlet        VARCHAR,               -- host of the document's URL
    similarity    DOUBLE
);
CREATE TABLE IF NOT EXISTS event_links (
    event_id      VARCHAR PRIMARY KEY,
    link          VARCHAR NOT NULL       -- the cluster (PLOVER link)
);
CREATE TABLE IF NOT EXISTS clusters (
    link          VARCHAR PRIMARY KEY,
    event         VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,      -- best supported
    date          VARCHAR,
    enddate       VARCHAR,
    date_start    DATE,
    date_end      DATE,
    actors        VARCHAR[],
    recipients    VARCHAR[],
    equipment     VARCHAR[],
    reports       INTEGER NOT NULL,
    documents     INTEGER NOT NULL,
    independent   INTEGER NOT NULL,      -- distinct voices (sources or outlets)
    contradicted  BOOLEAN NOT NULL,
    first_reported VARCHAR,
    last_reported VARCHAR,
    record        JSON NOT NULL
);
-- kroniek/watch: saved filters and what each last saw (link -> [status, independent
-- sources, contradicted]); created here so that an older store gains it when opened
CREATE TABLE IF NOT EXISTS watches (
    name          VARCHAR PRIMARY KEY,
    filters       JSON NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    seen_at       TIMESTAMP NOT NULL,
    snapshot      JSON NOT NULL
);
-- kroniek/corrections: what analysts wrote, append-only (never deleted by a run, a
-- resolve or a re-extraction); anchor: the report it was made on (doc, span, type,
-- parties) so that it re-attaches when re-extraction gives new report ids
CREATE TABLE IF NOT EXISTS corrections (
    n             INTEGER PRIMARY KEY,
    made_at       TIMESTAMP NOT NULL,
    made_by       VARCHAR NOT NULL,
    why           VARCHAR,
    action        VARCHAR NOT NULL,      -- correct | reject | confirm | add | merge | split | undo
    target        VARCHAR,               -- report id or cluster link as given
    anchor        JSON,
    changes       JSON,
    undoes        INTEGER
);
-- derived from corrections and events by store/overlay.py (replaced whole on each
-- refresh): corrected, confirmed and added reports (the columns of events), rejected
-- ones flagged, and what became of each correction
CREATE TABLE IF NOT EXISTS event_overrides (
    id            VARCHAR,
    doc_id        VARCHAR NOT NULL,
    doc_date      VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    event_text    VARCHAR NOT NULL,
    event         VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,
    date          VARCHAR,
    enddate       VARCHAR,
    date_start    DATE,
    date_end      DATE,
    actors        VARCHAR[],
    recipients    VARCHAR[],
    sources       VARCHAR[],
    equipment     VARCHAR[],
    record        JSON NOT NULL,
    replaces      VARCHAR,               -- the extracted report shown instead (NULL: added)
    rejected      BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS correction_status (
    n             INTEGER PRIMARY KEY,
    state         VARCHAR NOT NULL,      -- applies | re-attached | orphaned | undone | done
    event_id      VARCHAR,               -- the report it applies to now
    sides         JSON,                  -- merge/split: the reports of each side now
    note          VARCHAR
);
-- the last resolution: the corrections it saw (a later one makes the store unresolved)
CREATE TABLE IF NOT EXISTS resolution (
    resolved_at   TIMESTAMP NOT NULL,
    corrections   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);
"""


def has_table(con, name: str) -> bool:
    """False for a store written before the table existed (opened read-only)."""
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                       [name]).fetchone()[0] > 0
