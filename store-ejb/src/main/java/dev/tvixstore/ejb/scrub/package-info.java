/**
 * The integrity scrub (issue 7): verifies every chunk file, blob chunk list and directory row,
 * quarantines corrupt chunk files so that the read path fails closed, names the store paths that
 * damage breaks, and records runs and findings ({@code scrub_*} tables, migration V5). Uses
 * store-api, {@code ejb.blob}'s {@code ChunkFileStore} and {@code ejb.persistence}.
 */
package dev.tvixstore.ejb.scrub;
