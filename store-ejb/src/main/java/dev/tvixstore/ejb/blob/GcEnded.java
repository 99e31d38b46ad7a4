package dev.tvixstore.ejb.blob;

/** A CDI event: the garbage collection announced by a {@link GcStarting} has ended. */
public record GcEnded() {}
