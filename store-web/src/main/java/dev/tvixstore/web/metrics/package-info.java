/**
 * Metrics (issue 9) in MicroProfile Metrics, which Payara serves as Prometheus text under {@code
 * /metrics}: HTTP requests by endpoint and status with bytes and latency, gRPC calls by method and
 * status, NARs served and uploaded, and the store's sizes.
 */
package dev.tvixstore.web.metrics;
