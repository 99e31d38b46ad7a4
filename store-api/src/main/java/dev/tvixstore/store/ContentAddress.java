package dev.tvixstore.store;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.nix.Texts;
import dev.tvixstore.store.ContentAddressKind.Method;

/**
 * A content address as Nix writes it in a narinfo's {@code CA} field: {@code text:sha256:<hash>},
 * {@code fixed:<algo>:<hash>} (flat) or {@code fixed:r:<algo>:<hash>} (NAR). Parses the hash in
 * hex, nixbase32 or base64 as Nix 2.8 does; renders nixbase32 as Nix does.
 *
 * @param method what was hashed
 * @param hash the hash; for {@link Method#TEXT} it is SHA-256
 */
public record ContentAddress(Method method, NixHash hash) {
  private static final String TEXT = "text:";
  private static final String FIXED = "fixed:";
  private static final String RECURSIVE = "r:";

  /**
   * Validates the combination.
   *
   * @throws InvalidRequestException if a part is missing or a text address is not SHA-256
   */
  public ContentAddress {
    if (method == null || hash == null) {
      throw new InvalidRequestException("content address needs a method and a hash");
    }
    ContentAddressKind.of(method, hash.algorithm());
  }

  /**
   * Builds the address from its wire form, a kind and a digest.
   *
   * @throws InvalidRequestException if the digest length does not fit the kind's algorithm
   */
  public static ContentAddress of(ContentAddressKind kind, byte[] digest) {
    return new ContentAddress(kind.method(), new NixHash(kind.algorithm(), digest));
  }

  /**
   * Parses Nix's text form.
   *
   * @throws InvalidRequestException naming what is wrong: the prefix, the algorithm, or the hash
   */
  public static ContentAddress parse(String text) {
    if (text == null) {
      throw new InvalidRequestException("content address is missing");
    }
    Method method;
    String rest;
    if (text.startsWith(TEXT)) {
      method = Method.TEXT;
      rest = text.substring(TEXT.length());
    } else if (text.startsWith(FIXED + RECURSIVE)) {
      method = Method.NAR;
      rest = text.substring(FIXED.length() + RECURSIVE.length());
    } else if (text.startsWith(FIXED)) {
      method = Method.FLAT;
      rest = text.substring(FIXED.length());
    } else {
      throw new InvalidRequestException(
          "content address must start with 'text:' or 'fixed:': '" + Texts.shorten(text) + "'");
    }
    int colon = rest.indexOf(':');
    if (colon < 0) {
      throw new InvalidRequestException(
          "content address has no '<algo>:' before the hash: '" + Texts.shorten(text) + "'");
    }
    HashAlgorithm algorithm = HashAlgorithm.ofNixName(rest.substring(0, colon));
    if (method == Method.TEXT && algorithm != HashAlgorithm.SHA256) {
      throw new InvalidRequestException(
          "text content address must use sha256, not " + algorithm.nixName());
    }
    return new ContentAddress(
        method, NixHash.parseUnprefixed(rest.substring(colon + 1), algorithm));
  }

  /** The kind, for the wire enum. */
  public ContentAddressKind kind() {
    return ContentAddressKind.of(method, hash.algorithm());
  }

  /** A copy of the digest bytes. */
  public byte[] digest() {
    return hash.digest();
  }

  /** Nix's form, e.g. {@code fixed:r:sha256:<nixbase32>}. */
  public String render() {
    String prefix =
        switch (method) {
          case TEXT -> TEXT;
          case FLAT -> FIXED;
          case NAR -> FIXED + RECURSIVE;
        };
    return prefix + hash.toNixbase32Prefixed();
  }

  /** As {@link #render()}. */
  @Override
  public String toString() {
    return render();
  }
}
