/**
 * The directory service: validated Merkle {@code Directory} closures put leaves first and read
 * back breadth-first (DESIGN.md §2), the closure validator every backend shares, and the in-memory
 * reference backend. Plain Java.
 */
package dev.tvixstore.castore.directory;
