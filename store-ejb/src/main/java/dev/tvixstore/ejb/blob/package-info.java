/**
 * The chunked blob store's building blocks, plain Java for the EJB layer to wrap: FastCDC chunking,
 * zstd chunk files on disk, the streaming chunking writer and the verifying seekable reader. Uses
 * store-api, zstd-jni and BouncyCastle; no jakarta.
 */
package dev.tvixstore.ejb.blob;
