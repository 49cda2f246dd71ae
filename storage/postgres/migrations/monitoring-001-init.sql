-- Dynamic monitoring (动态监测): watches, the events each watch has matched (its feed and its
-- delivery queue), the dispatcher's position in every subgraph's outbox, and a delivery log.
CREATE TABLE watches (
  id            text PRIMARY KEY,
  owner_subject text NOT NULL,
  owner_agency  text,
  owner_region  text,
  owner_roles   text[] NOT NULL,
  purpose       text,
  name          text,
  endpoint      text,
  secret        text,
  region        text,
  indicators    text[],
  paused        boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL,
  deleted_at    timestamptz
);
CREATE INDEX watches_by_owner ON watches (owner_subject) WHERE deleted_at IS NULL;
CREATE INDEX watches_by_region ON watches (region) WHERE region IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE watch_enterprises (
  watch_id text NOT NULL REFERENCES watches (id),
  uscc     text NOT NULL,
  PRIMARY KEY (watch_id, uscc)
);
CREATE INDEX watch_enterprises_by_uscc ON watch_enterprises (uscc);

CREATE TABLE feed_positions (
  source text PRIMARY KEY,
  cursor text NOT NULL
);

CREATE TABLE watch_events (
  watch_id        text NOT NULL,
  seq             bigint GENERATED ALWAYS AS IDENTITY,
  event_id        text NOT NULL,
  uscc            text NOT NULL,
  event           jsonb NOT NULL,
  created_at      timestamptz NOT NULL,
  status          text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_error      text,
  delivered_at    timestamptz,
  PRIMARY KEY (watch_id, seq),
  UNIQUE (watch_id, event_id)
);
CREATE INDEX watch_events_queue ON watch_events (watch_id, uscc, seq) WHERE status = 'PENDING';

CREATE TABLE delivery_log (
  watch_id    text NOT NULL,
  event_id    text NOT NULL,
  at          timestamptz NOT NULL,
  status      integer,
  error       text,
  duration_ms integer NOT NULL
);
CREATE INDEX delivery_log_by_watch ON delivery_log (watch_id, at DESC);
