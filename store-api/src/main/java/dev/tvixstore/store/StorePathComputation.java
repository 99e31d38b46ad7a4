package dev.tvixstore.store;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.ContentAddressKind.Method;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Computes the store path of content-addressed data exactly as Nix 2.8 does ({@code
 * Store::makeStorePath}, {@code makeFixedOutputPath}, {@code makeTextPath}): a preimage string such
 * as {@code source:sha256:<hex>:/nix/store:<name>} is hashed with SHA-256, the 32 bytes are
 * xor-folded to 20 ({@link #compressHash}), and the result is the store path's digest.
 *
 * <p>Rules by content address:
 *
 * <ul>
 *   <li>NAR with SHA-256 ({@code fixed:r:sha256}): type {@code source}, followed by {@code
 *       :<reference>} for each reference in Nix order and {@code :self} for a self reference.
 *   <li>text: type {@code text} followed by the references; no self reference.
 *   <li>every other fixed output (flat, or NAR with another algorithm): type {@code output:out}
 *       over the SHA-256 of {@code fixed:out:[r:]<algo>:<hex>:}; no references.
 * </ul>
 */
public final class StorePathComputation {
  private StorePathComputation() {}

  /**
   * The store path of data with content address {@code ca}.
   *
   * @param references the other store paths the data refers to (any order, duplicates ignored)
   * @param selfReference whether the data refers to its own path
   * @throws InvalidRequestException if the name is invalid or the content address cannot have the
   *     given references
   */
  public static StorePath compute(
      ContentAddress ca, String name, Collection<StorePath> references, boolean selfReference) {
    return fromPreimage(preimage(ca, name, references, selfReference), name);
  }

  /**
   * The string whose hash gives the store path, e.g. {@code
   * text:/nix/store/<ref>:sha256:<hex>:/nix/store:<name>}.
   *
   * @throws InvalidRequestException as {@link #compute}
   */
  public static String preimage(
      ContentAddress ca, String name, Collection<StorePath> references, boolean selfReference) {
    StorePath.checkName(name);
    SortedSet<StorePath> refs = new TreeSet<>(references);
    Method method = ca.method();
    NixHash hash = ca.hash();
    if (method == Method.TEXT) {
      if (selfReference) {
        throw new InvalidRequestException("a text store path cannot refer to itself");
      }
      return makeType("text", refs, false) + ":" + tail(hash, name);
    }
    if (method == Method.NAR && hash.algorithm() == HashAlgorithm.SHA256) {
      return makeType("source", refs, selfReference) + ":" + tail(hash, name);
    }
    if (!refs.isEmpty() || selfReference) {
      throw new InvalidRequestException(
          "a fixed-output store path other than fixed:r:sha256 cannot have references ("
              + ca.kind()
              + ")");
    }
    String inner = "fixed:out:" + (method == Method.NAR ? "r:" : "") + hash.toHexPrefixed() + ":";
    NixHash innerHash = NixHash.sha256Of(inner.getBytes(StandardCharsets.UTF_8));
    return "output:out:" + tail(innerHash, name);
  }

  /**
   * The store path whose digest is the xor-folded SHA-256 of {@code preimage}.
   *
   * @throws InvalidRequestException if the name is invalid
   */
  public static StorePath fromPreimage(String preimage, String name) {
    byte[] sha256 =
        HashAlgorithm.SHA256.newMessageDigest().digest(preimage.getBytes(StandardCharsets.UTF_8));
    return new StorePath(compressHash(sha256, StorePath.DIGEST_LENGTH), name);
  }

  /**
   * Nix's {@code compressHash}: byte {@code i} of the input is xor-ed into byte {@code i % newSize}
   * of the output.
   */
  public static byte[] compressHash(byte[] hash, int newSize) {
    byte[] out = new byte[newSize];
    for (int i = 0; i < hash.length; i++) {
      out[i % newSize] ^= hash[i];
    }
    return out;
  }

  private static String makeType(String type, SortedSet<StorePath> refs, boolean self) {
    StringBuilder b = new StringBuilder(type);
    for (StorePath ref : refs) {
      b.append(':').append(ref.toAbsolutePath());
    }
    if (self) {
      b.append(":self");
    }
    return b.toString();
  }

  private static String tail(NixHash hash, String name) {
    return hash.toHexPrefixed() + ":" + StoreDir.PATH + ":" + name;
  }
}
