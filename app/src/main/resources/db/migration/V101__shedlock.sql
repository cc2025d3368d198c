-- ShedLock's lock table: one row per scheduled job, held by the instance running it (once per cluster).
CREATE TABLE shedlock
(
  name       VARCHAR(64)  NOT NULL PRIMARY KEY,
  lock_until TIMESTAMP WITH TIME ZONE NOT NULL,
  locked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  locked_by  VARCHAR(255) NOT NULL
);
