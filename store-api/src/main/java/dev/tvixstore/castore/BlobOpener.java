package dev.tvixstore.castore;

import java.io.InputStream;
import java.util.Optional;

/**
 * Opens the content of a stored blob: the one thing the NAR writer needs from a blob service. A
 * blob service implements it (its reader is an {@link InputStream}); tests use a map.
 */
@FunctionalInterface
public interface BlobOpener {
  /**
   * A stream of the blob's whole content from its first byte, or empty if no blob with this digest
   * is stored. The caller closes the stream. Data found corrupt while reading is reported as
   * {@link dev.tvixstore.error.DataLossException}.
   */
  Optional<? extends InputStream> open(B3Digest digest);
}
