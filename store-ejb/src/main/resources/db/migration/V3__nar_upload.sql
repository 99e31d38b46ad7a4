-- Binary cache uploads (issue 6). Runs on H2 2.2.224 and PostgreSQL 15, ${bytes} as in V1.

-- What each NAR PUT ingested, keyed by the SHA-256 of the file as sent (compressed or not). Nix
-- PUTs a path's NAR first and its narinfo second; the narinfo PUT finds the castore root here by
-- NAR hash, also after a restart in between (DESIGN §5: durable, never only in memory), and a
-- HEAD of an uploaded file answers 200 from here so that Nix skips the PUT.
-- A row whose narinfo never came is an orphan: garbage collection treats rows younger than the
-- grace period as roots and may delete older ones with their unreferenced data.
CREATE TABLE nar_upload (
  file_sha256 ${bytes} NOT NULL PRIMARY KEY,
  compression VARCHAR(16) NOT NULL,
  file_size   BIGINT NOT NULL,
  nar_sha256  ${bytes} NOT NULL,
  nar_size    BIGINT NOT NULL,
  root_node   ${bytes} NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  CONSTRAINT nar_upload_file_sha256_len CHECK (OCTET_LENGTH(file_sha256) = 32),
  CONSTRAINT nar_upload_nar_sha256_len CHECK (OCTET_LENGTH(nar_sha256) = 32),
  CONSTRAINT nar_upload_sizes_pos CHECK (file_size > 0 AND nar_size > 0)
);
CREATE INDEX nar_upload_by_nar_sha256 ON nar_upload (nar_sha256);
