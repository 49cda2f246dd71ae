-- A batch id re-sent with different records is refused: the batch keeps a hash of what it held.
ALTER TABLE submission_batches ADD COLUMN content_hash text;
