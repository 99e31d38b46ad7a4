package dev.tvixstore.web.cache;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.StoreException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A decompressor over the request body whose failures on bad input become {@link
 * InvalidRequestException} (400); failures of the body itself ({@link
 * ClientBodyInputStream.BodyReadException}) and store exceptions (a limit) pass unchanged.
 */
final class DecodingInputStream extends InputStream {
  private final Compression compression;
  private final InputStream body;
  private InputStream decoder;

  DecodingInputStream(Compression compression, InputStream body) {
    this.compression = compression;
    this.body = body;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      if (decoder == null) {
        decoder = compression.decompress(body); // reads the stream header
      }
      return decoder.read(b, off, len);
    } catch (ClientBodyInputStream.BodyReadException | StoreException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Decoders also throw unchecked exceptions on some corrupt input.
      throw new InvalidRequestException(
          "the " + compression.nixName() + " data is invalid: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    if (decoder != null) {
      decoder.close();
    }
  }
}
