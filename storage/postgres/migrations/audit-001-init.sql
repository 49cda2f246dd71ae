-- The audit trail: one row per operation through the gateway, appended and never changed.
CREATE TABLE audit_events (
  id             text PRIMARY KEY,
  time           timestamptz NOT NULL,
  subject        text,
  agency         text,
  enterprises    text[] NOT NULL,
  operation_name text,
  tender_ref     text,
  event          jsonb NOT NULL
);
CREATE INDEX audit_events_by_time ON audit_events (time DESC);
CREATE INDEX audit_events_by_enterprise ON audit_events USING gin (enterprises);
CREATE INDEX audit_events_by_agency ON audit_events (agency, time DESC);
CREATE INDEX audit_events_by_subject ON audit_events (subject, time DESC);
