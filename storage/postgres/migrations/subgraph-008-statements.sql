-- Statements (本人声明): one per record, the enterprise's own explanation; a new one replaces it.
CREATE TABLE statements (
  record_id text PRIMARY KEY,
  uscc      text NOT NULL,
  text      text NOT NULL,
  by_subject text NOT NULL,
  at        timestamptz NOT NULL
);
