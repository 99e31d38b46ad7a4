package dev.tvixstore.grpc.status;

import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.UnauthenticatedException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Maps any failure to the gRPC status of DESIGN §4. This is the one place a failed call is
 * logged: client errors briefly, server-side failures with their detail, which the client never
 * sees.
 */
public final class GrpcStatusMapper {

  private static final Logger LOG = Logger.getLogger(GrpcStatusMapper.class.getName());

  /** What the client reads for a failure inside the server. */
  static final String INTERNAL_MESSAGE = "internal storage error";

  private GrpcStatusMapper() {}

  /** The status for {@code failure}; anything not a known client error becomes INTERNAL. */
  public static Status toStatus(Throwable failure) {
    Status status = classify(failure);
    if (status.getCode() == Status.Code.INTERNAL || status.getCode() == Status.Code.DATA_LOSS) {
      LOG.log(Level.SEVERE, "gRPC call failed: " + status.getCode(), failure);
    } else {
      LOG.fine(() -> "gRPC call rejected: " + status.getCode() + ": " + status.getDescription());
    }
    return status;
  }

  /** {@link #toStatus} as the exception a {@code StreamObserver.onError} expects. */
  public static StatusException toStatusException(Throwable failure) {
    return toStatus(failure).asException();
  }

  private static Status classify(Throwable failure) {
    return switch (failure) {
      // Already a status (e.g. a cancelled call): keep it as it is.
      case StatusRuntimeException e -> e.getStatus();
      case StatusException e -> e.getStatus();
      case InvalidRequestException e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage());
      case NotFoundException e -> Status.NOT_FOUND.withDescription(e.getMessage());
      case UnauthenticatedException e -> Status.UNAUTHENTICATED.withDescription(e.getMessage());
      case PermissionDeniedException e ->
          Status.PERMISSION_DENIED.withDescription(e.getMessage());
      case DataLossException e -> Status.DATA_LOSS.withDescription(e.getMessage());
      case LimitExceededException e -> Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage());
      // StorageException and anything unexpected: the detail stays in the server log.
      default -> Status.INTERNAL.withDescription(INTERNAL_MESSAGE);
    };
  }
}
