/**
 * {@code java -jar tvix-store.jar admin ...}: the command-line client of the admin HTTP API
 * (web.admin.api), on plain {@code java.net.http}. Runs in the launcher jar, outside the server:
 * it may use the JDK only.
 */
package dev.tvixstore.web.cli;
