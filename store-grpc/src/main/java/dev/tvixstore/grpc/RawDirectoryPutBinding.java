package dev.tvixstore.grpc;

import dev.tvixstore.error.StorageException;
import dev.tvixstore.grpc.status.GrpcStatusMapper;
import dev.tvixstore.protos.castore.DirectoryServiceGrpc;
import dev.tvixstore.protos.castore.PutDirectoryResponse;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.ServerCalls.ClientStreamingMethod;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Binds {@code DirectoryService.Put} so that its handler receives each message's raw bytes instead
 * of a decoded {@code Directory}. Only then can the server hold a message to the rules of DESIGN §2
 * that concern its encoding: bytes that are no protobuf at all (gRPC's own decoding would answer
 * {@code INTERNAL} before any handler ran) and bytes that decode but are not the canonical encoding
 * (their digest would not be the digest the store keeps). The wire format is unchanged: same method
 * name, same messages, same schema for server reflection.
 */
final class RawDirectoryPutBinding {

  /** {@code Put} as the client sees it, with the request left undecoded. */
  static final MethodDescriptor<byte[], PutDirectoryResponse> PUT =
      DirectoryServiceGrpc.getPutMethod().toBuilder(
              RawBytes.MARSHALLER, ProtoUtils.marshaller(PutDirectoryResponse.getDefaultInstance()))
          .build();

  private RawDirectoryPutBinding() {}

  /** {@code generated} with its Put replaced by {@code put} over raw messages. */
  static ServerServiceDefinition rebind(
      ServerServiceDefinition generated, ClientStreamingMethod<byte[], PutDirectoryResponse> put) {
    ServiceDescriptor original = generated.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    // The descriptor must hold the very MethodDescriptor instances the definition binds.
    for (MethodDescriptor<?, ?> method : original.getMethods()) {
      descriptor.addMethod(isPut(method) ? PUT : method);
    }
    ServerServiceDefinition.Builder definition =
        ServerServiceDefinition.builder(descriptor.build());
    for (ServerMethodDefinition<?, ?> method : generated.getMethods()) {
      if (!isPut(method.getMethodDescriptor())) {
        definition.addMethod(method);
      }
    }
    return definition.addMethod(PUT, ServerCalls.asyncClientStreamingCall(put)).build();
  }

  private static boolean isPut(MethodDescriptor<?, ?> method) {
    return method.getFullMethodName().equals(PUT.getFullMethodName());
  }

  /** Message bytes as they are; the size was already bounded by the max inbound message size. */
  private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    MARSHALLER;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        // gRPC hands over a buffer in memory; this does not fail in practice.
        throw GrpcStatusMapper.toStatus(new StorageException("cannot read a message", e))
            .asRuntimeException();
      }
    }
  }
}
