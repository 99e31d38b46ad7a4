package dev.tvixstore.web.it;

import static dev.tvixstore.web.it.CastoreGrpcIT.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of a blob Put (issue 4): the server is SIGKILLed while a large blob streams in;
 * after a restart on the same data dir the blob is not visible, what was committed before is
 * intact, the same Put succeeds, and metadata and chunk files agree.
 */
class CastoreCrashIT {

  @TempDir Path tmp;

  @Test
  void putKilledHalfwayLeavesNoPartialBlobAndTheStoreStaysConsistent() throws Exception {
    Path data = tmp.resolve("data");
    long size = 256L << 20;
    ByteString whole = ByteString.copyFrom(SeededContent.digest(99, size).toBytes());
    ByteString before;
    try (RunningStore first = RunningStore.start("crash-before", data, Map.of());
        CastoreClient client = new CastoreClient(first.grpcPort())) {
      before = client.put(new SeededContent(7, 3L << 20), 1 << 20);
      InputStream killsHalfway = new KillAfter(new SeededContent(99, size), size / 2, first);
      assertThrows(StatusRuntimeException.class, () -> client.put(killsHalfway, 1 << 20));
    }

    try (RunningStore second = RunningStore.start("crash-after", data, Map.of());
        CastoreClient client = new CastoreClient(second.grpcPort())) {
      assertStatus(Status.Code.NOT_FOUND, () -> client.stat(whole, false));
      assertStatus(Status.Code.NOT_FOUND, () -> client.read(whole));
      assertEquals(before, ByteString.copyFrom(client.read(before).blake3().toBytes()));
      assertEquals(whole, client.put(new SeededContent(99, size), 1 << 20));
      assertEquals(size, client.read(whole).size());
      second.stop();
    }
    assertMetadataMatchesChunkFiles(data);
  }

  /**
   * Every chunk a blob lists has a row and a file, a blob's chunks add up to its size, and no
   * temp file of a crashed writer is left behind.
   */
  private static void assertMetadataMatchesChunkFiles(Path data) throws SQLException, IOException {
    String url = "jdbc:h2:file:" + data.resolve("metadata");
    try (Connection db = DriverManager.getConnection(url, "sa", "tvix-store");
        Statement s = db.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "SELECT COUNT(*) FROM blob_chunk bc LEFT JOIN chunk c"
                  + " ON c.digest = bc.chunk_digest WHERE c.digest IS NULL")) {
        r.next();
        assertEquals(0, r.getLong(1), "blob_chunk rows without a chunk row");
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT b.digest, b.size, COALESCE(SUM(c.size), 0) FROM blob b"
                  + " LEFT JOIN blob_chunk bc ON bc.blob_digest = b.digest"
                  + " LEFT JOIN chunk c ON c.digest = bc.chunk_digest GROUP BY b.digest, b.size")) {
        while (r.next()) {
          assertEquals(r.getLong(2), r.getLong(3), "chunk sizes of blob " + hex(r.getBytes(1)));
        }
      }
      List<String> missing = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT digest FROM chunk")) {
        while (r.next()) {
          String hex = hex(r.getBytes(1));
          if (!Files.isRegularFile(data.resolve("chunks").resolve(hex.substring(0, 2)).resolve(hex))) {
            missing.add(hex);
          }
        }
      }
      assertEquals(List.of(), missing, "chunk rows without a chunk file");
    }
    try (Stream<Path> files = Files.walk(data.resolve("chunks"))) {
      List<Path> temps =
          files.filter(f -> f.getFileName().toString().startsWith(".tmp-")).toList();
      assertEquals(List.of(), temps, "temp files left after restart");
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Passes bytes through and SIGKILLs the server once {@code after} bytes have been read. */
  private static final class KillAfter extends FilterInputStream {
    private final long after;
    private final RunningStore store;
    private long read;

    KillAfter(InputStream in, long after, RunningStore store) {
      super(in);
      this.after = after;
      this.store = store;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (read >= after && store != null) {
        try {
          store.kill();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      int n = super.read(b, off, len);
      if (n > 0) {
        read += n;
      }
      return n;
    }
  }
}
