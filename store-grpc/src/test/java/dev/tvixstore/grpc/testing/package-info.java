/** Test helpers for store-grpc: in-process servers, instrumented and test-only backends. */
package dev.tvixstore.grpc.testing;
