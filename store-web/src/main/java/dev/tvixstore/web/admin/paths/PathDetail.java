package dev.tvixstore.web.admin.paths;

import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.StorePath;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the detail page of one store path shows, read at once.
 *
 * @param info the stored PathInfo
 * @param createdAt when it was stored, if known
 * @param referrers stored paths whose references include it (itself excluded)
 * @param narInfo the narinfo text as the cache serves it (with this server's signatures)
 */
public record PathDetail(
    PathInfo info, Optional<Instant> createdAt, List<StorePath> referrers, String narInfo) {

  public PathDetail {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(createdAt, "createdAt");
    referrers = List.copyOf(referrers);
    Objects.requireNonNull(narInfo, "narInfo");
  }

  public StorePath path() {
    return info.storePath();
  }

  /** The narinfo's URL relative to the cache root: {@code <hash>.narinfo}. */
  public String narInfoUrl() {
    return path().hashPart() + ".narinfo";
  }

  /** The NAR's URL relative to the cache root, as the narinfo names it. */
  public String narUrl() {
    return "nar/" + info.narSha256().toNixbase32() + ".nar";
  }
}
