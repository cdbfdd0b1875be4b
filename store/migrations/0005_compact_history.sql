-- Schema version 5: history without bloat. A revision names its content by
-- hash; each distinct content is stored once, compressed (the Go step after
-- this migration compresses the copies moved here from version 4).
CREATE TABLE snapshot (
    id    INTEGER PRIMARY KEY,
    hash  TEXT    NOT NULL UNIQUE,
    codec TEXT    NOT NULL, -- 'json' (plain) or 'deflate' (JSON, raw DEFLATE)
    data  BLOB    NOT NULL
);
INSERT OR IGNORE INTO snapshot(hash, codec, data) SELECT hash, 'json', snapshot FROM revision ORDER BY id;
ALTER TABLE revision DROP COLUMN snapshot;
