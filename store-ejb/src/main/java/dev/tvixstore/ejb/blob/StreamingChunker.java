package dev.tvixstore.ejb.blob;

import java.io.IOException;
import java.util.Objects;

/**
 * Applies {@link FastCdc} to a stream fed in slices of any size: the cut points depend only on the
 * bytes, never on how they were sliced (DESIGN.md §2: message boundaries mean nothing). Memory is
 * one window of {@link FastCdc#maxSize()} bytes. Not thread-safe.
 *
 * <p>A chunk is cut only when the window is full and more bytes arrive, or at {@link #finish()}.
 * So a stream that is one chunk long has that chunk emitted by {@code finish()}, and a chunk
 * emitted by {@link #update} is never the last one: the writer relies on this to hash a
 * single-chunk blob once.
 */
public final class StreamingChunker {

  /** Receives each chunk, in stream order. */
  @FunctionalInterface
  public interface ChunkSink {
    /**
     * Takes one chunk. The bytes are only valid during the call (they may be the chunker's
     * window or the caller's array): copy what must outlive it.
     */
    void accept(byte[] data, int offset, int length) throws IOException;
  }

  private final FastCdc cdc;
  private final ChunkSink sink;
  private final byte[] window;
  private int fill;

  /** A chunker that sends chunks cut by {@code cdc} to {@code sink}. */
  public StreamingChunker(FastCdc cdc, ChunkSink sink) {
    this.cdc = Objects.requireNonNull(cdc, "cdc");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.window = new byte[cdc.maxSize()];
  }

  /** Feeds the next bytes of the stream; emits every chunk that they complete but the last. */
  public void update(byte[] data, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, data.length);
    int max = window.length;
    while (length > 0) {
      if (fill == max) {
        emitFromWindow();
      }
      if (fill == 0 && length > max) {
        // Window empty and a full window in the caller's array: cut there, without copying.
        int cut = cdc.cut(data, offset, max).length();
        sink.accept(data, offset, cut);
        offset += cut;
        length -= cut;
        continue;
      }
      int n = Math.min(length, max - fill);
      System.arraycopy(data, offset, window, fill, n);
      fill += n;
      offset += n;
      length -= n;
    }
  }

  /** Ends the stream: emits the remaining chunks. The chunker can then start a new stream. */
  public void finish() throws IOException {
    while (fill > 0) {
      emitFromWindow();
    }
  }

  /** Bytes fed but not yet emitted. */
  public int pending() {
    return fill;
  }

  private void emitFromWindow() throws IOException {
    int cut = cdc.cut(window, 0, fill).length();
    sink.accept(window, 0, cut);
    System.arraycopy(window, cut, window, 0, fill - cut);
    fill -= cut;
  }
}
