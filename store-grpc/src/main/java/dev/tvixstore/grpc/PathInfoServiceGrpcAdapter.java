package dev.tvixstore.grpc;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.nix.Nixbase32;
import dev.tvixstore.protos.castore.Node;
import dev.tvixstore.protos.store.CalculateNARResponse;
import dev.tvixstore.protos.store.GetPathInfoRequest;
import dev.tvixstore.protos.store.ListPathInfoRequest;
import dev.tvixstore.protos.store.PathInfo;
import dev.tvixstore.protos.store.PathInfoServiceGrpc;
import dev.tvixstore.store.PathInfoService;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The tvix.store.v1.PathInfoService endpoint over any {@link PathInfoService}.
 *
 * <ul>
 *   <li>{@code Get}: by the 20-byte {@code by_output_hash}; another length or no {@code by_what}
 *       gives {@code INVALID_ARGUMENT}, a path not stored {@code NOT_FOUND}.
 *   <li>{@code Put}: the message is checked against every rule of DESIGN §3 (store-api's {@code
 *       PathInfoProto}), then stored; the answer is the PathInfo as stored, with the signatures of
 *       earlier puts merged in. A broken rule, content not stored, or other content stored for the
 *       path gives {@code INVALID_ARGUMENT} naming the rule.
 *   <li>{@code List}: every stored PathInfo from the backend's lazy stream, flow-controlled; the
 *       stream is closed when the call ends, however it ends.
 *   <li>{@code CalculateNAR}: size and SHA-256 of the NAR the node renders to; an invalid node
 *       gives {@code INVALID_ARGUMENT}, a directory or blob of it not stored {@code NOT_FOUND}.
 * </ul>
 *
 * <p>Every failure goes through {@code GrpcStatusMapper}.
 */
public class PathInfoServiceGrpcAdapter extends PathInfoServiceGrpc.PathInfoServiceImplBase {

  private final PathInfoService paths;

  /** Serves {@code paths}. */
  public PathInfoServiceGrpcAdapter(PathInfoService paths) {
    this.paths = Objects.requireNonNull(paths, "paths");
  }

  @Override
  public void get(GetPathInfoRequest request, StreamObserver<PathInfo> response) {
    try {
      if (request.getByWhatCase() != GetPathInfoRequest.ByWhatCase.BY_OUTPUT_HASH) {
        throw new InvalidRequestException("GetPathInfoRequest.by_what: no by_output_hash given");
      }
      byte[] digest =
          ProtoConvert.outputHash(request.getByOutputHash(), "GetPathInfoRequest.by_output_hash");
      dev.tvixstore.store.PathInfo info =
          paths
              .get(digest)
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "store path " + Nixbase32.encode(digest) + " not found"));
      response.onNext(ProtoConvert.toProto(info));
      response.onCompleted();
    } catch (Throwable t) {
      Calls.fail(response, t);
    }
  }

  @Override
  public void put(PathInfo request, StreamObserver<PathInfo> response) {
    try {
      dev.tvixstore.store.PathInfo stored = paths.put(ProtoConvert.pathInfo(request));
      response.onNext(ProtoConvert.toProto(stored));
      response.onCompleted();
    } catch (Throwable t) {
      Calls.fail(response, t);
    }
  }

  @Override
  public void list(ListPathInfoRequest request, StreamObserver<PathInfo> response) {
    Stream<dev.tvixstore.store.PathInfo> all = null;
    try {
      all = paths.list();
      FlowControlledSender.start(
          (ServerCallStreamObserver<PathInfo>) response,
          StreamSource.of(all, ProtoConvert::toProto));
    } catch (Throwable t) {
      // Only reached before the sender took the stream over (start() never throws).
      if (all != null) {
        Calls.closeQuietly(all);
      }
      Calls.fail(response, t);
    }
  }

  @Override
  public void calculateNAR(Node request, StreamObserver<CalculateNARResponse> response) {
    try {
      response.onNext(ProtoConvert.toProto(paths.calculateNar(ProtoConvert.node(request))));
      response.onCompleted();
    } catch (Throwable t) {
      Calls.fail(response, t);
    }
  }
}
