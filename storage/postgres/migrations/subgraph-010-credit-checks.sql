-- Credit checks as answered (snapshots), and the checking agency's feedback on each measure.
CREATE TABLE credit_checks (
  id                text PRIMARY KEY,
  scenario          text NOT NULL,
  as_of             date NOT NULL,
  reference         text,
  rule_set_version  text NOT NULL,
  checked_at        timestamptz NOT NULL,
  agency            text,
  region            text,
  subject           text NOT NULL,
  -- subject and restriction pairs found: what feedback is due on
  measures_found    integer NOT NULL,
  results           jsonb NOT NULL,
  related_parties   jsonb NOT NULL
);
CREATE INDEX credit_checks_by_time ON credit_checks (checked_at);

CREATE TABLE check_feedback (
  check_id  text NOT NULL REFERENCES credit_checks (id),
  uscc      text NOT NULL,
  measure   text NOT NULL,
  action    text NOT NULL CHECK (action IN ('APPLIED', 'NOT_APPLIED', 'SUPERSEDED')),
  reason    text,
  by_subject text NOT NULL,
  at        timestamptz NOT NULL,
  PRIMARY KEY (check_id, uscc, measure)
);
