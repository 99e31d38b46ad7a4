/**
 * The {@code java -jar tvix-store.jar} entry point: subcommands, configuration, pre-flight
 * checks, then Payara Micro with the WAR. Runs outside the server, so it uses the JDK only
 * (Payara and the PostgreSQL driver come from the jar's Class-Path); it is not part of the WAR.
 */
package dev.tvixstore.web.launcher;
