/**
 * The chunked blob store: {@code FsChunkBlobService} and its CDI producer, built from plain-Java
 * blocks (FastCDC chunking, zstd chunk files on disk, the streaming chunking writer, the verifying
 * seekable reader) and a {@code BlobCatalog} for the metadata, {@code JpaBlobCatalog} behind a
 * {@code CachingBlobCatalog} in the server; {@code BlobBatch} writes the many blobs of one NAR
 * upload with their files synced together and their rows in one transaction. Uses store-api,
 * zstd-jni, BouncyCastle; only the catalog and the producer use jakarta (through {@code
 * ejb.persistence} and CDI).
 */
package dev.tvixstore.ejb.blob;
