-- Schema version 3: deleted reports go to a recoverable trash; origin says
-- how a report was made (new, from another report, demo, import).
ALTER TABLE report ADD COLUMN deleted TEXT;
ALTER TABLE report ADD COLUMN origin TEXT NOT NULL DEFAULT '';
