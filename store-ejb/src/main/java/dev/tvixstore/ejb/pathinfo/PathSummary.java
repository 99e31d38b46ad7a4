package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.store.StorePath;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the console's paths grid.
 *
 * @param hashPart the 32-character nixbase32 hash part
 * @param name the name after the hash
 * @param narSize the NAR's size in bytes
 * @param createdAt when the path was stored
 */
public record PathSummary(String hashPart, String name, long narSize, Instant createdAt)
    implements Serializable {

  public PathSummary {
    Objects.requireNonNull(hashPart, "hashPart");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** {@code <hash>-<name>}. */
  public String basename() {
    return hashPart + "-" + name;
  }

  /** {@code /nix/store/<hash>-<name>}. */
  public String absolutePath() {
    return StorePath.parse(basename()).toAbsolutePath();
  }
}
