/**
 * The Vaadin admin console under {@code /admin}: the servlet and the app shell. Each feature has
 * its own subpackage with a layout-only {@code *View} and a {@code *Presenter} that decides.
 */
package dev.tvixstore.web.admin;
