/**
 * Store-api service implementations backed by a remote store over gRPC ({@code GrpcBlobService},
 * {@code GrpcDirectoryService}, {@code GrpcPathInfoService}): they pass the same contract suites as
 * local backends. Uses store-api, the generated protos and grpc-java; remote failures come back as
 * store exceptions through one reverse mapping, {@code RemoteStatusMapper}.
 */
package dev.tvixstore.grpc.client;
