-- Admin console (issue 8). Runs on H2 2.2.224 and PostgreSQL 15.

-- What the store held at a moment, recorded every few minutes by ejb.stats.StatsSampler: the
-- console plots stored bytes over time from it. nars_served counts NAR downloads since the
-- previous sample of the same process (an in-memory counter flushed with the sample, so that a
-- GET never writes); a restart loses at most one interval of it.
CREATE TABLE stats_sample (
  sampled_at   TIMESTAMP WITH TIME ZONE NOT NULL PRIMARY KEY,
  paths        BIGINT NOT NULL,
  directories  BIGINT NOT NULL,
  blobs        BIGINT NOT NULL,
  chunks       BIGINT NOT NULL,
  nar_bytes    BIGINT NOT NULL,
  blob_bytes   BIGINT NOT NULL,
  chunk_bytes  BIGINT NOT NULL,
  stored_bytes BIGINT NOT NULL,
  nars_served  BIGINT NOT NULL,
  CONSTRAINT stats_sample_nonneg CHECK (paths >= 0 AND directories >= 0 AND blobs >= 0
    AND chunks >= 0 AND nar_bytes >= 0 AND blob_bytes >= 0 AND chunk_bytes >= 0
    AND stored_bytes >= 0 AND nars_served >= 0)
);

-- The console's paths grid sorts by these (the digest breaks ties, so pages are stable) and reads
-- a page of 100 000 paths from an index, not from a sort of the whole table; uploads per hour
-- count by created_at. Size and date are indexed descending, the grid's usual order (newest,
-- largest first): H2 walks an index one way only (PostgreSQL either way).
CREATE INDEX path_info_by_name ON path_info (name, digest);
CREATE INDEX path_info_by_nar_size ON path_info (nar_size DESC, digest DESC);
CREATE INDEX path_info_by_created_at ON path_info (created_at DESC, digest DESC);
