/**
 * Sign-in to the console (issue 9): the login view, the guard that checks the session's admin
 * token on every navigation, and where the token is kept. Uses {@code dev.tvixstore.auth}.
 */
package dev.tvixstore.web.admin.access;
