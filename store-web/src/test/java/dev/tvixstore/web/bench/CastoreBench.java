package dev.tvixstore.web.bench;

import com.google.protobuf.ByteString;
import dev.tvixstore.protos.castore.BlobChunk;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.PutBlobResponse;
import dev.tvixstore.protos.castore.ReadBlobRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A tvix-like gRPC client for {@code .ci/bench-castore}: puts files as blobs and reads blobs back
 * over the network, through the generated stubs only, and prints one line per run:
 * {@code <what> <bytes> <seconds> <MB/s>} (MB = 10^6 bytes).
 *
 * <pre>
 *   put  PORT FILE...     each file as one blob, all files concurrently (one stream each)
 *   read PORT HEX...      each blob read to its end, all concurrently
 *   tree PORT DIR         every regular file under DIR as a blob on 2 streams, then read back
 * </pre>
 *
 * Put also prints {@code digest <hex> <file>} for each file of 1 MiB or more, for a following read.
 */
public final class CastoreBench {

  /** What tvix's own client sends per message. */
  private static final int MESSAGE = 1 << 20;

  private CastoreBench() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]);
    List<String> rest = List.of(args).subList(2, args.length);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port)
            .usePlaintext()
            .maxInboundMessageSize(8 << 20)
            .build();
    try {
      switch (args[0]) {
        case "put" -> run("put", rest, f -> put(channel, Path.of(f)));
        case "read" -> run("read", rest, h -> read(channel, HexFormat.of().parseHex(h)));
        case "tree" -> tree(channel, Path.of(rest.get(0)));
        default -> throw new IllegalArgumentException("unknown mode " + args[0]);
      }
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @FunctionalInterface
  private interface Job {
    long run(String arg) throws Exception;
  }

  /** Runs {@code job} once per argument, all at the same time; prints the aggregate figure. */
  private static void run(String what, List<String> args, Job job) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(args.size());
    try {
      long start = System.nanoTime();
      List<Future<Long>> done = new ArrayList<>();
      for (String arg : args) {
        done.add(pool.submit(() -> job.run(arg)));
      }
      long bytes = 0;
      for (Future<Long> f : done) {
        bytes += f.get();
      }
      report(what + "x" + args.size(), bytes, System.nanoTime() - start);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Puts every regular file under {@code root} on 2 streams, then reads them all back. */
  private static void tree(ManagedChannel channel, Path root) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<byte[]> digests = new ArrayList<>(files.size());
    String what = "tree-" + files.size() + "-files";
    long bytes =
        onTwoStreams(files.size(), i -> put(channel, files.get(i), digests, i), what + "-put");
    onTwoStreams(files.size(), i -> read(channel, digests.get(i)), what + "-read");
    report(what + "-bytes", bytes, 1);
  }

  @FunctionalInterface
  private interface Item {
    long run(int index) throws Exception;
  }

  /** Items {@code 0..count-1}, even ones on one stream, odd ones on another; prints the figure. */
  private static long onTwoStreams(int count, Item item, String what) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      long start = System.nanoTime();
      List<Future<Long>> done = new ArrayList<>();
      for (int stream = 0; stream < 2; stream++) {
        int first = stream;
        done.add(
            pool.submit(
                () -> {
                  long bytes = 0;
                  for (int i = first; i < count; i += 2) {
                    bytes += item.run(i);
                  }
                  return bytes;
                }));
      }
      long bytes = 0;
      for (Future<Long> f : done) {
        bytes += f.get();
      }
      report(what + "x2", bytes, System.nanoTime() - start);
      return bytes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void report(String what, long bytes, long nanos) {
    double seconds = nanos / 1e9;
    System.out.printf("%s %d %.3f %.1f%n", what, bytes, seconds, bytes / 1e6 / seconds);
  }

  /** One Put stream of {@code file}, sending only while the transport is ready. */
  private static long put(ManagedChannel channel, Path file) throws Exception {
    return put(channel, file, null, 0);
  }

  /** {@link #put(ManagedChannel, Path)}, keeping the digest at {@code digests[index]}. */
  private static long put(ManagedChannel channel, Path file, List<byte[]> digests, int index)
      throws Exception {
    Put call = new Put();
    BlobServiceGrpc.newStub(channel).put(call);
    long sent = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[MESSAGE];
      int n;
      while ((n = in.readNBytes(buffer, 0, MESSAGE)) > 0) {
        call.awaitReady();
        call.requests.onNext(
            BlobChunk.newBuilder().setData(ByteString.copyFrom(buffer, 0, n)).build());
        sent += n;
      }
    } catch (IOException | RuntimeException e) {
      call.requests.cancel("client failed", e);
      throw e;
    }
    call.requests.onCompleted();
    PutBlobResponse response = call.response.get(1, TimeUnit.HOURS);
    if (digests != null) {
      synchronized (digests) {
        while (digests.size() <= index) {
          digests.add(null);
        }
        digests.set(index, response.getDigest().toByteArray());
      }
      return sent;
    }
    if (Files.size(file) >= 1 << 20) {
      System.out.println(
          "digest " + HexFormat.of().formatHex(response.getDigest().toByteArray()) + " " + file);
    }
    return sent;
  }

  private static long read(ManagedChannel channel, byte[] digest) {
    Iterator<BlobChunk> pieces =
        BlobServiceGrpc.newBlockingStub(channel)
            .read(ReadBlobRequest.newBuilder().setDigest(ByteString.copyFrom(digest)).build());
    long bytes = 0;
    while (pieces.hasNext()) {
      bytes += pieces.next().getData().size();
    }
    return bytes;
  }

  private static final class Put implements ClientResponseObserver<BlobChunk, PutBlobResponse> {
    final CompletableFuture<PutBlobResponse> response = new CompletableFuture<>();
    ClientCallStreamObserver<BlobChunk> requests;
    private final Object ready = new Object();

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

    void awaitReady() throws InterruptedException {
      synchronized (ready) {
        while (!requests.isReady() && !response.isDone()) {
          ready.wait(100);
        }
      }
      if (response.isDone()) {
        response.join(); // throws the server's status
      }
    }

    @Override
    public void onNext(PutBlobResponse value) {
      response.complete(value);
    }

    @Override
    public void onError(Throwable t) {
      response.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      response.completeExceptionally(new IllegalStateException("no digest"));
    }
  }
}
