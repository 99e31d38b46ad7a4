/**
 * The Nix binary cache over HTTP (DESIGN §5), as JAX-RS resources at the root path: {@code
 * nix-cache-info}, narinfos and NARs, downloads and uploads. Resources are thin; the plain classes
 * they call (uploaders, downloads, signing keys, ranges) hold the rules. Uses store-api and
 * store-ejb services; store exceptions are mapped in {@code web.error}.
 */
package dev.tvixstore.web.cache;
