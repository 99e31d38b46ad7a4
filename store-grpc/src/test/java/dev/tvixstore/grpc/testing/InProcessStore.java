package dev.tvixstore.grpc.testing;

import dev.tvixstore.grpc.StoreGrpcServer;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A store server on the in-process transport and a channel to it; close() stops both. */
public final class InProcessStore implements AutoCloseable {

  private final StoreGrpcServer server;
  private final ManagedChannel channel;
  private final ExecutorService executor;

  private InProcessStore(StoreGrpcServer server, ManagedChannel channel, ExecutorService pool) {
    this.server = server;
    this.channel = channel;
    this.executor = pool;
  }

  /**
   * Serves {@code services} as a deployed server would: handlers on a pool of their own, client
   * callbacks on the channel's default executor.
   */
  public static InProcessStore serve(BindableService... services) {
    String name = InProcessServerBuilder.generateName();
    ExecutorService pool = Executors.newCachedThreadPool();
    StoreGrpcServer server =
        StoreGrpcServer.on(InProcessServerBuilder.forName(name).executor(pool), List.of(services))
            .start();
    return new InProcessStore(server, InProcessChannelBuilder.forName(name).build(), pool);
  }

  /**
   * Serves {@code services} with every callback on the thread that caused it: a client's {@code
   * request(n)} returns only after the server has reacted to it, which makes flow control
   * observable step by step.
   */
  public static InProcessStore serveDirect(BindableService... services) {
    String name = InProcessServerBuilder.generateName();
    StoreGrpcServer server =
        StoreGrpcServer.on(InProcessServerBuilder.forName(name).directExecutor(), List.of(services))
            .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    return new InProcessStore(server, channel, null);
  }

  /** The channel to the server. */
  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(Duration.ofSeconds(5));
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
