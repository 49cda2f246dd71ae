-- An anonymous caller's report is returned when it is issued and not kept: anyone may ask for one, so
-- keeping them would let one address fill the disk. Its register entry (hash and attestation) is
-- all verification needs. A signed-in requester's report keeps its PDF for them to download again.
ALTER TABLE issued_reports ALTER COLUMN pdf DROP NOT NULL;
