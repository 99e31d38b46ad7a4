package dev.tvixstore.ejb.blob;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Blake3;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Reusable zstd contexts with their scratch buffers and a BLAKE3 state. Native contexts are costly
 * to create and a fresh scratch buffer per chunk is garbage (research/hotpath.md), so each chunk
 * operation borrows one and gives it back. Idle ones beyond {@code maxIdle} are freed.
 */
final class CodecPool implements AutoCloseable {

  /** A compression context and a buffer for the compressed frame. */
  static final class Compressor {
    final ZstdCompressCtx ctx;
    byte[] scratch = new byte[0];

    Compressor(int level) {
      ctx = new ZstdCompressCtx();
      ctx.setLevel(level);
      // The frame records the content size: read() checks it before decompressing.
      ctx.setContentSize(true);
    }

    byte[] scratch(int size) {
      if (scratch.length < size) {
        scratch = new byte[size];
      }
      return scratch;
    }
  }

  /** A decompression context, a buffer for the compressed file and a BLAKE3 state. */
  static final class Decompressor {
    final ZstdDecompressCtx ctx = new ZstdDecompressCtx();
    final Blake3 hasher = B3Digest.newHasher();
    byte[] scratch = new byte[0];

    byte[] scratch(int size) {
      if (scratch.length < size) {
        scratch = new byte[size];
      }
      return scratch;
    }
  }

  private final int level;
  private final int maxIdle;
  private final ConcurrentLinkedDeque<Compressor> compressors = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<Decompressor> decompressors = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  CodecPool(int level, int maxIdle) {
    this.level = level;
    this.maxIdle = maxIdle;
  }

  Compressor compressor() {
    Compressor c = compressors.pollFirst();
    return c != null ? c : new Compressor(level);
  }

  void release(Compressor c) {
    if (closed || compressors.size() >= maxIdle) {
      c.ctx.close();
    } else {
      compressors.addFirst(c);
    }
  }

  Decompressor decompressor() {
    Decompressor d = decompressors.pollFirst();
    return d != null ? d : new Decompressor();
  }

  void release(Decompressor d) {
    d.hasher.reset();
    if (closed || decompressors.size() >= maxIdle) {
      d.ctx.close();
    } else {
      decompressors.addFirst(d);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Compressor c; (c = compressors.pollFirst()) != null; ) {
      c.ctx.close();
    }
    for (Decompressor d; (d = decompressors.pollFirst()) != null; ) {
      d.ctx.close();
    }
  }
}
