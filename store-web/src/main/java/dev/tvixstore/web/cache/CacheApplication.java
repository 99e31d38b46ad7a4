package dev.tvixstore.web.cache;

import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application. No {@code @ApplicationPath}: Jersey runs as a filter on {@code /*} (see
 * web.xml) so that the cache owns the root path without hiding static resources.
 */
public class CacheApplication extends Application {}
