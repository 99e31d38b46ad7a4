package dev.tvixstore.grpc;

import java.util.Objects;

/**
 * Where and how the gRPC server listens.
 *
 * @param host address to bind (DESIGN §6: {@code 127.0.0.1} by default, {@code 0.0.0.0} to expose)
 * @param port TCP port, 0 for any free one
 * @param maxInboundMessageBytes largest message a client may send
 */
public record GrpcServerSettings(String host, int port, int maxInboundMessageBytes) {

  public GrpcServerSettings {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("gRPC host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("gRPC port " + port + " not in [0, 65535]");
    }
    if (maxInboundMessageBytes < 1024) {
      throw new IllegalArgumentException(
          "max inbound message size " + maxInboundMessageBytes + " below 1024 bytes");
    }
  }
}
