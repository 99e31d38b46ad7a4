/** Benchmark clients run by {@code .ci/bench-castore} against a running store; not tests. */
package dev.tvixstore.web.bench;
