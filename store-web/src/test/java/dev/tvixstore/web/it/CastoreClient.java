package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.HashingOutputStream;
import dev.tvixstore.protos.castore.BlobChunk;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.DirectoryServiceGrpc;
import dev.tvixstore.protos.castore.PutBlobResponse;
import dev.tvixstore.protos.castore.ReadBlobRequest;
import dev.tvixstore.protos.castore.StatBlobRequest;
import dev.tvixstore.protos.castore.StatBlobResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A tvix client's view of a running store's castore services, through the generated stubs only
 * (no code of ours on the client side but the BLAKE3 used to check what comes back).
 */
final class CastoreClient implements AutoCloseable {

  /** DESIGN §2 / issue 4: Read answers in pieces of at most 1 MiB. */
  static final int MAX_READ_PIECE = 1 << 20;

  private final ManagedChannel channel;

  CastoreClient(int grpcPort) {
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", grpcPort)
            .usePlaintext()
            .maxInboundMessageSize(8 << 20)
            .build();
  }

  ManagedChannel channel() {
    return channel;
  }

  BlobServiceGrpc.BlobServiceBlockingStub blobs() {
    return BlobServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.MINUTES);
  }

  DirectoryServiceGrpc.DirectoryServiceBlockingStub directories() {
    return DirectoryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.MINUTES);
  }

  /**
   * Puts {@code content} as messages whose sizes cycle through {@code messageSizes}, sending only
   * while the transport is ready (so the client never buffers more than a message or two).
   *
   * @return the digest the server answered
   */
  ByteString put(InputStream content, int... messageSizes) {
    FlowControlledPut put = new FlowControlledPut();
    BlobServiceGrpc.newStub(channel).withDeadlineAfter(10, TimeUnit.MINUTES).put(put);
    try {
      int turn = 0;
      while (true) {
        byte[] piece = content.readNBytes(messageSizes[turn++ % messageSizes.length]);
        if (piece.length == 0) {
          break;
        }
        put.send(BlobChunk.newBuilder().setData(ByteString.copyFrom(piece)).build());
      }
    } catch (IOException e) {
      put.cancel(e);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      put.cancel(e);
      throw e;
    }
    return put.finish().getDigest();
  }

  /** What a Read stream delivered. */
  record ReadResult(long size, B3Digest blake3, int pieces) {}

  /**
   * Reads a blob (or chunk) to its end, writing it to {@code sink} and checking every piece is at
   * most {@link #MAX_READ_PIECE} bytes.
   */
  ReadResult read(ByteString digest, OutputStream sink) {
    Iterator<BlobChunk> pieces =
        blobs().read(ReadBlobRequest.newBuilder().setDigest(digest).build());
    HashingOutputStream hashed = HashingOutputStream.blake3(sink);
    int count = 0;
    try {
      while (pieces.hasNext()) {
        ByteString data = pieces.next().getData();
        assertTrue(data.size() <= MAX_READ_PIECE, "Read piece of " + data.size() + " bytes");
        data.writeTo(hashed);
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ReadResult(hashed.byteCount(), hashed.blake3Digest(), count);
  }

  ReadResult read(ByteString digest) {
    return read(digest, OutputStream.nullOutputStream());
  }

  StatBlobResponse stat(ByteString digest, boolean withChunks) {
    return blobs()
        .stat(StatBlobRequest.newBuilder().setDigest(digest).setSendChunks(withChunks).build());
  }

  @Override
  public void close() {
    try {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A Put call that blocks the sending thread while the transport is not ready. */
  private static final class FlowControlledPut
      implements ClientResponseObserver<BlobChunk, PutBlobResponse> {
    private final CompletableFuture<PutBlobResponse> response = new CompletableFuture<>();
    private final Object ready = new Object();
    private ClientCallStreamObserver<BlobChunk> requests;

    @Override
    public void beforeStart(ClientCallStreamObserver<BlobChunk> stream) {
      requests = stream;
      stream.setOnReadyHandler(
          () -> {
            synchronized (ready) {
              ready.notifyAll();
            }
          });
    }

    void send(BlobChunk message) {
      synchronized (ready) {
        while (!requests.isReady() && !response.isDone()) {
          try {
            ready.wait(100); // the on-ready handler wakes us; the timeout only guards a race
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
          }
        }
      }
      if (response.isDone()) {
        finish(); // the server already ended the call: surface its status
      }
      requests.onNext(message);
    }

    void cancel(Throwable cause) {
      requests.cancel("client gave up", cause);
    }

    PutBlobResponse finish() {
      if (!response.isDone()) {
        requests.onCompleted();
      }
      try {
        return response.get(10, TimeUnit.MINUTES);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r; // StatusRuntimeException: the test asserts on its status
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (TimeoutException e) {
        throw new IllegalStateException("no Put response in 10 minutes", e);
      }
    }

    @Override
    public void onNext(PutBlobResponse value) {
      response.complete(value);
    }

    @Override
    public void onError(Throwable t) {
      response.completeExceptionally(t);
      synchronized (ready) {
        ready.notifyAll();
      }
    }

    @Override
    public void onCompleted() {
      response.completeExceptionally(new IllegalStateException("Put ended without a digest"));
    }
  }
}
