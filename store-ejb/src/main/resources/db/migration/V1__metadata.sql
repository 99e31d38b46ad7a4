-- First draft of the metadata tables (DESIGN §2, §3, §6). Must run on H2 2.2.224 and
-- PostgreSQL 15: ${bytes} is VARBINARY on H2 and BYTEA on PostgreSQL (set by SchemaMigrator).
-- Digests: BLAKE3 (32 bytes) for castore objects, the 20-byte store path digest for path_info.

CREATE TABLE chunk (
  digest      ${bytes} NOT NULL PRIMARY KEY,
  size        BIGINT NOT NULL,
  stored_size BIGINT NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  CONSTRAINT chunk_digest_len CHECK (OCTET_LENGTH(digest) = 32),
  CONSTRAINT chunk_size_nonneg CHECK (size >= 0 AND stored_size >= 0)
);

CREATE TABLE blob (
  digest     ${bytes} NOT NULL PRIMARY KEY,
  size       BIGINT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  CONSTRAINT blob_digest_len CHECK (OCTET_LENGTH(digest) = 32),
  CONSTRAINT blob_size_nonneg CHECK (size >= 0)
);

-- The ordered chunk list of a blob; chunk_offset lets Read seek without summing sizes.
CREATE TABLE blob_chunk (
  blob_digest  ${bytes} NOT NULL REFERENCES blob (digest) ON DELETE CASCADE,
  idx          INTEGER NOT NULL,
  chunk_digest ${bytes} NOT NULL REFERENCES chunk (digest),
  chunk_offset BIGINT NOT NULL,
  PRIMARY KEY (blob_digest, idx)
);
-- GC sweeps chunks no blob refers to.
CREATE INDEX blob_chunk_by_chunk ON blob_chunk (chunk_digest);

CREATE TABLE directory (
  digest     ${bytes} NOT NULL PRIMARY KEY,
  encoded    ${bytes} NOT NULL,
  size       BIGINT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  CONSTRAINT directory_digest_len CHECK (OCTET_LENGTH(digest) = 32)
);

-- Parent -> child directory links, for recursive Get and the GC mark phase.
CREATE TABLE directory_edge (
  parent_digest ${bytes} NOT NULL REFERENCES directory (digest) ON DELETE CASCADE,
  child_digest  ${bytes} NOT NULL,
  PRIMARY KEY (parent_digest, child_digest)
);
CREATE INDEX directory_edge_by_child ON directory_edge (child_digest);

CREATE TABLE path_info (
  digest     ${bytes} NOT NULL PRIMARY KEY,
  name       VARCHAR(211) NOT NULL,
  root_node  ${bytes} NOT NULL,
  nar_size   BIGINT NOT NULL,
  nar_sha256 ${bytes} NOT NULL,
  deriver    VARCHAR(255),
  ca         VARCHAR(255),
  created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  CONSTRAINT path_info_digest_len CHECK (OCTET_LENGTH(digest) = 20),
  CONSTRAINT path_info_nar_sha256_len CHECK (OCTET_LENGTH(nar_sha256) = 32)
);
-- The binary cache serves NARs by their hash.
CREATE INDEX path_info_by_nar_sha256 ON path_info (nar_sha256);

CREATE TABLE path_reference (
  path_digest ${bytes} NOT NULL REFERENCES path_info (digest) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  ref_digest  ${bytes} NOT NULL,
  ref_name    VARCHAR(255) NOT NULL,
  PRIMARY KEY (path_digest, idx)
);
CREATE INDEX path_reference_by_ref ON path_reference (ref_digest);

CREATE TABLE path_signature (
  path_digest ${bytes} NOT NULL REFERENCES path_info (digest) ON DELETE CASCADE,
  name        VARCHAR(255) NOT NULL,
  data        ${bytes} NOT NULL,
  PRIMARY KEY (path_digest, name)
);
