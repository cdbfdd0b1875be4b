-- Schema version 4: settings of the program kept with the data (the UI
-- theme chosen by the clerk, the last export folder).
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
