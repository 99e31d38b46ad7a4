package dev.tvixstore.grpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.InvalidDirectoryException;
import dev.tvixstore.castore.directory.InvalidClosureException;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.error.StoreException;
import dev.tvixstore.error.UnauthenticatedException;
import dev.tvixstore.grpc.status.GrpcStatusMapper;
import dev.tvixstore.store.InvalidPathInfoException;
import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteStatusMapperTest {

  /** What a client gets back for an exception the server mapped. */
  private static StoreException roundTrip(StoreException e) {
    return RemoteStatusMapper.toException(GrpcStatusMapper.toStatusException(e));
  }

  @Test
  void clientErrorsComeBackAsTheSameExceptionWithTheSameMessage() {
    List<StoreException> sent =
        List.of(
            new InvalidRequestException("ReadBlobRequest.digest must be 32 bytes, got 31"),
            new NotFoundException("blob af13 not found"),
            new UnauthenticatedException("no token"),
            new PermissionDeniedException("needs write"),
            new DataLossException("chunk 11aa missing"),
            new LimitExceededException("server busy"));
    for (StoreException e : sent) {
      StoreException back = roundTrip(e);
      assertSame(e.getClass(), back.getClass(), e.toString());
      assertEquals(e.getMessage(), back.getMessage());
      assertEquals(
          GrpcStatusMapper.toStatus(e).getCode(), Status.fromThrowable(back.getCause()).getCode());
    }
  }

  @Test
  void closureRulesComeBackWithTheirRule() {
    var sent =
        new InvalidClosureException(
            InvalidClosureException.Rule.DANGLING_CHILD, "directory 11 has child 'a' -> 22");
    var back = assertInstanceOf(InvalidClosureException.class, roundTrip(sent));
    assertEquals(InvalidClosureException.Rule.DANGLING_CHILD, back.rule());
    assertEquals(sent.getMessage(), back.getMessage());
  }

  @Test
  void directoryRulesComeBackWithTheirRuleAndOffendingValue() {
    var sent =
        new InvalidDirectoryException(
            InvalidDirectoryException.Rule.NAME_CONTAINS_SLASH, "\"a/b (x)\"", "name has '/'");
    var back = assertInstanceOf(InvalidDirectoryException.class, roundTrip(sent));
    assertEquals(InvalidDirectoryException.Rule.NAME_CONTAINS_SLASH, back.rule());
    assertEquals(sent.getMessage(), back.getMessage());
  }

  @Test
  void pathInfoRulesComeBackWithTheirRule() {
    for (InvalidPathInfoException.Rule rule : InvalidPathInfoException.Rule.values()) {
      var sent = new InvalidPathInfoException(rule, "references[0] is 19 bytes (must be 20)");
      var back = assertInstanceOf(InvalidPathInfoException.class, roundTrip(sent));
      assertEquals(rule, back.rule());
      assertEquals(sent.getMessage(), back.getMessage());
    }
  }

  @Test
  void anInvalidArgumentThatNamesNoRuleIsAnInvalidRequest() {
    StoreException back =
        RemoteStatusMapper.toException(
            Status.INVALID_ARGUMENT.withDescription("NOT_A_RULE: whatever").asRuntimeException());
    assertSame(InvalidRequestException.class, back.getClass());
    assertSame(
        InvalidRequestException.class,
        RemoteStatusMapper.toException(Status.INVALID_ARGUMENT.asRuntimeException()).getClass());
  }

  @Test
  void everythingElseIsAStorageFailureNamingTheCode() {
    for (Status status :
        List.of(
            Status.INTERNAL.withDescription("internal storage error"),
            Status.UNAVAILABLE,
            Status.CANCELLED,
            Status.UNKNOWN,
            Status.DEADLINE_EXCEEDED,
            Status.UNIMPLEMENTED)) {
      StoreException back = RemoteStatusMapper.toException(status.asException());
      assertSame(StorageException.class, back.getClass());
      assertTrue(back.getMessage().contains(status.getCode().toString()), back.getMessage());
    }
  }

  @Test
  void notFoundIsRecognised() {
    assertTrue(RemoteStatusMapper.isNotFound(Status.NOT_FOUND.asRuntimeException()));
    assertTrue(!RemoteStatusMapper.isNotFound(Status.INTERNAL.asRuntimeException()));
  }
}
