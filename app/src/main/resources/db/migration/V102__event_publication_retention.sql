-- Completed publications are now kept (completion-mode: update) for a retention period, then purged in batches
-- by OutboxRetention. Index what Spring Modulith's JDBC registry queries by status (countByStatus('RESUBMITTED'),
-- findByStatus, findFailedPublications: status = 'FAILED' ... ORDER BY publication_date), so none of them scans the
-- completed rows. completion_date already has an index (V1); the purge walks it.
CREATE INDEX event_publication_by_status_idx ON event_publication (status, publication_date);
-- rows completed before this release were deleted at completion; rows marked complete by the old mode have no status
UPDATE event_publication SET status = 'COMPLETED' WHERE completion_date IS NOT NULL AND status IS NULL;
