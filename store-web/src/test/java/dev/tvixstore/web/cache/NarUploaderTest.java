package dev.tvixstore.web.cache;

import static dev.tvixstore.web.cache.UploadFixture.compress;
import static dev.tvixstore.web.cache.UploadFixture.in;
import static dev.tvixstore.web.cache.UploadFixture.nameOf;
import static dev.tvixstore.web.cache.UploadFixture.nar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.ejb.upload.NarUpload;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.NarIngester;
import dev.tvixstore.testing.VectorPaths;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NarUploaderTest {
  private static final JsonObject TREE = VectorPaths.byId("tree");
  private final UploadFixture store = new UploadFixture();

  @ParameterizedTest
  @EnumSource(Compression.class)
  void ingestsTheNarOfEveryCompressionAndRecordsIt(Compression compression) throws IOException {
    byte[] nar = nar(TREE);
    byte[] file = compress(nar, compression);
    NarFileName name = nameOf(file, compression);
    NarUpload upload = store.uploader(1 << 30).upload(name, in(file), file.length);

    assertEquals(name.fileHash(), upload.fileSha256());
    assertEquals(compression.nixName(), upload.compression());
    assertEquals(file.length, upload.fileSize());
    assertEquals(NixHash.sha256Of(nar), upload.narSha256());
    assertEquals(nar.length, upload.narSize());
    DirectoryNode root = (DirectoryNode) upload.root();
    assertTrue(store.directories.get(root.digest()).isPresent(), "the tree is stored");
    assertEquals(upload, store.log.findByFileSha256(name.fileHash()).orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void aBodyThatDoesNotHashToItsNameStoresNothing(Compression compression) {
    byte[] file = compress(nar(TREE), compression);
    NarFileName wrong = nameOf(new byte[] {1}, compression);
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> store.uploader(1 << 30).upload(wrong, in(file), file.length));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    assertTrue(store.log.byFile.isEmpty());
    assertFalse(store.directories.get(rootOfTree()).isPresent(), "no directory is visible");
  }

  @Test
  void theBlobsAreCommittedAfterTheHashCheckAndBeforeTheDirectories() throws IOException {
    byte[] nar = nar(TREE);
    List<Boolean> directoryVisibleAtCommit = new ArrayList<>();
    NarUploader uploader =
        new NarUploader(
            new NarIngester(store.blobs, store.directories),
            store.log,
            1 << 30,
            () -> directoryVisibleAtCommit.add(store.directories.get(rootOfTree()).isPresent()));
    NarFileName wrong = nameOf(new byte[] {1}, Compression.NONE);
    assertThrows(
        InvalidRequestException.class, () -> uploader.upload(wrong, in(nar), nar.length));
    assertEquals(List.of(), directoryVisibleAtCommit, "a refused body commits no blob");
    uploader.upload(nameOf(nar, Compression.NONE), in(nar), nar.length);
    assertEquals(List.of(false), directoryVisibleAtCommit);
    assertTrue(store.directories.get(rootOfTree()).isPresent());
  }

  /**
   * The request body belongs to the container, which hands its object to later requests: an upload
   * never closes it, whether it succeeds or fails, and no decoder over it has a finalizer that
   * would close it later (zstd-jni's {@code ZstdInputStream} did, and uploads found their body
   * "Stream closed" at random).
   */
  @ParameterizedTest
  @EnumSource(Compression.class)
  void theRequestBodyIsNeverClosedNorLeftToAFinalizer(Compression compression) throws IOException {
    byte[] file = compress(nar(TREE), compression);
    ClosingWatch good = new ClosingWatch(file);
    store.uploader(1 << 30).upload(nameOf(file, compression), good, file.length);
    assertFalse(good.closed, "a stored upload leaves the body open");

    ClosingWatch refused = new ClosingWatch(file);
    NarFileName wrong = nameOf(new byte[] {1}, compression);
    assertThrows(
        InvalidRequestException.class,
        () -> store.uploader(1 << 30).upload(wrong, refused, file.length));
    assertFalse(refused.closed, "a refused upload leaves the body open");

    try (InputStream decoder = compression.decompress(in(file))) {
      for (Class<?> c = decoder.getClass(); c != InputStream.class; c = c.getSuperclass()) {
        for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
          assertFalse(
              m.getName().equals("finalize") && m.getParameterCount() == 0,
              c.getName() + " has a finalizer");
        }
      }
    }
  }

  /** A body that remembers whether it was closed. */
  private static final class ClosingWatch extends FilterInputStream {
    boolean closed;

    ClosingWatch(byte[] bytes) {
      super(in(bytes));
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }

  private dev.tvixstore.castore.B3Digest rootOfTree() {
    return dev.tvixstore.castore.B3Digest.fromHex(
        TREE.getAsJsonObject("castore")
            .getAsJsonObject("root_node")
            .get("digest_hex")
            .getAsString());
  }

  @Test
  void bytesAfterTheCompressedNarAreRefused() {
    byte[] file = compress(nar(TREE), Compression.ZSTD);
    byte[] padded = Arrays.copyOf(file, file.length + 5);
    assertThrows(
        InvalidRequestException.class,
        () ->
            store
                .uploader(1 << 30)
                .upload(nameOf(padded, Compression.ZSTD), in(padded), padded.length));
    assertTrue(store.log.byFile.isEmpty());
  }

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"XZ", "ZSTD", "BZIP2"})
  void corruptCompressedDataIsABadRequest(Compression compression) {
    byte[] file = compress(nar(TREE), compression);
    file[file.length / 2] ^= 0x55;
    byte[] corrupt = file;
    assertThrows(
        InvalidRequestException.class,
        () ->
            store
                .uploader(1 << 30)
                .upload(nameOf(corrupt, compression), in(corrupt), corrupt.length));
    assertTrue(store.log.byFile.isEmpty());
  }

  @Test
  void aNarLargerThanTheLimitIsRefusedWhileItStreams() {
    byte[] nar = nar(VectorPaths.byId("large-file"));
    byte[] file = compress(nar, Compression.XZ); // a few KiB that inflate to 1.2 MB
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () ->
                store
                    .uploader(1 << 20)
                    .upload(nameOf(file, Compression.XZ), in(file), file.length));
    assertTrue(e.getMessage().contains("NAR"), e.getMessage());
    assertThrows(
        LimitExceededException.class,
        () -> store.uploader(1 << 20).upload(nameOf(nar, Compression.NONE), in(nar), -1));
    assertTrue(store.log.byFile.isEmpty());
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
    InputStream unread =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("the body must not be read");
          }
        };
    assertThrows(
        LimitExceededException.class,
        () -> store.uploader(1000).upload(nameOf(new byte[] {1}, Compression.NONE), unread, 1001));
  }

  @Test
  void aFailingBodyIsAnIoErrorNotABadRequest() {
    byte[] file = compress(nar(TREE), Compression.XZ);
    InputStream breaks =
        new FilterInputStream(in(file)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("connection reset");
          }
        };
    assertThrows(
        IOException.class,
        () -> store.uploader(1 << 30).upload(nameOf(file, Compression.XZ), breaks, file.length));
  }

  @Test
  void anInvalidNarIsABadRequest() {
    byte[] junk = "not a NAR at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThrows(
        InvalidRequestException.class,
        () ->
            store.uploader(1 << 30).upload(nameOf(junk, Compression.NONE), in(junk), junk.length));
  }
}
