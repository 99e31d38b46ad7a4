package dev.tvixstore.web.cache;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.NarInfo;
import dev.tvixstore.nix.Nixbase32;
import dev.tvixstore.nix.SigningKey;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.StorePath;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The narinfo documents this cache serves, and the names they are served under. */
final class NarInfoText {
  static final String MEDIA_TYPE = "text/x-nix-narinfo";

  private NarInfoText() {}

  /**
   * The narinfo of {@code info} (DESIGN §5: uncompressed NAR, its stored signatures) with a
   * signature by each of {@code signers}, as UTF-8.
   */
  static byte[] render(PathInfo info, List<SigningKey> signers) {
    NarInfo narInfo = info.toNarInfo();
    for (SigningKey key : signers) {
      narInfo = narInfo.sign(key);
    }
    return narInfo.render().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The 20-byte store path digest of a narinfo name's hash part.
   *
   * @throws InvalidRequestException if it is not 32 nixbase32 characters (400)
   */
  static byte[] digest(String hashPart) {
    if (hashPart.length() != StorePath.HASH_PART_LENGTH) {
      throw new InvalidRequestException(
          "a narinfo name is <32 nixbase32 characters>.narinfo, got "
              + hashPart.length()
              + " characters before .narinfo");
    }
    return Nixbase32.decode(hashPart, StorePath.DIGEST_LENGTH);
  }
}
