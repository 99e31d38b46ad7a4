/**
 * The content-addressed model: BLAKE3 digests, path components, directories and their nodes, with
 * every validation rule of DESIGN.md §2. Plain Java plus the generated protobuf messages.
 */
package dev.tvixstore.castore;
