package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.error.StorageException;
import java.io.InterruptedIOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compresses and writes the chunks of one blob writer, either inline or on a background executor
 * with at most {@code depth} chunks in flight (research/hotpath.md: hashing on the caller's core,
 * compress + write on the other). Results are handed to the {@link ChunkIndex} only on the
 * caller's thread, by {@link #drainTo}. One producer thread.
 */
final class ChunkUploader {
  private record Stored(B3Digest digest, int size, long storedSize) {}

  private final ChunkFileStore store;
  private final Executor executor;
  private final int depth;
  private final int bufferSize;
  private final Semaphore slots;
  private final ConcurrentLinkedQueue<byte[]> freeBuffers = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Stored> done = new ConcurrentLinkedQueue<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final DirectorySyncs pendingDirs = new DirectorySyncs();
  private StagedChunkFiles staged;

  /** Writes each chunk on the calling thread. */
  static ChunkUploader inline(ChunkFileStore store) {
    return new ChunkUploader(store, null, 1, 0);
  }

  /**
   * Stages chunks in {@code staging} instead of storing them ({@link ChunkFileStore#stage}): they
   * are durable only once the staging is published, and {@link #awaitAll} syncs nothing.
   */
  ChunkUploader stagingIn(StagedChunkFiles staging) {
    this.staged = staging;
    return this;
  }

  /**
   * Writes chunks on {@code executor}, holding at most {@code depth} copies of chunks in buffers
   * of {@code maxChunkSize} bytes (one size, so that they are reused, not reallocated).
   */
  static ChunkUploader background(
      ChunkFileStore store, Executor executor, int depth, int maxChunkSize) {
    if (depth < 1) {
      throw new IllegalArgumentException("upload depth must be at least 1, got " + depth);
    }
    return new ChunkUploader(store, executor, depth, maxChunkSize);
  }

  private ChunkUploader(ChunkFileStore store, Executor executor, int depth, int bufferSize) {
    this.store = store;
    this.executor = executor;
    this.depth = depth;
    this.bufferSize = bufferSize;
    this.slots = new Semaphore(depth);
  }

  /** Stores one chunk; the bytes are copied if the write happens later. */
  void submit(B3Digest digest, byte[] data, int offset, int length) throws InterruptedIOException {
    rethrowFailure();
    if (executor == null) {
      long stored = put(digest, data, offset, length);
      done.add(new Stored(digest, length, stored));
      return;
    }
    acquire(1);
    byte[] copy = freeBuffers.poll();
    if (copy == null || copy.length < length) {
      copy = new byte[Math.max(length, bufferSize)];
    }
    System.arraycopy(data, offset, copy, 0, length);
    byte[] buffer = copy;
    try {
      executor.execute(() -> putInBackground(digest, buffer, length));
    } catch (RuntimeException e) {
      // Rejected or otherwise: the task will never run, so its slot must come back here.
      freeBuffers.add(buffer);
      slots.release();
      throw new StorageException("chunk writer pool refused chunk " + digest.toHex(), e);
    }
  }

  private void putInBackground(B3Digest digest, byte[] buffer, int length) {
    try {
      long stored = put(digest, buffer, 0, length);
      done.add(new Stored(digest, length, stored));
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    } catch (Error e) {
      // An Error (OOM, native zstd failure) must still fail the blob, never let it commit a chunk
      // that was not written; the commit rethrows it wrapped.
      failure.compareAndSet(
          null, new StorageException("writing chunk " + digest.toHex() + " failed", e));
      throw e;
    } finally {
      freeBuffers.add(buffer);
      slots.release();
    }
  }

  private long put(B3Digest digest, byte[] data, int offset, int length) {
    return staged != null
        ? store.stage(digest, data, offset, length, staged).storedSize()
        : store.put(digest, data, offset, length, pendingDirs).storedSize();
  }

  /** Reports every chunk stored so far to {@code index}, on the calling thread. */
  void drainTo(ChunkIndex index) {
    for (Stored s; (s = done.poll()) != null; ) {
      index.chunkStored(s.digest(), s.size(), s.storedSize());
    }
  }

  /**
   * Waits until every submitted chunk is stored and the directory entries of all are durable;
   * throws the first failure.
   */
  void awaitAll() throws InterruptedIOException {
    acquire(depth);
    slots.release(depth);
    rethrowFailure();
    if (staged == null) {
      store.sync(pendingDirs);
    }
  }

  /** Waits for the writes in flight and forgets their outcome: the blob is abandoned. */
  void abandon() {
    slots.acquireUninterruptibly(depth);
    slots.release(depth);
    done.clear();
    freeBuffers.clear();
  }

  private void acquire(int permits) throws InterruptedIOException {
    try {
      slots.acquire(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while chunks were being written");
    }
  }

  private void rethrowFailure() {
    RuntimeException e = failure.get();
    if (e instanceof StorageException s) {
      throw s;
    }
    if (e != null) {
      throw new StorageException("storing a chunk failed: " + e, e);
    }
  }
}
