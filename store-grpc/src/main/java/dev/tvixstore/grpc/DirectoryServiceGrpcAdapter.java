package dev.tvixstore.grpc;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.protos.castore.DirectoryServiceGrpc;
import dev.tvixstore.protos.castore.GetDirectoryRequest;
import dev.tvixstore.protos.castore.PutDirectoryResponse;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The tvix.castore.v1.DirectoryService endpoint over any {@link DirectoryService}.
 *
 * <ul>
 *   <li>{@code Get}: one directory, or with {@code recursive} its closure breadth-first from the
 *       backend's stream, flow-controlled. An unknown root gives {@code NOT_FOUND} (DESIGN §2: tvix
 *       sends an empty stream, we are explicit); a request without a digest or with one that is not
 *       32 bytes gives {@code INVALID_ARGUMENT}.
 *   <li>{@code Put}: each message validated as it arrives (see {@link RawDirectoryPutBinding}) and
 *       fed into one {@code DirectoryPutter}; the root digest is answered on half-close. A broken
 *       rule gives {@code INVALID_ARGUMENT} naming it; a stream over the {@link DirectoryPutLimits}
 *       gives {@code RESOURCE_EXHAUSTED}; either way nothing is stored.
 * </ul>
 *
 * <p>Unlike the other adapters this one implements the generated {@code AsyncService} instead of
 * extending {@code DirectoryServiceImplBase}, whose {@code bindService()} is final: {@link
 * #bindService()} binds {@code Put} over raw messages, and the generated {@code put} is not used.
 */
public class DirectoryServiceGrpcAdapter
    implements DirectoryServiceGrpc.AsyncService, BindableService {

  private final DirectoryService directories;
  private final DirectoryPutLimits limits;

  /** Serves {@code directories} with {@link DirectoryPutLimits#DEFAULT}. */
  public DirectoryServiceGrpcAdapter(DirectoryService directories) {
    this(directories, DirectoryPutLimits.DEFAULT);
  }

  /** Serves {@code directories}, bounding each Put stream by {@code limits}. */
  public DirectoryServiceGrpcAdapter(DirectoryService directories, DirectoryPutLimits limits) {
    this.directories = Objects.requireNonNull(directories, "directories");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public ServerServiceDefinition bindService() {
    return RawDirectoryPutBinding.rebind(DirectoryServiceGrpc.bindService(this), this::putRaw);
  }

  @Override
  public void get(
      GetDirectoryRequest request,
      StreamObserver<dev.tvixstore.protos.castore.Directory> response) {
    Stream<Directory> closure = null;
    try {
      if (request.getByWhatCase() != GetDirectoryRequest.ByWhatCase.DIGEST) {
        throw new InvalidRequestException("GetDirectoryRequest.by_what: no digest given");
      }
      B3Digest root = ProtoConvert.digest(request.getDigest(), "GetDirectoryRequest.digest");
      if (!request.getRecursive()) {
        Directory directory = directories.get(root).orElseThrow(() -> notFound(root));
        response.onNext(ProtoConvert.toProto(directory));
        response.onCompleted();
        return;
      }
      closure = directories.getRecursive(root);
      Iterator<Directory> walk = closure.iterator();
      if (!walk.hasNext()) {
        throw notFound(root);
      }
      FlowControlledSender.start(
          (ServerCallStreamObserver<dev.tvixstore.protos.castore.Directory>) response,
          new StreamSource<>(closure, walk, ProtoConvert::toProto));
    } catch (Throwable t) {
      // Only reached before the sender took the stream over (start() never throws).
      if (closure != null) {
        Calls.closeQuietly(closure);
      }
      Calls.fail(response, t);
    }
  }

  private StreamObserver<byte[]> putRaw(StreamObserver<PutDirectoryResponse> response) {
    try {
      return new DirectoryPutObserver(directories.openPut(), limits, response);
    } catch (Throwable t) {
      Calls.fail(response, t);
      return Calls.ignoring();
    }
  }

  private static NotFoundException notFound(B3Digest root) {
    return new NotFoundException("directory " + root + " not found");
  }
}
