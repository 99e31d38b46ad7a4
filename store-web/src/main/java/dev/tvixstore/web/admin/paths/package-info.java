/**
 * The console's store paths: a lazily paged, searchable grid and a detail page per path (narinfo,
 * references, closure, file browser with downloads, delete). Uses {@code ejb.pathinfo}, the
 * castore services and {@code ejb.gc} for deletes.
 */
package dev.tvixstore.web.admin.paths;
