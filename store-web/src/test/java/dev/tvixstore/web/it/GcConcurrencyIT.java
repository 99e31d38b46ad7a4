package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.tvixstore.testing.Vectors;
import dev.tvixstore.castore.CastoreProto;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryBuilder;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.protos.store.PathInfoServiceGrpc;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.NarCalculator;
import dev.tvixstore.store.NarRenderer;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoProto;
import dev.tvixstore.store.StorePath;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GC with grace PT0S running back to back while 8 clients upload paths (gRPC: blobs from a shared
 * pool, so dedup re-uses what GC is collecting; directories; PathInfo), download them (HTTP NAR,
 * SHA-256 checked), and delete some, for 30 s. An upload may fail when GC took data it had stored
 * but not yet referenced (grace 0 protects nothing older than the run); a stored path never loses
 * data: every download verifies, during the run and at the end.
 */
class GcConcurrencyIT {
  /** The store's admin token: GC and deletes go through the admin API. */
  private static volatile String adminToken;
  private static final int CLIENTS = 8;
  private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(30);

  @TempDir static Path tmp;

  /** A path a client stored: what its NAR must hash to. */
  record Stored(StorePath path, NarCalculation nar) {}

  @Test
  void noStoredPathLosesDataWhileGcRunsConcurrently() throws Exception {
    Path key = tmp.resolve("k.sk");
    Files.writeString(key, Vectors.text("keys/test-cache-1.sk"));
    Random seed = new Random(42);
    List<byte[]> pool = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      byte[] b = new byte[1 + seed.nextInt(i % 4 == 0 ? 700_000 : 20_000)];
      seed.nextBytes(b);
      pool.add(b);
    }
    try (RunningStore store = RunningStore.start("gc-conc", tmp.resolve("data"),
        Map.of("TVIX_STORE_SIGNING_KEY_FILES", key.toString(), "TVIX_STORE_GC_GRACE", "PT0S"))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + store.httpPort();
      adminToken = store.adminToken();
      ConcurrentLinkedQueue<Stored> live = new ConcurrentLinkedQueue<>();
      AtomicInteger stored = new AtomicInteger();
      AtomicInteger raced = new AtomicInteger();
      AtomicInteger downloads = new AtomicInteger();
      long end = System.nanoTime() + RUN_NANOS;
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
      List<Future<?>> work = new ArrayList<>();
      work.add(clients.submit(() -> gcLoop(http, base, end)));
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        work.add(clients.submit(() -> {
          Random r = new Random(client);
          try (CastoreClient castore = new CastoreClient(store.grpcPort())) {
            for (int n = 0; System.nanoTime() < end; n++) {
              Optional<Stored> s = upload(castore, r, pool, "gc-conc-" + client + "-" + n);
              if (s.isEmpty()) {
                raced.incrementAndGet();
                continue;
              }
              stored.incrementAndGet();
              verify(http, base, s.get());
              downloads.incrementAndGet();
              if (n % 3 == 0) {
                delete(http, base, s.get());
              } else {
                live.add(s.get());
              }
              Stored earlier = live.peek();
              if (earlier != null) {
                verify(http, base, earlier);
                downloads.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get(5, TimeUnit.MINUTES);
      }
      clients.shutdown();
      for (Stored s : live) {
        verify(http, base, s);
      }
      System.out.printf("GcConcurrencyIT: %d paths stored, %d uploads raced with GC, %d"
          + " downloads verified, %d paths live at the end%n", stored.get(), raced.get(),
          downloads.get(), live.size());
      assertTrue(stored.get() > CLIENTS, "clients got paths stored: " + stored.get());
    }
  }

  private static Optional<Stored> upload(
      CastoreClient castore, Random r, List<byte[]> pool, String name) throws Exception {
    InMemoryBlobService blobs = new InMemoryBlobService();
    InMemoryDirectoryService dirs = new InMemoryDirectoryService();
    DirectoryBuilder b = Directory.builder();
    byte[] unique = new byte[1 + r.nextInt(5000)];
    r.nextBytes(unique);
    List<byte[]> files = new ArrayList<>(List.of(unique));
    for (int i = 0; i < 3; i++) {
      files.add(pool.get(r.nextInt(pool.size())));
    }
    try {
      for (int i = 0; i < files.size(); i++) {
        byte[] content = files.get(i);
        B3Digest local;
        try (BlobWriter w = blobs.openWrite()) {
          w.write(content);
          local = w.commit();
        }
        ByteString remote = castore.put(new ByteArrayInputStream(content), 64 << 10);
        assertEquals(local, B3Digest.of(remote.toByteArray()));
        b.add(new FileNode(PathComponent.of("f" + i), local, content.length, false));
      }
      Directory d = b.build();
      try (DirectoryPutter p = dirs.openPut()) {
        p.put(d);
        p.commit();
      }
      DirectoryPuts.put(castore.channel(), List.of(CastoreProto.toProto(d)));
      DirectoryNode root = new DirectoryNode(PathComponent.of("r"), d.digest(), d.size());
      NarCalculation nar = new NarCalculator(new NarRenderer(dirs, blobs)).calculate(root);
      byte[] digest = new byte[20];
      r.nextBytes(digest);
      StorePath path = StorePath.of(digest, name);
      PathInfo info = new PathInfo(path, root.withName(PathComponent.EMPTY), List.of(),
          nar.narSize(), nar.narSha256(), List.of(), Optional.empty(), Optional.empty());
      PathInfoServiceGrpc.newBlockingStub(castore.channel())
          .withDeadlineAfter(1, TimeUnit.MINUTES)
          .put(PathInfoProto.toProto(info));
      return Optional.of(new Stored(path, nar));
    } catch (StatusRuntimeException e) {
      // GC took a blob or directory of this upload before the PathInfo referenced it.
      return Optional.empty();
    }
  }

  private static void verify(HttpClient http, String base, Stored s) throws Exception {
    HttpResponse<byte[]> r = http.send(
        HttpRequest.newBuilder(URI.create(
            base + "/nar/" + s.nar().narSha256().toNixbase32() + ".nar")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), s.path() + ": " + new String(r.body()));
    assertEquals(s.nar().narSize(), r.body().length, s.path().toString());
    assertArrayEquals(s.nar().narSha256().digest(),
        MessageDigest.getInstance("SHA-256").digest(r.body()), s.path().toString());
  }

  private static void delete(HttpClient http, String base, Stored s) throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(base + "/admin/api/paths/" + s.path().toBasename()))
            .header("Authorization", "Bearer " + adminToken)
            .DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  /** GC runs back to back until {@code end}; every one must succeed. */
  private static Void gcLoop(HttpClient http, String base, long end) throws Exception {
    int runs = 0;
    while (System.nanoTime() < end) {
      HttpResponse<String> started = http.send(
          HttpRequest.newBuilder(URI.create(base + "/admin/api/gc"))
            .header("Authorization", "Bearer " + adminToken)
              .POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(202, started.statusCode(), started.body());
      String id = started.body().replaceAll(".*\"id\":(\\d+).*", "$1");
      while (true) {
        String run = http.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/api/gc/runs/" + id))
            .header("Authorization", "Bearer " + adminToken).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (!run.contains("\"state\":\"RUNNING\"")) {
          assertTrue(run.contains("\"state\":\"SUCCEEDED\""), run);
          break;
        }
        Thread.sleep(100);
      }
      runs++;
    }
    assertTrue(runs > 1, "GC ran " + runs + " times");
    System.out.println("GcConcurrencyIT: " + runs + " GC runs");
    return null;
  }
}
