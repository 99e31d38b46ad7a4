package dev.tvixstore.web.cache;

import dev.tvixstore.castore.Node;
import dev.tvixstore.ejb.upload.NarUploadLog;
import dev.tvixstore.store.PathInfoIndex;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds what {@code /nar/<hash>.nar[…]} names, from metadata only (DESIGN §5: one indexed lookup,
 * two when the first misses).
 *
 * <p>An uncompressed NAR is known by its hash when a stored path has it, or when an upload held it
 * (its narinfo may still be on its way). A compressed file is known when it was uploaded: castore
 * keeps the NAR, not the file, so it is served re-encoded without compression ({@link
 * StoredXzOutputStream}, {@link RawZstdOutputStream}), which Nix accepts as it checks the NAR hash,
 * not the file hash. Nix needs that: it caches the narinfo it uploaded and later fetches the URL
 * that narinfo names.
 */
public final class NarDownloads {
  private final PathInfoIndex index;
  private final NarUploadLog uploads;
  private final KnownNars known;

  /** What a NAR URL names: the castore root and the NAR's length. */
  public record Known(Node root, long narSize) {}

  /** Lookups in {@code index} and {@code uploads}. */
  public NarDownloads(PathInfoIndex index, NarUploadLog uploads) {
    this(index, uploads, new KnownNars());
  }

  /** Lookups in {@code known} first, then in {@code index} and {@code uploads}. */
  public NarDownloads(PathInfoIndex index, NarUploadLog uploads, KnownNars known) {
    this.index = Objects.requireNonNull(index, "index");
    this.uploads = Objects.requireNonNull(uploads, "uploads");
    this.known = Objects.requireNonNull(known, "known");
  }

  /** The NAR {@code name} names, if it is known. */
  public Optional<Known> find(NarFileName name) {
    if (name.compression() == Compression.NONE) {
      Known cached = known.get(name.fileHash());
      if (cached != null) {
        return Optional.of(cached);
      }
      Optional<Known> found =
          index
              .findByNarSha256(name.fileHash())
              .map(p -> new Known(p.node(), p.narSize()))
              .or(
                  () ->
                      uploads
                          .findByNarSha256(name.fileHash())
                          .map(u -> new Known(u.root(), u.narSize())));
      found.ifPresent(k -> known.put(name.fileHash(), k));
      return found;
    }
    return uploads
        .findByFileSha256(name.fileHash())
        .filter(u -> u.compression().equals(name.compression().nixName()))
        .map(u -> new Known(u.root(), u.narSize()));
  }

  /**
   * The length of the file served for a NAR of {@code narSize} bytes in {@code compression}, or
   * empty when it is only known once written (bzip2 really compresses).
   */
  public static OptionalLong fileLength(Compression compression, long narSize) {
    return switch (compression) {
      case NONE -> OptionalLong.of(narSize);
      case XZ -> OptionalLong.of(StoredXzOutputStream.encodedLength(narSize));
      case ZSTD -> OptionalLong.of(RawZstdOutputStream.encodedLength(narSize));
      case BZIP2 -> OptionalLong.empty();
    };
  }
}
