-- A unit's batch history (newest first) is read by agency and region.
CREATE INDEX submission_batches_by_unit ON submission_batches (agency, agency_region, received_at DESC);
