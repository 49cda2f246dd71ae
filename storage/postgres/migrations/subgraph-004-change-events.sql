-- The outbox: one row per change to a record, inserted in the transaction that makes the change.
-- `tx` lets a reader take only rows of transactions that have ended, in an order no later commit
-- can slip in front of (see storage/postgres/change-feed.ts).
CREATE TABLE change_events (
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  tx            xid8 NOT NULL DEFAULT pg_current_xact_id(),
  id            text PRIMARY KEY,
  at            timestamptz NOT NULL,
  uscc          text NOT NULL,
  ind           text NOT NULL,
  record_id     text NOT NULL,
  change        text NOT NULL,
  agency        text NOT NULL,
  agency_region text NOT NULL,
  repaired_on   date,
  data          jsonb NOT NULL
);
CREATE INDEX change_events_in_order ON change_events (tx, seq);
