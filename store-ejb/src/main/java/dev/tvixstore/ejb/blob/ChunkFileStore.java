package dev.tvixstore.ejb.blob;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/**
 * Chunks as zstd-compressed files, one frame each, under {@code <root>/chunks/<2 hex>/<64 hex>}
 * (DESIGN.md §6). A chunk file appears under its final name only complete: it is written to a
 * temp file in the same directory, optionally fsynced, then renamed. Thread-safe; concurrent puts
 * of the same chunk each rename an identical complete file over the other.
 *
 * <p>Reads check BLAKE3 before returning a byte: a missing, undecodable or mismatching file is a
 * {@link DataLossException} naming the chunk. Other I/O failures are {@link StorageException}.
 */
public final class ChunkFileStore implements AutoCloseable {
  /** Smallest possible zstd frame: magic (4) + frame header (2) + block header (3). */
  static final int MIN_FRAME_BYTES = 9;

  /** Name prefix of temp files: what carries it after a crash {@link #sweepTempFiles} removes. */
  public static final String TEMP_PREFIX = ".tmp-";

  private final Path chunksDir;
  private final Options options;
  private final CodecPool codecs;

  /**
   * Settings of a store.
   *
   * @param zstdLevel zstd compression level (tvix: 3)
   * @param fsync whether each chunk file (and its directory entry) is forced to disk before it
   *     counts as stored
   * @param maxChunkSize the largest chunk this store accepts or decodes; bounds the buffers a
   *     damaged file can make a read allocate
   */
  public record Options(int zstdLevel, boolean fsync, int maxChunkSize) {
    /** Checks the level against zstd's range and the size against FastCDC's largest maximum. */
    public Options {
      if (zstdLevel < Zstd.minCompressionLevel() || zstdLevel > Zstd.maxCompressionLevel()) {
        throw new IllegalArgumentException(
            "zstd level must be " + Zstd.minCompressionLevel() + " to "
                + Zstd.maxCompressionLevel() + ", got " + zstdLevel);
      }
      if (maxChunkSize < 1 || maxChunkSize > FastCdc.MAXIMUM_MAX) {
        throw new IllegalArgumentException(
            "maximum chunk size must be 1 to " + FastCdc.MAXIMUM_MAX + ", got " + maxChunkSize);
      }
    }

    /** Level 3, fsync on, chunks up to 16 MiB. */
    public static Options defaults() {
      return new Options(3, true, FastCdc.MAXIMUM_MAX);
    }
  }

  /** What a {@link #put} left on disk. */
  public record PutResult(boolean created, long storedSize) {}

  /** A store under {@code root} (created on demand). */
  public ChunkFileStore(Path root, Options options) {
    this.chunksDir = root.resolve("chunks");
    this.options = Objects.requireNonNull(options, "options");
    int idle = 2 * Runtime.getRuntime().availableProcessors();
    this.codecs = new CodecPool(options.zstdLevel(), idle);
  }

  /** The directory holding the chunk files' two-hex-digit subdirectories. */
  public Path chunksDir() {
    return chunksDir;
  }

  /** The file a chunk lives in. */
  public Path pathOf(B3Digest digest) {
    String hex = digest.toHex();
    return chunksDir.resolve(hex.substring(0, 2)).resolve(hex);
  }

  /**
   * Stores {@code data[offset, offset + length)} as chunk {@code digest}, unless that chunk file
   * exists already. The caller vouches that {@code digest} is BLAKE3 of the bytes; reads check it.
   *
   * @return whether this call wrote the file, and its size on disk
   * @throws StorageException if writing fails; no file is left under the final name then
   */
  public PutResult put(B3Digest digest, byte[] data, int offset, int length) {
    return put(digest, data, offset, length, null);
  }

  /**
   * {@link #put(B3Digest, byte[], int, int)}, but with fsync on the chunk's directory is added to
   * {@code deferred} (also when the file existed: its writer may not have synced it yet) instead
   * of being synced now; {@link #sync} must run before the chunk counts as stored.
   */
  PutResult put(
      B3Digest digest, byte[] data, int offset, int length, DirectorySyncs deferred) {
    Objects.checkFromIndexSize(offset, length, data.length);
    if (length > options.maxChunkSize()) {
      throw new IllegalArgumentException(
          "chunk of " + length + " bytes exceeds the maximum " + options.maxChunkSize());
    }
    Path target = pathOf(digest);
    OptionalLong existing = storedSize(digest);
    // A file shorter than the smallest zstd frame is the classic remnant of a crash between rename
    // and writeback (fsync off): it can never verify, so a new upload replaces it instead of
    // deduplicating against it.
    // The touch tells a concurrent GC that this file is re-used (ejb.gc package-info): if GC
    // moved it away meanwhile the touch fails, and the file is written again below.
    if (existing.isPresent() && existing.getAsLong() >= MIN_FRAME_BYTES && touch(target)) {
      if (deferred != null && options.fsync()) {
        deferred.add(target.getParent());
      }
      return new PutResult(false, existing.getAsLong());
    }
    CodecPool.Compressor c = codecs.compressor();
    try {
      byte[] out = c.scratch((int) Zstd.compressBound(length));
      int compressed = c.ctx.compressByteArray(out, 0, out.length, data, offset, length);
      AtomicFiles.write(target, out, compressed, options.fsync(), deferred);
      return new PutResult(true, compressed);
    } catch (IOException e) {
      throw new StorageException("cannot store chunk " + digest.toHex() + ": " + e, e);
    } finally {
      codecs.release(c);
    }
  }

  /** A staging area for {@link #stage}, fsyncing on publish when this store fsyncs. */
  StagedChunkFiles newStaging() {
    return new StagedChunkFiles(options.fsync());
  }

  /**
   * {@link #put(B3Digest, byte[], int, int, DirectorySyncs)} for a {@link BlobBatch}: a new file
   * goes to a temp file in {@code staged}, unsynced and not yet under its final name, until
   * {@link #publish}; a chunk that exists already or is staged there is not written again.
   */
  PutResult stage(B3Digest digest, byte[] data, int offset, int length, StagedChunkFiles staged) {
    Objects.checkFromIndexSize(offset, length, data.length);
    if (length > options.maxChunkSize()) {
      throw new IllegalArgumentException(
          "chunk of " + length + " bytes exceeds the maximum " + options.maxChunkSize());
    }
    Path target = pathOf(digest);
    OptionalLong pending = staged.stagedSize(target);
    if (pending.isPresent()) {
      return new PutResult(false, pending.getAsLong());
    }
    OptionalLong existing = storedSize(digest);
    // As in put, touch included (ejb.gc): a file GC moved away meanwhile is staged anew.
    if (existing.isPresent() && existing.getAsLong() >= MIN_FRAME_BYTES && touch(target)) {
      staged.syncDirectoryOf(target);
      return new PutResult(false, existing.getAsLong());
    }
    CodecPool.Compressor c = codecs.compressor();
    try {
      byte[] out = c.scratch((int) Zstd.compressBound(length));
      int compressed = c.ctx.compressByteArray(out, 0, out.length, data, offset, length);
      staged.add(target, AtomicFiles.writeTemp(target, out, compressed, false), compressed);
      return new PutResult(true, compressed);
    } catch (IOException e) {
      throw new StorageException("cannot stage chunk " + digest.toHex() + ": " + e, e);
    } finally {
      codecs.release(c);
    }
  }

  /** Makes every file staged in {@code staged} durable under its final name. */
  void publish(StagedChunkFiles staged) {
    try {
      staged.publish();
    } catch (IOException e) {
      throw new StorageException("cannot publish staged chunks under " + chunksDir + ": " + e, e);
    }
  }

  /** {@link #put(B3Digest, byte[], int, int)} from the start of {@code data}. */
  public PutResult put(B3Digest digest, byte[] data, int length) {
    return put(digest, data, 0, length);
  }

  /** Forces the directory entries deferred by the five-argument {@code put} to disk. */
  void sync(DirectorySyncs deferred) {
    try {
      deferred.syncAll();
    } catch (IOException e) {
      throw new StorageException("cannot sync chunk directories under " + chunksDir + ": " + e, e);
    }
  }

  /**
   * The chunk's decompressed bytes, checked against {@code digest}.
   *
   * @throws DataLossException if the file is missing, does not decode, or its content does not
   *     hash to {@code digest}
   */
  public byte[] read(B3Digest digest) {
    return decode(digest, byte[]::new);
  }

  /**
   * Decompresses the chunk into {@code dst} and checks it against {@code digest}; nothing in
   * {@code dst} is to be trusted unless this returns.
   *
   * @param dst at least as long as the chunk; its length is the largest chunk accepted
   * @return the chunk's length
   * @throws DataLossException if the file is missing, does not decode, holds more than {@code
   *     dst.length} bytes, or its content does not hash to {@code digest}
   */
  public int read(B3Digest digest, byte[] dst) {
    int[] length = new int[1];
    decode(
        digest,
        size -> {
          length[0] = size;
          return size <= dst.length ? dst : null;
        });
    return length[0];
  }

  /** Reads, decodes and checks; {@code dstFor} gives room for the declared size, or null. */
  private byte[] decode(B3Digest digest, IntFunction<byte[]> dstFor) {
    Path path = pathOf(digest);
    CodecPool.Decompressor d = codecs.decompressor();
    try {
      int stored = readFile(digest, path, d);
      if (stored == 0) {
        throw corrupt(digest, path, "empty file");
      }
      long content;
      try {
        content = Zstd.getFrameContentSize(d.scratch, 0, stored);
      } catch (ZstdException | IndexOutOfBoundsException e) {
        throw corrupt(digest, path, "no zstd frame header: " + e.getMessage());
      }
      if (content < 0 || content > options.maxChunkSize()) {
        throw corrupt(digest, path, "frame declares an invalid size " + content);
      }
      byte[] dst = dstFor.apply((int) content);
      if (dst == null) {
        throw corrupt(digest, path, "frame declares " + content + " bytes, more than expected");
      }
      int n;
      try {
        n = d.ctx.decompressByteArray(dst, 0, (int) content, d.scratch, 0, stored);
      } catch (ZstdException e) {
        throw corrupt(digest, path, "zstd " + e.getMessage());
      }
      if (n != content) {
        throw corrupt(digest, path, "frame declares " + content + " bytes but holds " + n);
      }
      d.hasher.update(dst, 0, n);
      B3Digest actual = B3Digest.finish(d.hasher);
      if (!actual.equals(digest)) {
        throw corrupt(digest, path, "its content hashes to " + actual.toHex());
      }
      return dst;
    } finally {
      codecs.release(d);
    }
  }

  private static DataLossException corrupt(B3Digest digest, Path path, String why) {
    return new DataLossException(
        "chunk " + digest.toHex() + " is corrupt: " + why + " (" + path + ")");
  }

  private int readFile(B3Digest digest, Path path, CodecPool.Decompressor d) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      long bound = Zstd.compressBound(options.maxChunkSize());
      if (size > bound) {
        throw corrupt(digest, path, "file of " + size + " bytes exceeds " + bound);
      }
      ByteBuffer buf = ByteBuffer.wrap(d.scratch((int) size), 0, (int) size);
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) {
          throw corrupt(digest, path, "file shrank while read");
        }
      }
      return (int) size;
    } catch (NoSuchFileException e) {
      throw new DataLossException("chunk " + digest.toHex() + " is missing (" + path + ")", e);
    } catch (IOException e) {
      throw new StorageException("cannot read chunk " + digest.toHex() + ": " + e, e);
    }
  }

  /** Sets the file's mtime to now; false if it is gone. */
  private static boolean touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new StorageException("cannot touch chunk file " + file + ": " + e, e);
    }
  }

  /** Whether the chunk's file exists (its content is not checked). */
  public boolean exists(B3Digest digest) {
    return Files.exists(pathOf(digest));
  }

  /** The chunk file's size on disk, or empty if there is none. */
  public OptionalLong storedSize(B3Digest digest) {
    try {
      return OptionalLong.of(Files.size(pathOf(digest)));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new StorageException("cannot stat chunk " + digest.toHex() + ": " + e, e);
    }
  }

  /**
   * Removes the chunk's file.
   *
   * @return whether there was one
   */
  public boolean delete(B3Digest digest) {
    try {
      return Files.deleteIfExists(pathOf(digest));
    } catch (IOException e) {
      throw new StorageException("cannot delete chunk " + digest.toHex() + ": " + e, e);
    }
  }

  /**
   * Deletes temp files last modified before {@code cutoff}: leftovers of crashed writers. Pass a
   * cutoff older than any write still running (a write takes milliseconds; minutes are safe).
   *
   * @return how many were deleted
   */
  public int sweepTempFiles(Instant cutoff) {
    int deleted = 0;
    if (!Files.isDirectory(chunksDir)) {
      return 0;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(chunksDir, Files::isDirectory)) {
      for (Path dir : dirs) {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
          for (Path temp : temps) {
            if (isOlder(temp, cutoff) && Files.deleteIfExists(temp)) {
              deleted++;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot sweep temp files under " + chunksDir + ": " + e, e);
    }
    return deleted;
  }

  /** Whether {@code temp} was last written before {@code cutoff}; false once it is gone. */
  private static boolean isOlder(Path temp, Instant cutoff) throws IOException {
    try {
      return Files.getLastModifiedTime(temp).toInstant().isBefore(cutoff);
    } catch (NoSuchFileException e) {
      return false; // its writer renamed it into place (or gave up) since the listing
    }
  }

  /** Frees the pooled native zstd contexts. */
  @Override
  public void close() {
    codecs.close();
  }
}
