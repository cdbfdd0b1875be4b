-- Schema version 1: reports and their entries (one row per key).
PRAGMA application_id = 1312964943;

CREATE TABLE report (
    id      INTEGER PRIMARY KEY,
    format  TEXT    NOT NULL,
    year    INTEGER NOT NULL,
    agency  TEXT    NOT NULL,
    created TEXT    NOT NULL,
    updated TEXT    NOT NULL
);

CREATE TABLE entry (
    report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    key       TEXT    NOT NULL,
    value     TEXT    NOT NULL,
    PRIMARY KEY (report_id, key)
) WITHOUT ROWID;
