package dev.tvixstore.web.cache;

import dev.tvixstore.ejb.upload.NarUpload;
import dev.tvixstore.ejb.upload.NarUploadLog;
import dev.tvixstore.nix.NixHash;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link NarUploadLog} in a map, for tests that need no database. */
final class InMemoryNarUploadLog implements NarUploadLog {
  final Map<NixHash, NarUpload> byFile = new ConcurrentHashMap<>();

  @Override
  public void record(NarUpload upload) {
    byFile.putIfAbsent(upload.fileSha256(), upload);
  }

  @Override
  public Optional<NarUpload> findByFileSha256(NixHash fileSha256) {
    return Optional.ofNullable(byFile.get(fileSha256));
  }

  @Override
  public Optional<NarUpload> findByNarSha256(NixHash narSha256) {
    return byFile.values().stream().filter(u -> u.narSha256().equals(narSha256)).findFirst();
  }
}
