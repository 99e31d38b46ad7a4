/**
 * The Vaadin admin console under {@code /admin}: the servlet, the app shell, the layout around
 * every page, and what pages share (how figures read, notifications, polling). Each feature has
 * its own subpackage with a layout-only {@code *View} and a {@code *Presenter} that decides;
 * {@code access} guards them all.
 */
package dev.tvixstore.web.admin;
