/**
 * The one mapping from store exceptions to HTTP statuses (STYLE §5, DESIGN §5), for every JAX-RS
 * resource. Uses store-api's exceptions and JAX-RS only.
 */
package dev.tvixstore.web.error;
