/**
 * JMH benchmarks of the hot byte paths of store-api: BLAKE3 and SHA-256 over a file, NAR rendering
 * and NAR parsing, on a 256 MiB random file and on a real JDK tree. Not unit tests: surefire does not
 * pick them up; {@code .ci/bench-store-api} generates the inputs, runs them and prints them next to
 * {@code b3sum} and {@code sha256sum} on the same bytes.
 */
package dev.tvixstore.bench;
