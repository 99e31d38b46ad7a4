/**
 * The store's unchecked exception family. Domain code throws these; each protocol maps them to its
 * status codes in exactly one place (gRPC: {@code GrpcStatusMapper}, HTTP: one exception mapper).
 */
package dev.tvixstore.error;
