/** Starts and stops the gRPC server inside the container (STYLE §6). */
package dev.tvixstore.web.grpc;
