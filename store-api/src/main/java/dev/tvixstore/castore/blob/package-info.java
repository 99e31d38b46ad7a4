/**
 * The blob service: content-addressed byte streams keyed by BLAKE3 (DESIGN.md §2), its streaming
 * reader and writer types, and the in-memory reference backend. Plain Java.
 */
package dev.tvixstore.castore.blob;
