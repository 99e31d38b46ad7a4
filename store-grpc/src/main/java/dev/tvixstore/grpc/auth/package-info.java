/**
 * Access control of the gRPC services (issue 9): the {@code authorization} metadata checked by
 * store-api's {@code AccessPolicy} before a call reaches an adapter, and the client side's bearer
 * credentials. Uses store-api's {@code auth} and {@code grpc.status}.
 */
package dev.tvixstore.grpc.auth;
