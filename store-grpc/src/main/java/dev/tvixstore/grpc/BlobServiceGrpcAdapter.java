package dev.tvixstore.grpc;

import dev.tvixstore.protos.castore.BlobServiceGrpc;

/**
 * The tvix.castore.v1.BlobService endpoint. Until the BlobService issue lands it overrides
 * nothing, so every RPC answers {@code UNIMPLEMENTED}: the honest answer for a skeleton.
 */
public class BlobServiceGrpcAdapter extends BlobServiceGrpc.BlobServiceImplBase {}
