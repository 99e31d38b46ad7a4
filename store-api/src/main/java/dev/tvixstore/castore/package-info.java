/**
 * The content-addressed model: BLAKE3 digests, path components, directories and their nodes, with
 * every validation rule of DESIGN.md §2 ({@link dev.tvixstore.castore.InvalidDirectoryException}
 * names each), their canonical protobuf encoding ({@link dev.tvixstore.castore.CastoreProto}), and
 * the two lookups the NAR code needs from the services. Plain Java plus the generated protobuf
 * messages.
 */
package dev.tvixstore.castore;
