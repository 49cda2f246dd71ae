-- Objections to records (异议) and their evidence files. At most one OPEN objection per record.
CREATE TABLE objections (
  id           text PRIMARY KEY,
  record_id    text NOT NULL,
  uscc         text,
  ind          text NOT NULL,
  owner_agency text NOT NULL,
  owner_region text NOT NULL,
  filed_by     jsonb NOT NULL,
  grounds      text NOT NULL,
  evidence     jsonb NOT NULL,
  filed_at     timestamptz NOT NULL,
  due_at       timestamptz NOT NULL,
  status       text NOT NULL CHECK (status IN ('OPEN', 'CORRECTED', 'CONFIRMED', 'UNVERIFIABLE')),
  overdue      boolean NOT NULL DEFAULT false,
  decision     jsonb
);
CREATE UNIQUE INDEX objections_one_open_per_record ON objections (record_id) WHERE status = 'OPEN';
CREATE INDEX objections_by_record ON objections (record_id, filed_at DESC);
CREATE INDEX objections_by_owner ON objections (owner_agency, owner_region, status, due_at);
CREATE INDEX objections_open_by_due ON objections (due_at) WHERE status = 'OPEN' AND NOT overdue;

CREATE TABLE objection_evidence (
  objection_id text NOT NULL REFERENCES objections (id),
  n            integer NOT NULL,
  name         text NOT NULL,
  content_type text NOT NULL,
  bytes        bytea NOT NULL,
  PRIMARY KEY (objection_id, n)
);
