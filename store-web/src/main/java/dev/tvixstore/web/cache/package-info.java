/**
 * The Nix binary cache over HTTP (DESIGN §5), as JAX-RS resources at the root path. Uses
 * store-ejb services and maps store exceptions in one place.
 */
package dev.tvixstore.web.cache;
