package dev.tvixstore.grpc.client;

import static dev.tvixstore.testing.DirectoryFixtures.A;
import static dev.tvixstore.testing.DirectoryFixtures.B;
import static dev.tvixstore.testing.DirectoryFixtures.D;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.grpc.BlobServiceGrpcAdapter;
import dev.tvixstore.grpc.DirectoryServiceGrpcAdapter;
import dev.tvixstore.grpc.GrpcServerSettings;
import dev.tvixstore.grpc.StoreGrpcServer;
import dev.tvixstore.testing.BlobFixtures;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clients over real HTTP/2 on loopback, where readiness follows bytes in flight rather than
 * messages requested: a writer must be woken by on-ready callbacks many times over.
 */
class GrpcClientsOverNettyTest {

  private ExecutorService pool;
  private StoreGrpcServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    pool = StoreGrpcServer.boundedExecutor(Executors.defaultThreadFactory(), 4, 64);
    server =
        StoreGrpcServer.netty(
                new GrpcServerSettings("127.0.0.1", 0, 4 << 20),
                pool,
                List.of(
                    new BlobServiceGrpcAdapter(new InMemoryBlobService()),
                    new DirectoryServiceGrpcAdapter(new InMemoryDirectoryService())))
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.stop(Duration.ofSeconds(5));
    pool.shutdownNow();
  }

  @Test
  void aLargeBlobGoesThereAndBack() throws IOException {
    GrpcBlobService blobs = new GrpcBlobService(channel);
    byte[] data = BlobFixtures.random(24 << 20, 30);
    B3Digest digest;
    try (BlobWriter writer = blobs.openWrite()) {
      for (int off = 0; off < data.length; off += 100_000) {
        writer.write(data, off, Math.min(100_000, data.length - off));
      }
      digest = writer.commit();
    }
    assertEquals(B3Digest.hash(data), digest);
    try (BlobReader reader = blobs.openRead(digest).orElseThrow()) {
      assertEquals(data.length, reader.size());
      assertArrayEquals(data, reader.readAllBytes());
    }
  }

  @Test
  void aClosureGoesThereAndBack() {
    GrpcDirectoryService directories = new GrpcDirectoryService(channel);
    try (DirectoryPutter putter = directories.openPut()) {
      putter.put(A);
      putter.put(B);
      putter.put(D);
      assertEquals(D.digest(), putter.commit());
    }
    try (Stream<Directory> closure = directories.getRecursive(D.digest())) {
      assertEquals(List.of(D, A, B), closure.toList());
    }
  }
}
