-- Kabar event store, SQLite. Applied in one transaction by the migrator, which records it in schema_version.
-- Days are yyyymmdd integers (the first day of the period a date names) so ranges compare as numbers;
-- timestamps are ISO 8601 UTC text.

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL,             -- the caller's id (file name, record id, URL)
    url          TEXT UNIQUE,               -- a corrected version arrives under the same URL
    title        TEXT,
    site         TEXT,                      -- host of the URL, else the page's site name
    language     TEXT NOT NULL,
    published    TEXT,
    hash         TEXT NOT NULL UNIQUE,      -- SHA-256 of the normalised cleaned text
    origin       TEXT,                      -- where it was read from (path, path:line, URL)
    ingested_at  TEXT NOT NULL,
    event_count  INTEGER NOT NULL,
    result       TEXT NOT NULL              -- ResultWriter.ToJson(document), served as is
);
CREATE INDEX documents_doc_id ON documents (doc_id);

-- One row per merged event (GDELT's "event"); the anchor is the earliest stored mention.
CREATE TABLE clusters (
    id              INTEGER PRIMARY KEY,
    cluster_key     TEXT NOT NULL,          -- source|target|root
    source_code     TEXT NOT NULL,
    target_code     TEXT,
    root            TEXT NOT NULL,
    anchor_event    INTEGER,
    day             INTEGER,
    date_value      TEXT,
    date_precision  TEXT,
    lat             REAL,
    lon             REAL,
    num_mentions    INTEGER NOT NULL DEFAULT 0,
    num_articles    INTEGER NOT NULL DEFAULT 0,
    num_sources     INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
);
CREATE INDEX clusters_key_day ON clusters (cluster_key, day);
CREATE INDEX clusters_day ON clusters (day, id);

-- One row per event of a document (GDELT's "mention").
CREATE TABLE events (
    id                    INTEGER PRIMARY KEY,
    document_id           INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    cluster_id            INTEGER NOT NULL REFERENCES clusters (id),
    event_key             TEXT NOT NULL,
    site                  TEXT,
    sentence              INTEGER NOT NULL,
    source_code           TEXT NOT NULL,
    source_country        TEXT,
    source_name           TEXT NOT NULL,
    source_text           TEXT NOT NULL,
    target_code           TEXT,
    target_country        TEXT,
    target_name           TEXT,
    target_text           TEXT,
    cameo                 TEXT NOT NULL,
    cameo_name            TEXT NOT NULL,
    root                  TEXT NOT NULL,
    plover                TEXT,
    goldstein             REAL NOT NULL,
    quad_class            INTEGER NOT NULL,
    acled_event_type      TEXT,
    acled_sub_event_type  TEXT,
    date_value            TEXT,
    day                   INTEGER,
    date_precision        TEXT,
    date_source           TEXT NOT NULL,
    place_name            TEXT,
    lat                   REAL,
    lon                   REAL,
    place_country         TEXT,
    gazetteer_id          TEXT,
    place_feature         TEXT,
    modality              TEXT NOT NULL,
    negated               INTEGER NOT NULL,
    attributed_to         TEXT,
    evidence              TEXT NOT NULL,
    sentence_text         TEXT NOT NULL,
    rule                  TEXT NOT NULL,
    fatalities            INTEGER NOT NULL
);
-- Every filter of `kabar events` has an index that leads with its column and then the sort key; the name indexes also
-- carry cluster_id, so a name search (an IN list of many names) finds its merged events without reading the table.
CREATE INDEX events_document ON events (document_id);
CREATE INDEX events_cluster ON events (cluster_id, site, document_id);
CREATE INDEX events_day ON events (day, id);
CREATE INDEX events_source_code ON events (source_code, day);
CREATE INDEX events_target_code ON events (target_code, day);
CREATE INDEX events_source_country ON events (source_country, day);
CREATE INDEX events_target_country ON events (target_country, day);
CREATE INDEX events_cameo ON events (cameo, day);
CREATE INDEX events_plover ON events (plover, day);
CREATE INDEX events_source_name ON events (source_name, day, cluster_id);
CREATE INDEX events_target_name ON events (target_name, day, cluster_id);
CREATE INDEX events_place_name ON events (place_name, day, cluster_id);
CREATE INDEX events_lat ON events (lat, lon);

-- Distinct actor and place names, so a substring search scans thousands of names instead of millions of events.
CREATE TABLE names (
    kind  TEXT NOT NULL,                    -- actor | place
    name  TEXT NOT NULL,
    PRIMARY KEY (kind, name)
) WITHOUT ROWID;

CREATE TABLE failures (
    id         INTEGER PRIMARY KEY,
    origin     TEXT NOT NULL UNIQUE,
    doc_id     TEXT,
    reason     TEXT NOT NULL,
    failed_at  TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 1
);
