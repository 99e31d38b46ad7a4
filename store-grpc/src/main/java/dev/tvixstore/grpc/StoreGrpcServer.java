package dev.tvixstore.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The store's gRPC server: the given services plus standard health and server reflection (v1 and
 * v1alpha). Plain class: the web module runs it inside the container, tests run it on a free port
 * or in-process.
 */
public final class StoreGrpcServer {

  private final Server server;
  private final HealthStatusManager health;
  private final List<String> serviceNames;
  private final CallAdmission admission;
  private boolean stopping;

  private StoreGrpcServer(
      ServerBuilder<?> builder,
      HealthStatusManager health,
      List<ServerServiceDefinition> defs,
      CallAdmission admission) {
    this.health = health;
    this.admission = admission;
    this.serviceNames = defs.stream().map(d -> d.getServiceDescriptor().getName()).toList();
    defs.forEach(builder::addService);
    this.server = builder.build();
  }

  /**
   * A Netty server bound to {@code settings.host():settings.port()} (an explicit host: binding the
   * wildcard fails on machines without IPv6, stack-spike §4), running calls on {@code executor}
   * with as many calls in progress as it can take without rejecting ({@link
   * CallAdmission#safeLimit}); calls beyond that get {@code RESOURCE_EXHAUSTED}.
   */
  public static StoreGrpcServer netty(
      GrpcServerSettings settings, Executor executor, List<BindableService> services) {
    return netty(settings, executor, CallAdmission.safeLimit(executor), services);
  }

  /**
   * As {@link #netty(GrpcServerSettings, Executor, List)}, with an explicit bound on the calls in
   * progress; it should not exceed {@link CallAdmission#safeLimit} of {@code executor}.
   */
  public static StoreGrpcServer netty(
      GrpcServerSettings settings,
      Executor executor,
      int maxCallsInProgress,
      List<BindableService> services) {
    CallAdmission admission = new CallAdmission(executor, maxCallsInProgress);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
            .maxInboundMessageSize(settings.maxInboundMessageBytes())
            // Calls start on the transport thread and are admitted to the pool or refused there
            // (CallAdmission explains why the pool must never reject).
            .directExecutor()
            .callExecutor(admission);
    return assemble(builder, services, admission);
  }

  /** The same services on any builder (tests use an in-process one). */
  public static StoreGrpcServer on(ServerBuilder<?> builder, List<BindableService> services) {
    return assemble(builder, services, null);
  }

  /**
   * A fixed pool with a bounded queue, so a flood of calls cannot grow threads or memory without
   * limit; the container passes its managed thread factory so handlers may call EJBs. {@link
   * #netty} admits only as many calls as this pool takes without rejecting.
   */
  public static ExecutorService boundedExecutor(ThreadFactory threads, int size, int queue) {
    return new ThreadPoolExecutor(
        size, size, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), threads);
  }

  @SuppressWarnings("deprecation") // v1alpha reflection: older grpcurl/evans only speak that one.
  private static StoreGrpcServer assemble(
      ServerBuilder<?> builder, List<BindableService> services, CallAdmission admission) {
    HealthStatusManager health = new HealthStatusManager();
    List<ServerServiceDefinition> defs = new ArrayList<>();
    services.forEach(s -> defs.add(Objects.requireNonNull(s, "service").bindService()));
    builder
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(ProtoReflectionService.newInstance());
    if (admission != null) {
      builder.intercept(admission); // the last one added is the outermost
    }
    return new StoreGrpcServer(builder, health, defs, admission);
  }

  /** Binds the port and reports SERVING, overall and per service. */
  public StoreGrpcServer start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the gRPC server: " + e.getMessage(), e);
    }
    health.setStatus("", ServingStatus.SERVING);
    serviceNames.forEach(name -> health.setStatus(name, ServingStatus.SERVING));
    return this;
  }

  /**
   * Reports the store ready or not in gRPC health (overall and per service), as the HTTP
   * readiness check finds it. Ignored once stopping: that state is final.
   */
  public synchronized void reportServing(boolean serving) {
    if (stopping) {
      return;
    }
    ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    health.setStatus("", status);
    serviceNames.forEach(name -> health.setStatus(name, status));
  }

  /** The bound port (the real one when 0 was asked for). */
  public int port() {
    return server.getPort();
  }

  /** Calls admitted and not yet ended; 0 for a server without admission control ({@link #on}). */
  public int callsInProgress() {
    return admission == null ? 0 : admission.inProgress();
  }

  /** Full names of the store services registered (without health and reflection). */
  public List<String> serviceNames() {
    return serviceNames;
  }

  /**
   * Reports NOT_SERVING, stops taking calls, lets running calls finish for up to {@code grace},
   * then cancels what is left. Never throws: it runs from container shutdown callbacks. A second
   * call only waits again (health's terminal state may be entered once).
   */
  public synchronized void stop(Duration grace) {
    if (!stopping) {
      stopping = true;
      health.enterTerminalState();
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** True once {@link #stop} has finished the server. */
  public boolean isTerminated() {
    return server.isTerminated();
  }
}
