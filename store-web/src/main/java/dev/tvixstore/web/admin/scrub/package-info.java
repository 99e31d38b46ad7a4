/**
 * The console's integrity page: start a scrub, follow its progress, see the damaged objects with
 * the store paths they break, and the history of scrubs. The presenter calls {@code
 * ejb.scrub.ScrubService} through {@link ScrubOperations}; the view only lays out.
 */
package dev.tvixstore.web.admin.scrub;
