/**
 * Health (issue 9): MicroProfile Health checks under {@code /health} (liveness; readiness = the
 * database answers and the data dir has room) and the same readiness mirrored into gRPC health.
 */
package dev.tvixstore.web.health;
