-- The cross-store audit (module audit): the last finished reports, so any instance's console shows the last run.
CREATE TABLE audit_report
(
  id          UUID PRIMARY KEY,
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  report      JSONB       NOT NULL
);
CREATE INDEX audit_report_by_finished ON audit_report (finished_at DESC);

-- One row per night: the instance whose insert succeeds runs that night's audit, so the cluster runs it once.
CREATE TABLE audit_nightly
(
  day DATE PRIMARY KEY
);
