/**
 * The console's garbage collection page: dry runs, runs with live progress and the history of
 * runs. The presenter calls {@code ejb.gc.GcService} through {@link GcOperations}; the view only
 * lays out what the presenter returns.
 */
package dev.tvixstore.web.admin.gc;
