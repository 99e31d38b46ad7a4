package dev.tvixstore.grpc.auth;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/**
 * The client side: a channel whose every call carries {@code authorization: Bearer <token>}, for
 * the gRPC client backends ({@code new GrpcBlobService(BearerToken.attach(channel, token))}) and
 * raw stubs alike.
 */
public final class BearerToken {

  private BearerToken() {}

  /** {@code channel}, sending {@code token} with every call. */
  public static Channel attach(Channel channel, String token) {
    Metadata headers = new Metadata();
    headers.put(TokenAuthInterceptor.AUTHORIZATION, "Bearer " + token);
    return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
