package dev.tvixstore.ejb.blob;

/**
 * A CDI event: blob or chunk rows were deleted in bulk (garbage collection), so chunk lists the
 * catalog cache holds may name blobs that are gone; the blob service's producer drops them.
 */
public record BlobRowsDeleted() {}
