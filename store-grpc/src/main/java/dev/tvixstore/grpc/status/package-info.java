/** The single mapping from store exceptions to gRPC status codes (DESIGN §4, STYLE §5). */
package dev.tvixstore.grpc.status;
