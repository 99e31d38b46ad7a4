package dev.tvixstore.grpc;

import dev.tvixstore.protos.castore.DirectoryServiceGrpc;

/**
 * The tvix.castore.v1.DirectoryService endpoint. Until the DirectoryService issue lands it
 * overrides nothing, so every RPC answers {@code UNIMPLEMENTED}: the honest answer for a skeleton.
 */
public class DirectoryServiceGrpcAdapter extends DirectoryServiceGrpc.DirectoryServiceImplBase {}
