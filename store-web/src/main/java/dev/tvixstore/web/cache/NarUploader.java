package dev.tvixstore.web.cache;

import dev.tvixstore.castore.HashingInputStream;
import dev.tvixstore.ejb.upload.NarUpload;
import dev.tvixstore.ejb.upload.NarUploadLog;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.NarIngester;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Takes in a NAR file as {@code nix copy --to http://…} PUTs it (DESIGN §5): decompresses it,
 * ingests the NAR into castore while it streams, checks the file hash of the body as sent, and
 * records the result durably for the narinfo PUT that follows. The body is never kept as a file and
 * never held whole in memory.
 *
 * <p>All or nothing: a body that is too large, malformed, or does not hash to its name commits no
 * directory and records nothing ({@link NarIngester}'s veto runs after the last byte).
 */
public final class NarUploader {
  private final NarIngester ingester;
  private final NarUploadLog log;
  private final long maxNarSize;
  private final Runnable commitBlobs;

  /** An uploader into {@code ingester}, recording in {@code log}, refusing NARs over a limit. */
  public NarUploader(NarIngester ingester, NarUploadLog log, long maxNarSize) {
    this(ingester, log, maxNarSize, () -> {});
  }

  /**
   * An uploader whose ingester writes blobs into a batch ({@code dev.tvixstore.ejb.blob.BlobBatch})
   * that {@code commitBlobs} commits: it runs once the NAR is read whole and its hash checked,
   * before the directories are committed, so that they never name a blob that is not committed.
   */
  public NarUploader(
      NarIngester ingester, NarUploadLog log, long maxNarSize, Runnable commitBlobs) {
    this.ingester = Objects.requireNonNull(ingester, "ingester");
    this.log = Objects.requireNonNull(log, "log");
    this.maxNarSize = maxNarSize;
    this.commitBlobs = Objects.requireNonNull(commitBlobs, "commitBlobs");
  }

  /**
   * Fails fast on a declared length over the limit, before any byte is read (so a client that sent
   * {@code Expect: 100-continue} sends none).
   *
   * @param contentLength the declared body length, or -1 if none was declared
   * @throws LimitExceededException if it is larger than the NAR limit
   */
  public void checkDeclaredLength(long contentLength) {
    // A compressed NAR is hardly ever larger than the NAR, so the NAR limit bounds the file too.
    if (contentLength > maxNarSize) {
      throw new LimitExceededException(
          "the upload of " + contentLength + " bytes is larger than the limit of " + maxNarSize);
    }
  }

  /**
   * Reads {@code body} (not closed) to its end and ingests the NAR in it.
   *
   * @throws InvalidRequestException if the body does not decompress, is not a valid NAR, has bytes
   *     after it, or does not hash to {@code name}'s hash (400)
   * @throws LimitExceededException if the file or the NAR is larger than the limit (413)
   * @throws IOException if reading the body fails
   */
  public NarUpload upload(NarFileName name, InputStream body, long contentLength)
      throws IOException {
    checkDeclaredLength(contentLength);
    Compression compression = name.compression();
    InputStream limited =
        new LimitedInputStream(new ClientBodyInputStream(body), maxNarSize, "the upload");
    // Uncompressed, the file hash is the NAR hash, which the ingester computes anyway.
    HashingInputStream file =
        compression == Compression.NONE ? null : HashingInputStream.sha256(limited);
    NarIngester.Result result;
    // Closed here, not left to the garbage collector: that frees the decoder at once and leaves
    // the request body open (ClientBodyInputStream).
    try (InputStream nar =
        compression == Compression.NONE
            ? limited
            : new LimitedInputStream(
                new DecodingInputStream(compression, file), maxNarSize, "the NAR")) {
      result =
          ingester.ingest(
              nar,
              calculation -> {
                verify(name, calculation, file);
                commitBlobs.run();
              });
    }
    long fileSize = file == null ? result.nar().narSize() : file.byteCount();
    NarUpload upload =
        new NarUpload(
            name.fileHash(),
            compression.nixName(),
            fileSize,
            result.nar().narSha256(),
            result.nar().narSize(),
            result.root());
    log.record(upload);
    return upload;
  }

  /** The ingester's veto: the whole body was read and hashes to the name it was PUT under. */
  private static void verify(NarFileName name, NarCalculation nar, HashingInputStream file) {
    NixHash actual;
    if (file == null) {
      actual = nar.narSha256();
    } else {
      try {
        // The decompressor stopped at the end of its data: anything after it was not checked.
        if (file.read() >= 0) {
          throw new InvalidRequestException(
              "the " + name.compression().nixName() + " file has bytes after its end");
        }
      } catch (IOException e) {
        throw new InvalidRequestException("reading the request body failed: " + e.getMessage());
      }
      actual = NixHash.sha256(file.sha256Digest());
    }
    if (!actual.equals(name.fileHash())) {
      throw new InvalidRequestException(
          "the body's SHA-256 is "
              + actual.toNixbase32()
              + ", not the "
              + name.fileHash().toNixbase32()
              + " of its name");
    }
  }
}
