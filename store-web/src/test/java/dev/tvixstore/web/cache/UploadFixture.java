package dev.tvixstore.web.cache;

import com.github.luben.zstd.ZstdOutputStream;
import com.google.gson.JsonObject;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.InMemoryPathInfoService;
import dev.tvixstore.store.NarIngester;
import dev.tvixstore.testing.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** An in-memory store with the upload classes over it, and files as Nix uploads them. */
final class UploadFixture {
  final InMemoryBlobService blobs = new InMemoryBlobService();
  final InMemoryDirectoryService directories = new InMemoryDirectoryService();
  final InMemoryPathInfoService paths = new InMemoryPathInfoService(blobs, directories);
  final InMemoryNarUploadLog log = new InMemoryNarUploadLog();

  NarUploader uploader(long maxNarSize) {
    return new NarUploader(new NarIngester(blobs, directories), log, maxNarSize);
  }

  NarInfoUploader narInfoUploader() {
    return new NarInfoUploader(log, paths, paths);
  }

  /** A vector case's NAR. */
  static byte[] nar(JsonObject c) {
    try {
      return Files.readAllBytes(Vectors.nar(c));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code nar} as a file in {@code compression}, as Nix would upload it. */
  static byte[] compress(byte[] nar, Compression compression) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      OutputStream c =
          switch (compression) {
            case NONE -> out;
            case XZ -> new XZOutputStream(out, new LZMA2Options(6));
            case ZSTD -> new ZstdOutputStream(out, 3);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
          };
      c.write(nar);
      c.close();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The name Nix gives {@code file}. */
  static NarFileName nameOf(byte[] file, Compression compression) {
    return new NarFileName(NixHash.sha256Of(file), compression);
  }

  static ByteArrayInputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }
}
