package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.error.UnauthenticatedException;
import dev.tvixstore.grpc.auth.BearerToken;
import dev.tvixstore.grpc.client.GrpcBlobService;
import dev.tvixstore.grpc.client.GrpcDirectoryService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access control against the running jar with the defaults: writes need a token, and the first
 * start leaves an admin token in the data dir.
 */
class AccessControlIT {

  @TempDir Path tmp;

  @Test
  void aFreshStoreHandsOutAnAdminTokenAndGrpcWritesNeedIt() throws Exception {
    Path data = tmp.resolve("data");
    Map<String, String> secure = Map.of("TVIX_STORE_AUTH_ANONYMOUS_WRITES", "false");
    String secret;
    try (RunningStore store = RunningStore.start("access-control", data, secure)) {
      Path file = data.resolve("admin-token");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      secret = Files.readString(file).strip();
      assertTrue(store.log().contains("created an admin token; its secret is in " + file));

      ManagedChannel channel =
          ManagedChannelBuilder.forAddress("127.0.0.1", store.grpcPort()).usePlaintext().build();
      try {
        assertThrows(
            UnauthenticatedException.class,
            () -> new GrpcDirectoryService(channel).put(Directory.EMPTY));
        assertEquals(
            "unknown token",
            assertThrows(
                    UnauthenticatedException.class,
                    () ->
                        new GrpcDirectoryService(BearerToken.attach(channel, "tvs_guess"))
                            .put(Directory.EMPTY))
                .getMessage());
        assertEquals(
            B3Digest.EMPTY,
            new GrpcDirectoryService(BearerToken.attach(channel, secret)).put(Directory.EMPTY));
        assertEquals(
            Optional.empty(), new GrpcBlobService(channel).stat(B3Digest.hash(new byte[] {7}), false));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    try (RunningStore again = RunningStore.start("access-control-restart", data, secure)) {
      assertEquals(secret, Files.readString(data.resolve("admin-token")).strip());
      assertTrue(!again.log().contains("created an admin token"), again.log());
    }
  }
}
