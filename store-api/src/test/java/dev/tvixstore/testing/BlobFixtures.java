package dev.tvixstore.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/**
 * Blob contents shared by the contract suites: small ones, and one several default chunks long
 * (DESIGN.md §2: avg 256 KiB, max 512 KiB) so that a backend that buffers or mis-chunks is caught.
 */
public final class BlobFixtures {
  /** One byte. */
  public static final byte[] ONE_BYTE = {0x2a};

  /** A short text. */
  public static final byte[] SMALL = "Hello, tvix-store!\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** 2.5 MiB of seeded random bytes: several chunks for any chunking backend. */
  public static final byte[] MULTI_CHUNK = random(5 * 512 * 1024 + 17, 42);

  private BlobFixtures() {}

  /** Deterministic random bytes. */
  public static byte[] random(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Reads a stream to its end (test helper: fine for test-sized data). */
  public static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
