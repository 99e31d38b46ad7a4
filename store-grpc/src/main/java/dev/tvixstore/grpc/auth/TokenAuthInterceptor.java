package dev.tvixstore.grpc.auth;

import dev.tvixstore.auth.AccessPolicy;
import dev.tvixstore.auth.Credentials;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.grpc.status.GrpcStatusMapper;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a call's {@code authorization} metadata ({@code Bearer <token>}, or {@code Basic} with the
 * token as password) against the {@link AccessPolicy} before the call reaches the service: {@code
 * Put} needs {@code write}, every other method {@code read}. A refused call ends at once with
 * {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED} (through {@link GrpcStatusMapper}) and the
 * service never sees a message of it. Health and reflection are not wrapped: they stay open.
 */
public final class TokenAuthInterceptor implements ServerInterceptor {

  /** Where clients put their credentials (gRPC metadata keys are lower case). */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final AccessPolicy policy;

  /** Checks calls against {@code policy}. */
  public TokenAuthInterceptor(AccessPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** {@code service} with every call checked first. */
  public BindableService protect(BindableService service) {
    return () -> ServerInterceptors.intercept(service, this);
  }

  /** The scope a method of the store's services needs. */
  static Scope scopeOf(MethodDescriptor<?, ?> method) {
    return "Put".equals(method.getBareMethodName()) ? Scope.WRITE : Scope.READ;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    try {
      policy.check(
          scopeOf(call.getMethodDescriptor()),
          Credentials.secret(Optional.ofNullable(headers.get(AUTHORIZATION))));
    } catch (RuntimeException e) {
      call.close(GrpcStatusMapper.toStatus(e), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
