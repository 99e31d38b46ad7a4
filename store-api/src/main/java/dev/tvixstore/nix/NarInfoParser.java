package dev.tvixstore.nix;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.store.ContentAddress;
import dev.tvixstore.store.StorePath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads narinfo text like Nix 2.8's {@code NarInfo} constructor: {@code Key: value} lines, unknown
 * keys ignored, a missing {@code Compression} meaning {@code bzip2}, {@code Deriver:
 * unknown-deriver} and an empty {@code CA} meaning none, references separated by one or more
 * spaces. Where Nix would misread or silently let the last line win, this parser rejects: a line
 * without {@code ": "}, an empty line, a missing final newline, a repeated key other than {@code
 * Sig}, and any malformed value (Nix keeps signatures unparsed; we check them).
 */
final class NarInfoParser {
  /** Longest text accepted, in characters; real narinfos are well under 64 KiB. */
  static final int MAX_LENGTH = 1 << 20;

  /** Most lines accepted; a narinfo has eleven plus one per extra signature. */
  static final int MAX_LINES = 1000;

  private static final String UNKNOWN_DERIVER = "unknown-deriver";

  private StorePath storePath;
  private String url;
  private String compression;
  private Optional<NixHash> fileHash = Optional.empty();
  private OptionalLong fileSize = OptionalLong.empty();
  private NixHash narHash;
  private OptionalLong narSize = OptionalLong.empty();
  private List<StorePath> references = List.of();
  private Optional<StorePath> deriver = Optional.empty();
  private final List<NarSignature> signatures = new ArrayList<>();
  private Optional<ContentAddress> ca = Optional.empty();
  private final Set<String> seen = new HashSet<>();

  private NarInfoParser() {}

  static NarInfo parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidRequestException("narinfo is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new LimitExceededException(
          "narinfo is longer than " + MAX_LENGTH + " characters: " + text.length());
    }
    if (text.charAt(text.length() - 1) != '\n') {
      throw new InvalidRequestException("narinfo does not end with a newline");
    }
    NarInfoParser p = new NarInfoParser();
    int lineNo = 0;
    for (int pos = 0; pos < text.length(); ) {
      int eol = text.indexOf('\n', pos);
      lineNo++;
      if (lineNo > MAX_LINES) {
        throw new LimitExceededException("narinfo has more than " + MAX_LINES + " lines");
      }
      p.line(lineNo, text.substring(pos, eol));
      pos = eol + 1;
    }
    return p.finish();
  }

  private void line(int lineNo, String line) {
    if (line.isEmpty()) {
      throw new InvalidRequestException("narinfo line " + lineNo + " is empty");
    }
    int colon = line.indexOf(':');
    if (colon < 0) {
      throw new InvalidRequestException(
          "narinfo line " + lineNo + " has no ':': '" + Texts.shorten(line) + "'");
    }
    String key = line.substring(0, colon);
    if (colon + 1 >= line.length() || line.charAt(colon + 1) != ' ') {
      throw new InvalidRequestException(
          "narinfo line " + lineNo + ": '" + Texts.shorten(key) + ":' is not followed by a space");
    }
    String value = line.substring(colon + 2);
    try {
      field(key, value);
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(
          "narinfo line " + lineNo + " (" + key + "): " + e.getMessage(), e);
    }
  }

  private void field(String key, String value) {
    if (!key.equals("Sig") && isKnown(key) && !seen.add(key)) {
      throw new InvalidRequestException("key appears more than once");
    }
    switch (key) {
      case "StorePath" -> storePath = StorePath.parseAbsolute(value);
      case "URL" -> url = value;
      case "Compression" -> compression = value;
      case "FileHash" -> fileHash = Optional.of(sha256(value));
      case "FileSize" -> fileSize = OptionalLong.of(number(value));
      case "NarHash" -> narHash = sha256(value);
      case "NarSize" -> narSize = OptionalLong.of(number(value));
      case "References" -> references = references(value);
      case "Deriver" ->
          deriver =
              value.equals(UNKNOWN_DERIVER)
                  ? Optional.empty()
                  : Optional.of(StorePath.parse(value));
      case "Sig" -> signatures.add(NarSignature.parse(value));
      case "CA" ->
          ca = value.isEmpty() ? Optional.empty() : Optional.of(ContentAddress.parse(value));
      default -> {
        // Nix ignores keys it does not know; so do we, so that newer caches stay readable.
      }
    }
  }

  private static boolean isKnown(String key) {
    return switch (key) {
      case "StorePath",
          "URL",
          "Compression",
          "FileHash",
          "FileSize",
          "NarHash",
          "NarSize",
          "References",
          "Deriver",
          "CA" ->
          true;
      default -> false;
    };
  }

  private NarInfo finish() {
    if (storePath == null) {
      throw new InvalidRequestException("narinfo has no StorePath");
    }
    if (url == null) {
      throw new InvalidRequestException("narinfo has no URL");
    }
    if (narHash == null) {
      throw new InvalidRequestException("narinfo has no NarHash");
    }
    if (narSize.isEmpty()) {
      throw new InvalidRequestException("narinfo has no NarSize");
    }
    return new NarInfo(
        storePath,
        url,
        compression == null ? "bzip2" : compression,
        fileHash,
        fileSize,
        narHash,
        narSize.getAsLong(),
        references,
        deriver,
        signatures,
        ca);
  }

  private static NixHash sha256(String value) {
    NixHash h = NixHash.parseAnyPrefixed(value);
    if (h.algorithm() != HashAlgorithm.SHA256) {
      throw new InvalidRequestException("hash must be sha256, got " + h.algorithm().nixName());
    }
    return h;
  }

  // Unsigned decimal that fits a long; no sign, no spaces (Long.parseLong would accept '+').
  private static long number(String value) {
    if (value.isEmpty()) {
      throw new InvalidRequestException("number is empty");
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidRequestException("not a decimal number: '" + Texts.shorten(value) + "'");
      }
      if (n > (Long.MAX_VALUE - (c - '0')) / 10) {
        throw new InvalidRequestException("number is too large: '" + Texts.shorten(value) + "'");
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static List<StorePath> references(String value) {
    List<StorePath> refs = new ArrayList<>();
    for (String token : value.split(" ")) {
      if (!token.isEmpty()) {
        refs.add(StorePath.parse(token));
      }
    }
    return refs;
  }
}
