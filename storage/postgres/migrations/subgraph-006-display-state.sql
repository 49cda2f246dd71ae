-- Whether an adverse record was last announced as in public display (ENTERED_DISPLAY/LEFT_DISPLAY).
-- NULL: stored before the state was kept; the daily job then asks the superseded windows.
ALTER TABLE records ADD COLUMN IF NOT EXISTS displayed boolean;
