package dev.tvixstore.grpc.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.auth.AccessPolicy;
import dev.tvixstore.auth.CachingTokenService;
import dev.tvixstore.auth.InMemoryTokenService;
import dev.tvixstore.auth.IssuedToken;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.auth.TokenService;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.StoreException;
import dev.tvixstore.error.UnauthenticatedException;
import dev.tvixstore.grpc.BlobServiceGrpcAdapter;
import dev.tvixstore.grpc.DirectoryServiceGrpcAdapter;
import dev.tvixstore.grpc.PathInfoServiceGrpcAdapter;
import dev.tvixstore.grpc.client.GrpcBlobService;
import dev.tvixstore.grpc.client.GrpcDirectoryService;
import dev.tvixstore.grpc.client.GrpcPathInfoService;
import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.store.InMemoryPathInfoService;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.testing.VectorPaths;
import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The three services behind the interceptor, called through the gRPC client backends: every
 * {@code Put} refuses no token, an unknown, a read-only and a revoked token, and takes a write
 * token; reads are open unless the store is private; health stays open.
 */
class TokenAuthInterceptorTest {

  private final TokenService tokens =
      new CachingTokenService(
          new InMemoryTokenService(Clock.systemUTC(), new SecureRandom()),
          Duration.ofSeconds(1),
          System::nanoTime);
  private final InMemoryBlobService blobs = new InMemoryBlobService();
  private final InMemoryDirectoryService directories = new InMemoryDirectoryService();
  private final InMemoryPathInfoService paths = new InMemoryPathInfoService(blobs, directories);
  private InProcessStore store;

  private Channel serve(AccessPolicy.Rules rules) {
    TokenAuthInterceptor access =
        new TokenAuthInterceptor(new AccessPolicy(tokens, rules, Clock.systemUTC()));
    store =
        InProcessStore.serve(
            access.protect(new BlobServiceGrpcAdapter(blobs)),
            access.protect(new DirectoryServiceGrpcAdapter(directories)),
            access.protect(new PathInfoServiceGrpcAdapter(paths)));
    return store.channel();
  }

  @AfterEach
  void stop() {
    if (store != null) {
      store.close();
    }
  }

  private String secret(Scope scope) {
    return tokens.create(scope.label(), Set.of(scope), Optional.empty()).secret().reveal();
  }

  /** The three writes, each as a client would make it over {@code channel}. */
  private Set<Consumer<Channel>> writes() {
    return Set.of(
        c -> {
          try (BlobWriter w = new GrpcBlobService(c).openWrite()) {
            w.write("hello".getBytes(StandardCharsets.UTF_8));
            w.commit();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        c -> new GrpcDirectoryService(c).put(Directory.EMPTY),
        c -> {
          // The content is on the server already: only the PathInfo Put itself can be refused.
          PathInfo info =
              VectorPaths.ingestPathInfo(VectorPaths.byId("regular-file"), blobs, directories);
          new GrpcPathInfoService(c).put(info);
        });
  }

  private static <E extends StoreException> String refused(
      Class<E> type, Channel channel, Consumer<Channel> write) {
    return assertThrows(type, () -> write.accept(channel)).getMessage();
  }

  private long count() {
    try (var all = paths.list()) {
      return all.count();
    }
  }

  @Test
  void everyPutRefusesNoTokenABadOneAReadOnlyOneAndARevokedOne() {
    Channel channel = serve(AccessPolicy.Rules.DEFAULT);
    IssuedToken revoked = tokens.create("gone", Set.of(Scope.WRITE), Optional.empty());
    tokens.revoke(revoked.token().id());
    for (Consumer<Channel> write : writes()) {
      assertTrue(
          refused(UnauthenticatedException.class, channel, write).contains("scope write"));
      assertEquals(
          "unknown token",
          refused(UnauthenticatedException.class, BearerToken.attach(channel, "tvs_x"), write));
      assertEquals(
          "token 'read' may [read], not write",
          refused(
              PermissionDeniedException.class,
              BearerToken.attach(channel, secret(Scope.READ)),
              write));
      assertTrue(
          refused(
                  UnauthenticatedException.class,
                  BearerToken.attach(channel, revoked.secret().reveal()),
                  write)
              .startsWith("token 'gone' was revoked"));
    }
    assertEquals(0, count());
  }

  @Test
  void everyPutTakesAWriteOrAdminToken() {
    Channel channel = serve(AccessPolicy.Rules.DEFAULT);
    for (Scope scope : Set.of(Scope.WRITE, Scope.ADMIN)) {
      Channel authorized = BearerToken.attach(channel, secret(scope));
      writes().forEach(w -> w.accept(authorized));
    }
    assertEquals(1, count());
  }

  @Test
  void aRevocationStopsTheNextCallOfTheSameClient() {
    Channel channel = serve(AccessPolicy.Rules.DEFAULT);
    IssuedToken issued = tokens.create("ci", Set.of(Scope.WRITE), Optional.empty());
    GrpcDirectoryService client =
        new GrpcDirectoryService(BearerToken.attach(channel, issued.secret().reveal()));
    client.put(Directory.EMPTY);
    tokens.revoke(issued.token().id());
    assertThrows(UnauthenticatedException.class, () -> client.put(Directory.EMPTY));
  }

  @Test
  void readsAreOpenUnlessTheStoreIsPrivate() {
    B3Digest unknown = B3Digest.hash(new byte[] {1});
    Channel open = serve(AccessPolicy.Rules.DEFAULT);
    assertEquals(Optional.empty(), new GrpcBlobService(open).stat(unknown, false));
    store.close();

    Channel closed = serve(new AccessPolicy.Rules(true, false));
    assertThrows(
        UnauthenticatedException.class, () -> new GrpcBlobService(closed).stat(unknown, false));
    assertThrows(
        UnauthenticatedException.class,
        () -> new GrpcDirectoryService(closed).get(unknown));
    assertEquals(
        Optional.empty(),
        new GrpcBlobService(BearerToken.attach(closed, secret(Scope.READ))).stat(unknown, false));
    HealthCheckResponse health =
        HealthGrpc.newBlockingStub(closed).check(HealthCheckRequest.getDefaultInstance());
    assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
  }

  @Test
  void anonymousWritesNeedNoToken() {
    Channel channel = serve(new AccessPolicy.Rules(false, true));
    writes().forEach(w -> w.accept(channel));
    assertEquals(1, count());
  }
}
