-- Schema version 6: a county office's work. The fingerprint of an imported
-- report's content (importing a folder twice creates nothing new); the
-- members of a roll-up report, in the order listed (a member named in the
-- list but not in the database has no member_id); the findings a clerk
-- reviewed and kept, with the reason, who and when.
ALTER TABLE report ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
CREATE INDEX report_by_content ON report(agency, year, fingerprint);

CREATE TABLE rollup_member (
    rollup_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    pos       INTEGER NOT NULL,
    member_id INTEGER REFERENCES report(id) ON DELETE SET NULL,
    name      TEXT    NOT NULL,
    PRIMARY KEY (rollup_id, pos)
) WITHOUT ROWID;
CREATE INDEX rollup_member_by_member ON rollup_member(member_id);

CREATE TABLE dismissal (
    report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    finding   TEXT    NOT NULL,
    reason    TEXT    NOT NULL,
    by_user   TEXT    NOT NULL,
    at        TEXT    NOT NULL,
    PRIMARY KEY (report_id, finding)
) WITHOUT ROWID;
