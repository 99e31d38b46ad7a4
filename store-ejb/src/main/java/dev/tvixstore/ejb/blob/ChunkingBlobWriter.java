package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Blake3;
import dev.tvixstore.castore.blob.BlobWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The chunked store's write path: bytes are hashed (whole blob) and cut by {@link FastCdc} as
 * they arrive; each chunk is hashed and put into the {@link ChunkFileStore}; {@link #commit()}
 * reports the blob to the {@link ChunkIndex}. Memory is bounded by a few maximum-size chunks,
 * whatever the blob's size. Not thread-safe, like every {@link BlobWriter}.
 *
 * <p>A failed {@code write} or {@code commit} closes the writer: the blob is discarded.
 *
 * <p>A blob that turns out to be one chunk is hashed once: that chunk's digest is the blob's
 * (BLAKE3 is half the ingest cost, research/hotpath.md).
 */
public final class ChunkingBlobWriter extends BlobWriter {
  /** Chunks in flight per writer in the pipelined mode; two keep the second core busy. */
  static final int PIPELINE_DEPTH = 2;

  private enum State {
    OPEN,
    COMMITTED,
    CLOSED
  }

  private final ChunkIndex index;
  private final ChunkUploader uploader;
  private final StreamingChunker chunker;
  private final Blake3 blobHasher = B3Digest.newHasher();
  private final Blake3 chunkHasher = B3Digest.newHasher();
  private final List<ChunkRef> chunks = new ArrayList<>();
  private State state = State.OPEN;
  private long written;
  private long chunked;
  private B3Digest blobDigest;
  private int chunksHashed;

  private ChunkingBlobWriter(FastCdc cdc, ChunkIndex index, ChunkUploader uploader) {
    this.index = Objects.requireNonNull(index, "index");
    this.uploader = uploader;
    this.chunker = new StreamingChunker(cdc, this::onChunk);
  }

  /** A writer that compresses and writes each chunk on the caller's thread. */
  public static ChunkingBlobWriter synchronous(
      ChunkFileStore store, FastCdc cdc, ChunkIndex index) {
    return new ChunkingBlobWriter(cdc, index, ChunkUploader.inline(Objects.requireNonNull(store)));
  }

  /**
   * A writer that hashes and cuts on the caller's thread and compresses and writes chunks on
   * {@code executor}, at most {@value #PIPELINE_DEPTH} at a time; the index is still called on
   * the caller's thread.
   */
  public static ChunkingBlobWriter pipelined(
      ChunkFileStore store, FastCdc cdc, ChunkIndex index, Executor executor) {
    return new ChunkingBlobWriter(
        cdc,
        index,
        ChunkUploader.background(
            Objects.requireNonNull(store),
            Objects.requireNonNull(executor),
            PIPELINE_DEPTH,
            cdc.maxSize()));
  }

  /**
   * A writer whose chunks are staged in {@code staging} ({@link ChunkFileStore#stage}) rather
   * than stored: it reports its blob to {@code index} before the chunk files are durable, so the
   * index must not commit rows before the staging is published ({@link BlobBatch}). Pipelined
   * when {@code executor} is not null.
   */
  static ChunkingBlobWriter staged(
      ChunkFileStore store,
      FastCdc cdc,
      ChunkIndex index,
      Executor executor,
      StagedChunkFiles staging) {
    ChunkUploader uploader =
        executor == null
            ? ChunkUploader.inline(Objects.requireNonNull(store))
            : ChunkUploader.background(
                Objects.requireNonNull(store), executor, PIPELINE_DEPTH, cdc.maxSize());
    return new ChunkingBlobWriter(
        cdc, index, uploader.stagingIn(Objects.requireNonNull(staging, "staging")));
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    checkOpen();
    blobHasher.update(b, off, len);
    written += len;
    try {
      chunker.update(b, off, len);
    } catch (IOException | RuntimeException e) {
      // A chunk could not be stored: the blob cannot be completed any more.
      state = State.CLOSED;
      uploader.abandon();
      throw e;
    }
  }

  private void onChunk(byte[] data, int offset, int length) throws IOException {
    B3Digest digest;
    if (blobDigest != null && chunks.isEmpty() && length == written) {
      digest = blobDigest; // the only chunk: StreamingChunker emits it from finish()
    } else {
      chunkHasher.update(data, offset, length);
      digest = B3Digest.finish(chunkHasher);
      chunksHashed++;
    }
    chunks.add(new ChunkRef(digest, chunked, length));
    chunked += length;
    uploader.submit(digest, data, offset, length);
    uploader.drainTo(index);
  }

  @Override
  public B3Digest commit() throws IOException {
    checkOpen();
    state = State.CLOSED; // a failed commit leaves a closed, discarded writer
    blobDigest = B3Digest.finish(blobHasher);
    try {
      chunker.finish();
      uploader.awaitAll();
    } catch (IOException | RuntimeException e) {
      uploader.abandon();
      throw e;
    }
    uploader.drainTo(index);
    index.blobStored(blobDigest, written, List.copyOf(chunks));
    state = State.COMMITTED;
    return blobDigest;
  }

  @Override
  public long bytesWritten() {
    return written;
  }

  /** How many chunks were hashed on their own (a single-chunk blob needs none). */
  int chunksHashed() {
    return chunksHashed;
  }

  /** Discards an uncommitted blob; chunks already written stay as orphans for the GC. */
  @Override
  public void close() {
    if (state == State.OPEN) {
      state = State.CLOSED;
      uploader.abandon();
    }
  }

  private void checkOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("blob writer already committed or closed");
    }
  }
}
