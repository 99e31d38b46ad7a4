package dev.tvixstore.nix;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.store.ContentAddress;
import dev.tvixstore.store.StorePath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A narinfo: what a Nix binary cache says about one store path (DESIGN.md §3, §5). Keeps Nix's set
 * semantics: references and signatures are sorted (references by basename, signatures by text) and
 * duplicates dropped, so {@link #render()} writes what Nix 2.8 writes, byte for byte.
 *
 * @param storePath the path described
 * @param url where the (possibly compressed) NAR lies, relative to the cache
 * @param compression the NAR file's compression ({@code none}, {@code xz}, ...); Nix reads a
 *     missing field as {@code bzip2}
 * @param fileHash SHA-256 of the NAR file as stored, if given
 * @param fileSize size of the NAR file as stored, if given
 * @param narHash SHA-256 of the uncompressed NAR
 * @param narSize size of the uncompressed NAR, at least 1
 * @param references the store paths the path refers to
 * @param deriver the derivation that built the path, if known
 * @param signatures signatures of {@link #fingerprint()}
 * @param ca the content address, if the path is content-addressed
 */
public record NarInfo(
    StorePath storePath,
    String url,
    String compression,
    Optional<NixHash> fileHash,
    OptionalLong fileSize,
    NixHash narHash,
    long narSize,
    List<StorePath> references,
    Optional<StorePath> deriver,
    List<NarSignature> signatures,
    Optional<ContentAddress> ca) {

  /**
   * Validates, sorts and copies.
   *
   * @throws InvalidRequestException if a required part is missing, the URL or compression is empty
   *     or has a control character, a hash is not SHA-256, or a size is out of range
   */
  public NarInfo {
    require(storePath, "StorePath");
    checkText(url, "URL");
    checkText(compression, "Compression");
    require(fileHash, "FileHash");
    require(fileSize, "FileSize");
    require(narHash, "NarHash");
    require(references, "References");
    require(deriver, "Deriver");
    require(signatures, "Sig");
    require(ca, "CA");
    fileHash.ifPresent(h -> checkSha256(h, "FileHash"));
    checkSha256(narHash, "NarHash");
    if (fileSize.isPresent() && fileSize.getAsLong() < 0) {
      throw new InvalidRequestException("narinfo FileSize is negative: " + fileSize.getAsLong());
    }
    if (narSize <= 0) {
      throw new InvalidRequestException("narinfo NarSize must be positive, got " + narSize);
    }
    references.forEach(r -> require(r, "References entry"));
    signatures.forEach(sig -> require(sig, "Sig entry"));
    references = List.copyOf(new TreeSet<>(references));
    signatures = List.copyOf(new TreeSet<>(signatures));
  }

  /**
   * The narinfo this store serves for an uncompressed NAR (DESIGN.md §5): URL {@code nar/<nixbase32
   * nar hash>.nar}, compression {@code none}, file hash and size equal to the NAR's, no signatures.
   */
  public static NarInfo ofUncompressed(
      StorePath storePath,
      NixHash narHash,
      long narSize,
      Collection<StorePath> references,
      Optional<StorePath> deriver,
      Optional<ContentAddress> ca) {
    return new NarInfo(
        storePath,
        "nar/" + narHash.toNixbase32() + ".nar",
        "none",
        Optional.of(narHash),
        OptionalLong.of(narSize),
        narHash,
        narSize,
        new ArrayList<>(references),
        deriver,
        List.of(),
        ca);
  }

  /**
   * Parses narinfo text as Nix 2.8 writes it. Stricter than Nix where Nix would silently misread:
   * every line must be {@code Key: value}, the known keys other than {@code Sig} at most once, and
   * each value well-formed (store paths, hashes, numbers, signatures, content address).
   *
   * @throws InvalidRequestException naming the line and the rule it breaks, or the missing field
   * @throws LimitExceededException if the text is longer than 1 MiB or has more than 1000 lines
   */
  public static NarInfo parse(String text) {
    return NarInfoParser.parse(text);
  }

  /**
   * The text Nix signs for a path: {@code 1;<store path>;<algo>:<nixbase32 nar hash>;<nar
   * size>;<references>}, the references as full paths, sorted, joined by {@code ,}.
   *
   * @throws InvalidRequestException if {@code narSize} is not positive (Nix refuses too)
   */
  public static String fingerprint(
      StorePath storePath, NixHash narHash, long narSize, Collection<StorePath> references) {
    if (narSize <= 0) {
      throw new InvalidRequestException("cannot fingerprint a path whose NAR size is " + narSize);
    }
    return "1;"
        + storePath.toAbsolutePath()
        + ";"
        + narHash.toNixbase32Prefixed()
        + ";"
        + narSize
        + ";"
        + new TreeSet<>(references)
            .stream().map(StorePath::toAbsolutePath).collect(Collectors.joining(","));
  }

  /** This narinfo's fingerprint, as {@link #fingerprint(StorePath, NixHash, long, Collection)}. */
  public String fingerprint() {
    return fingerprint(storePath, narHash, narSize, references);
  }

  /** A copy with {@code key}'s signature of {@link #fingerprint()} added. */
  public NarInfo sign(SigningKey key) {
    return withSignature(key.sign(fingerprint()));
  }

  /** A copy with {@code signature} added (kept once if already present). */
  public NarInfo withSignature(NarSignature signature) {
    List<NarSignature> all = new ArrayList<>(signatures);
    all.add(signature);
    return new NarInfo(
        storePath,
        url,
        compression,
        fileHash,
        fileSize,
        narHash,
        narSize,
        references,
        deriver,
        all,
        ca);
  }

  /** Whether some signature is {@code key}'s valid signature of {@link #fingerprint()}. */
  public boolean isSignedBy(VerifyingKey key) {
    String fingerprint = fingerprint();
    return signatures.stream().anyMatch(s -> key.verify(fingerprint, s));
  }

  /**
   * The narinfo text, fields in Nix's order ({@code StorePath}, {@code URL}, {@code Compression},
   * {@code FileHash}, {@code FileSize}, {@code NarHash}, {@code NarSize}, {@code References},
   * {@code Deriver}, {@code Sig}, {@code CA}), each line ending in a newline; absent optional
   * fields are left out. {@code References: } keeps its space when there are none.
   */
  public String render() {
    StringBuilder b = new StringBuilder(512);
    line(b, "StorePath", storePath.toAbsolutePath());
    line(b, "URL", url);
    line(b, "Compression", compression);
    fileHash.ifPresent(h -> line(b, "FileHash", h.toNixbase32Prefixed()));
    fileSize.ifPresent(s -> line(b, "FileSize", Long.toString(s)));
    line(b, "NarHash", narHash.toNixbase32Prefixed());
    line(b, "NarSize", Long.toString(narSize));
    line(
        b,
        "References",
        references.stream().map(StorePath::toBasename).collect(Collectors.joining(" ")));
    deriver.ifPresent(d -> line(b, "Deriver", d.toBasename()));
    signatures.forEach(s -> line(b, "Sig", s.render()));
    ca.ifPresent(c -> line(b, "CA", c.render()));
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append(": ").append(value).append('\n');
  }

  private static void require(Object part, String field) {
    if (part == null) {
      throw new InvalidRequestException("narinfo " + field + " is missing");
    }
  }

  private static void checkText(String value, String field) {
    require(value, field);
    if (value.isEmpty()) {
      throw new InvalidRequestException("narinfo " + field + " is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new InvalidRequestException(
            "narinfo "
                + field
                + " has control character "
                + Texts.printable(c)
                + " at position "
                + i);
      }
    }
  }

  private static void checkSha256(NixHash hash, String field) {
    if (hash.algorithm() != HashAlgorithm.SHA256) {
      throw new InvalidRequestException(
          "narinfo " + field + " must be sha256, got " + hash.algorithm().nixName());
    }
  }
}
