-- One subgraph's database: its indicator records, their history, the submissions that brought
-- them and the records refused; identity also keeps the enterprise directory here.
CREATE TABLE records (
  id            text PRIMARY KEY,
  uscc          text,
  ind           text NOT NULL,
  agency        text NOT NULL,
  agency_region text NOT NULL,
  received_at   timestamptz NOT NULL,
  person_hash   text,
  repaired_on   text,
  warnings      jsonb,
  data          jsonb NOT NULL
);
-- every indicator field, batched per request: uscc = ANY($1) AND ind = ANY($2)
CREATE INDEX records_by_enterprise ON records (uscc, ind);
-- legal representatives and dishonest debtors, matched by keyed ID hash
CREATE INDEX records_by_person ON records (person_hash, ind) WHERE person_hash IS NOT NULL;

CREATE TABLE enterprises (
  uscc            text PRIMARY KEY,
  registration_no text,
  name            text NOT NULL,
  region          text NOT NULL,
  -- single characters and bigrams of the lower-cased name: pg_trgm ignores CJK in the C locale
  grams           text[] NOT NULL
);
CREATE INDEX enterprises_by_registration_no ON enterprises (registration_no) WHERE registration_no IS NOT NULL;
CREATE INDEX enterprises_by_gram ON enterprises USING gin (grams);
CREATE INDEX enterprises_by_region ON enterprises (region, uscc);

CREATE TABLE submission_batches (
  key           text PRIMARY KEY,
  agency        text NOT NULL,
  agency_region text NOT NULL,
  subject       text,
  indicator     text NOT NULL,
  received_at   timestamptz NOT NULL,
  received      integer NOT NULL,
  accepted      integer NOT NULL,
  rejected      integer NOT NULL,
  -- rule id of every rejection, for the data-quality report
  rules         text[] NOT NULL,
  report        jsonb NOT NULL
);
CREATE INDEX submission_batches_by_time ON submission_batches (received_at);

CREATE TABLE quarantine (
  batch_key   text NOT NULL,
  idx         integer NOT NULL,
  indicator   text NOT NULL,
  agency      text NOT NULL,
  -- the record as received, as JSON text
  record      text NOT NULL,
  reasons     jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (batch_key, idx)
);

CREATE TABLE record_history (
  id          text PRIMARY KEY,
  record_id   text NOT NULL,
  replaced_at timestamptz NOT NULL,
  batch_key   text NOT NULL,
  change      text,
  reason      text,
  by_subject  text,
  previous    jsonb NOT NULL
);
CREATE INDEX record_history_by_record ON record_history (record_id, replaced_at DESC);
