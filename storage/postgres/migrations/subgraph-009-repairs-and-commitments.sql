-- Repair applications (信用修复申请) with their evidence, and credit commitments (信用承诺).
-- At most one PENDING application per record.
CREATE TABLE repair_applications (
  id            text PRIMARY KEY,
  record_id     text NOT NULL,
  uscc          text NOT NULL,
  ind           text NOT NULL,
  owner_agency  text NOT NULL,
  owner_region  text NOT NULL,
  applicant     text NOT NULL,
  measures      text NOT NULL,
  evidence      jsonb NOT NULL,
  commitment_id text NOT NULL,
  filed_at      timestamptz NOT NULL,
  due_at        timestamptz NOT NULL,
  status        text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REFUSED')),
  decision      jsonb
);
CREATE UNIQUE INDEX repair_applications_one_pending_per_record ON repair_applications (record_id) WHERE status = 'PENDING';
CREATE INDEX repair_applications_by_record ON repair_applications (record_id, filed_at DESC);
CREATE INDEX repair_applications_by_owner ON repair_applications (owner_agency, owner_region, status, due_at);

CREATE TABLE repair_evidence (
  application_id text NOT NULL REFERENCES repair_applications (id),
  n              integer NOT NULL,
  name           text NOT NULL,
  content_type   text NOT NULL,
  bytes          bytea NOT NULL,
  PRIMARY KEY (application_id, n)
);

CREATE TABLE commitments (
  id               text PRIMARY KEY,
  uscc             text NOT NULL,
  type             text NOT NULL CHECK (type IN ('REPAIR', 'NOTICE_AND_COMMITMENT', 'APPROVAL_SUBSTITUTE', 'VOLUNTARY')),
  text             text NOT NULL,
  made_at          timestamptz NOT NULL,
  recipient_agency text,
  recipient_region text,
  record_id        text,
  by_subject       text NOT NULL,
  breach           jsonb
);
CREATE INDEX commitments_by_enterprise ON commitments (uscc, made_at DESC);
