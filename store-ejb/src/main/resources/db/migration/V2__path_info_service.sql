-- PathInfoService (issue 5). Runs on H2 2.2.224 and PostgreSQL 15, ${bytes} as in V1.

-- A signature row per distinct signature: Nix keeps a path's signatures as a set of
-- "<key name>:<base64>" strings, so two keys of one name both count (V1 kept one per name). Key
-- names may have 256 characters (NarSignature). Nothing wrote this table before this version.
DROP TABLE path_signature;
CREATE TABLE path_signature (
  path_digest ${bytes} NOT NULL REFERENCES path_info (digest) ON DELETE CASCADE,
  name        VARCHAR(256) NOT NULL,
  data        ${bytes} NOT NULL,
  PRIMARY KEY (path_digest, name, data),
  CONSTRAINT path_signature_data_len CHECK (OCTET_LENGTH(data) = 64)
);

ALTER TABLE path_info ADD CONSTRAINT path_info_nar_size_pos CHECK (nar_size > 0);
ALTER TABLE path_reference ADD CONSTRAINT path_reference_ref_len
  CHECK (OCTET_LENGTH(ref_digest) = 20);

-- CalculateNAR's cache: the NAR a root node renders to, keyed by BLAKE3 of the root's canonical
-- Node encoding without its name (the name is not part of the NAR). A pure function of the key,
-- so a row never goes stale.
CREATE TABLE nar_calculation (
  root_digest ${bytes} NOT NULL PRIMARY KEY,
  nar_size    BIGINT NOT NULL,
  nar_sha256  ${bytes} NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  CONSTRAINT nar_calculation_digest_len CHECK (OCTET_LENGTH(root_digest) = 32),
  CONSTRAINT nar_calculation_sha256_len CHECK (OCTET_LENGTH(nar_sha256) = 32),
  CONSTRAINT nar_calculation_size_pos CHECK (nar_size > 0)
);
