package dev.tvixstore.ejb.blob;

/**
 * A CDI event: a garbage collection is about to fix its cutoff and delete rows; every {@link
 * GcStarting} is followed by one {@link GcEnded}. The blob service's chunk list cache steps aside
 * in between.
 */
public record GcStarting() {}
