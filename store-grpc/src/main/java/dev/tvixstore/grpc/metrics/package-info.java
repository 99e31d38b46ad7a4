/**
 * Call metrics of the gRPC services: an interceptor that reports each call's method, status and
 * duration to a {@code CallRecorder} the server's host supplies (store-web: MicroProfile Metrics).
 */
package dev.tvixstore.grpc.metrics;
