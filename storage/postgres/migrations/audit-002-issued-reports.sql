-- The register of issued credit reports: one row per report, added and never changed. The PDF is
-- kept so its requester can download it again; verification needs only the hash and attestation.
CREATE TABLE issued_reports (
  number       text PRIMARY KEY,
  issued_at    timestamptz NOT NULL,
  uscc         text NOT NULL,
  version      text NOT NULL,
  subject      text,
  agency       text,
  purpose      text,
  pdf_sha256   text NOT NULL,
  attestation  jsonb NOT NULL,
  pdf          bytea NOT NULL
);
CREATE UNIQUE INDEX issued_reports_by_hash ON issued_reports (pdf_sha256);
CREATE INDEX issued_reports_by_enterprise ON issued_reports (uscc, issued_at DESC);
