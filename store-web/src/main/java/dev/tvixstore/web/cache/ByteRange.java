package dev.tvixstore.web.cache;

import java.util.Optional;

/**
 * One byte range of a response body, {@code [from, to)}, from an HTTP {@code Range} header (RFC
 * 9110 §14). Only a single range is served as 206; a header with several ranges, another unit or
 * bad syntax is ignored and the whole body is served, as the RFC allows.
 *
 * @param from first byte
 * @param to one past the last byte
 */
public record ByteRange(long from, long to) {

  /** Thrown when the header asks only for bytes beyond the end: the answer is 416. */
  public static final class NotSatisfiable extends Exception {
    private final long size;

    NotSatisfiable(long size) {
      super("range not satisfiable for a body of " + size + " bytes", null, false, false);
      this.size = size;
    }

    /** The body's size, for {@code Content-Range: bytes *\/size}. */
    public long size() {
      return size;
    }
  }

  public ByteRange {
    if (from < 0 || to <= from) {
      throw new IllegalArgumentException("empty or negative range [" + from + ", " + to + ")");
    }
  }

  /**
   * The range {@code header} asks for in a body of {@code size} bytes.
   *
   * @param header the {@code Range} header's value, or null
   * @return the range to serve as 206, or empty to serve the whole body as 200
   * @throws NotSatisfiable if the single range asked for starts at or after the end
   */
  public static Optional<ByteRange> parse(String header, long size) throws NotSatisfiable {
    if (header == null) {
      return Optional.empty();
    }
    String h = header.strip();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = h.substring(6).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String first = spec.substring(0, dash).strip();
    String last = spec.substring(dash + 1).strip();
    if (first.isEmpty()) { // suffix range: the last N bytes
      long n = number(last);
      if (n < 0) {
        return Optional.empty();
      }
      if (n == 0 || size == 0) {
        throw new NotSatisfiable(size);
      }
      return Optional.of(new ByteRange(Math.max(0, size - n), size));
    }
    long start = number(first);
    long end = last.isEmpty() ? Long.MAX_VALUE - 1 : number(last);
    if (start < 0 || end < 0 || end < start) {
      return Optional.empty();
    }
    if (start >= size) {
      throw new NotSatisfiable(size);
    }
    return Optional.of(new ByteRange(start, Math.min(end, size - 1) + 1));
  }

  /** A decimal of at most 18 digits, or -1 when it is not one. */
  private static long number(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(s);
  }

  /** The number of bytes in the range. */
  public long length() {
    return to - from;
  }

  /** The {@code Content-Range} value for a body of {@code size} bytes. */
  public String contentRange(long size) {
    return "bytes " + from + "-" + (to - 1) + "/" + size;
  }
}
