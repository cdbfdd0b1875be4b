-- Schema version 2: dated revisions of each report, to look at and restore.
CREATE TABLE revision (
    id        INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    at        TEXT    NOT NULL,
    reason    TEXT    NOT NULL,
    hash      TEXT    NOT NULL,
    snapshot  TEXT    NOT NULL
);
CREATE INDEX revision_by_report ON revision(report_id, id);
