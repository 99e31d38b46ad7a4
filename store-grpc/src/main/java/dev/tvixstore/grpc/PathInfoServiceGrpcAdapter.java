package dev.tvixstore.grpc;

import dev.tvixstore.protos.store.PathInfoServiceGrpc;

/**
 * The tvix.store.v1.PathInfoService endpoint. Until the PathInfoService issue lands it overrides
 * nothing, so every RPC answers {@code UNIMPLEMENTED}: the honest answer for a skeleton.
 */
public class PathInfoServiceGrpcAdapter extends PathInfoServiceGrpc.PathInfoServiceImplBase {}
