/**
 * One gRPC adapter per tvix service, and the server assembly with its admission control. Adapters
 * call store-api interfaces only and end every failed call through {@code GrpcStatusMapper}.
 */
package dev.tvixstore.grpc;
