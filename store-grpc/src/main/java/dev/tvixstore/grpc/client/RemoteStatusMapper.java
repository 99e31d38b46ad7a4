package dev.tvixstore.grpc.client;

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
import dev.tvixstore.store.InvalidPathInfoException;
import io.grpc.Status;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse of {@code GrpcStatusMapper}: a failed call's status as the store exception a local
 * backend would have thrown, so callers of a gRPC-backed service handle failures the same way. The
 * one place a client turns a status into an exception.
 *
 * <ul>
 *   <li>{@code NOT_FOUND} → {@link NotFoundException} (the services turn it into an empty {@code
 *       Optional} where their interface says so);
 *   <li>{@code INVALID_ARGUMENT} → {@link InvalidClosureException}, {@link
 *       InvalidDirectoryException} or {@link InvalidPathInfoException} when the description starts
 *       with one of their rule names (our server puts the rule first; the names are distinct across
 *       the three), else {@link InvalidRequestException};
 *   <li>{@code DATA_LOSS} → {@link DataLossException}; {@code RESOURCE_EXHAUSTED} → {@link
 *       LimitExceededException}; {@code UNAUTHENTICATED} and {@code PERMISSION_DENIED} → their
 *       exceptions;
 *   <li>anything else ({@code UNAVAILABLE}, {@code INTERNAL}, {@code CANCELLED}, ...) → {@link
 *       StorageException}: the remote store failed as storage.
 * </ul>
 *
 * <p>The status exception is kept as the cause.
 */
public final class RemoteStatusMapper {

  // Rule names may hold digits (NAR_SHA256_WRONG_LENGTH).
  private static final String RULE_NAME = "([A-Z][A-Z0-9_]*)";
  // "RULE: detail (offending)", the message format of InvalidDirectoryException.
  private static final Pattern DIRECTORY_RULE =
      Pattern.compile(RULE_NAME + ": (.*) \\((.*)\\)", Pattern.DOTALL);
  // "RULE: detail", the message format of InvalidClosureException and InvalidPathInfoException.
  private static final Pattern DETAIL_RULE = Pattern.compile(RULE_NAME + ": (.*)", Pattern.DOTALL);

  private RemoteStatusMapper() {}

  /** The store exception for a failed call ({@code failure} is usually a status exception). */
  public static StoreException toException(Throwable failure) {
    Status status = Status.fromThrowable(failure);
    String description =
        status.getDescription() != null ? status.getDescription() : status.getCode().toString();
    StoreException mapped =
        switch (status.getCode()) {
          case NOT_FOUND -> new NotFoundException(description);
          case INVALID_ARGUMENT -> invalid(description);
          case DATA_LOSS -> new DataLossException(description);
          case RESOURCE_EXHAUSTED -> new LimitExceededException(description);
          case UNAUTHENTICATED -> new UnauthenticatedException(description);
          case PERMISSION_DENIED -> new PermissionDeniedException(description);
          default -> new StorageException("remote store: " + status.getCode() + ": " + description);
        };
    mapped.initCause(failure);
    return mapped;
  }

  /** Whether the call failed with {@code NOT_FOUND}. */
  public static boolean isNotFound(Throwable failure) {
    return Status.fromThrowable(failure).getCode() == Status.Code.NOT_FOUND;
  }

  private static InvalidRequestException invalid(String description) {
    Matcher detail = DETAIL_RULE.matcher(description);
    if (detail.matches()) {
      InvalidClosureException.Rule closureRule =
          rule(InvalidClosureException.Rule.class, detail.group(1));
      if (closureRule != null) {
        return new InvalidClosureException(closureRule, detail.group(2));
      }
      InvalidPathInfoException.Rule pathInfoRule =
          rule(InvalidPathInfoException.Rule.class, detail.group(1));
      if (pathInfoRule != null) {
        return new InvalidPathInfoException(pathInfoRule, detail.group(2));
      }
    }
    Matcher directory = DIRECTORY_RULE.matcher(description);
    if (directory.matches()) {
      InvalidDirectoryException.Rule rule =
          rule(InvalidDirectoryException.Rule.class, directory.group(1));
      if (rule != null) {
        return new InvalidDirectoryException(rule, directory.group(3), directory.group(2));
      }
    }
    return new InvalidRequestException(description);
  }

  private static <E extends Enum<E>> E rule(Class<E> rules, String name) {
    try {
      return Enum.valueOf(rules, name);
    } catch (IllegalArgumentException notARule) {
      return null;
    }
  }
}
