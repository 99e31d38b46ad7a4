package dev.tvixstore.web.cache;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;

/**
 * The last segment of a NAR URL, {@code <nixbase32 sha256>.nar[.xz|.zst|.bz2]} (DESIGN §5). For a
 * download the hash is the NAR's; for an upload it is the file's as sent, which for an uncompressed
 * file is the same.
 *
 * @param fileHash the SHA-256 the name carries
 * @param compression what the extension after {@code .nar} says
 */
public record NarFileName(NixHash fileHash, Compression compression) {
  private static final String NAR = ".nar";
  private static final int HASH_LENGTH = HashAlgorithm.SHA256.base32Length();

  /**
   * Parses a file name.
   *
   * @throws InvalidRequestException if it is not 52 nixbase32 characters, {@code .nar} and a known
   *     compression extension
   */
  public static NarFileName parse(String name) {
    int dot = name.indexOf('.');
    if (dot != HASH_LENGTH || !name.startsWith(NAR, dot)) {
      throw new InvalidRequestException(
          "NAR file name must be <52 nixbase32 characters>.nar[.xz|.zst|.bz2]: " + quote(name));
    }
    String ext = name.substring(dot + NAR.length());
    Compression compression =
        Compression.ofExtension(ext)
            .orElseThrow(
                () ->
                    new InvalidRequestException("unknown NAR compression extension " + quote(ext)));
    return new NarFileName(
        NixHash.parseUnprefixed(name.substring(0, dot), HashAlgorithm.SHA256), compression);
  }

  /** The name as Nix writes it. */
  public String render() {
    return fileHash.toNixbase32() + NAR + compression.extension();
  }

  private static String quote(String s) {
    String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
