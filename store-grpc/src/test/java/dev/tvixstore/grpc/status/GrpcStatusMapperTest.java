package dev.tvixstore.grpc.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.error.StoreException;
import dev.tvixstore.error.UnauthenticatedException;
import dev.tvixstore.store.InvalidPathInfoException;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class GrpcStatusMapperTest {

  private static void assertMaps(Throwable failure, Status.Code code, String description) {
    Status status = GrpcStatusMapper.toStatus(failure);
    assertEquals(code, status.getCode(), failure.toString());
    assertEquals(description, status.getDescription());
  }

  @Test
  void clientErrorsKeepTheirMessage() {
    assertMaps(
        new InvalidRequestException("digest has 31 bytes, want 32"),
        Status.Code.INVALID_ARGUMENT,
        "digest has 31 bytes, want 32");
    assertMaps(new NotFoundException("blob af13"), Status.Code.NOT_FOUND, "blob af13");
    assertMaps(new UnauthenticatedException("no token"), Status.Code.UNAUTHENTICATED, "no token");
    assertMaps(
        new PermissionDeniedException("needs write"), Status.Code.PERMISSION_DENIED, "needs write");
    assertMaps(
        new LimitExceededException("message over 4 MiB"),
        Status.Code.RESOURCE_EXHAUSTED,
        "message over 4 MiB");
  }

  @Test
  void everyPathInfoRuleIsInvalidArgumentWithTheRuleFirst() {
    // Including the two a backend finds, not the message: both are client errors (DESIGN §4).
    for (InvalidPathInfoException.Rule rule : InvalidPathInfoException.Rule.values()) {
      assertMaps(
          new InvalidPathInfoException(rule, "detail"),
          Status.Code.INVALID_ARGUMENT,
          rule + ": detail");
    }
  }

  @Test
  void dataLossNamesTheDamagedObject() {
    assertMaps(
        new DataLossException("chunk 11aa missing"), Status.Code.DATA_LOSS, "chunk 11aa missing");
  }

  @Test
  void storageFailuresHideTheirDetail() {
    assertMaps(
        new StorageException("disk /srv/data/chunks full", new IOException("ENOSPC")),
        Status.Code.INTERNAL,
        GrpcStatusMapper.INTERNAL_MESSAGE);
    assertMaps(
        new StoreException("base class"), Status.Code.INTERNAL, GrpcStatusMapper.INTERNAL_MESSAGE);
  }

  @Test
  void unexpectedExceptionsBecomeInternalNotUnknown() {
    assertMaps(
        new NullPointerException("x"), Status.Code.INTERNAL, GrpcStatusMapper.INTERNAL_MESSAGE);
    assertMaps(new OutOfMemoryError(), Status.Code.INTERNAL, GrpcStatusMapper.INTERNAL_MESSAGE);
  }

  @Test
  void existingStatusesPassThrough() {
    Status cancelled = Status.CANCELLED.withDescription("client went away");
    assertSame(cancelled, GrpcStatusMapper.toStatus(cancelled.asRuntimeException()));
    assertSame(cancelled, GrpcStatusMapper.toStatus(cancelled.asException()));
  }

  @Test
  void toStatusExceptionCarriesTheMappedStatus() {
    StatusException e = GrpcStatusMapper.toStatusException(new NotFoundException("path 0c6k"));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
  }
}
