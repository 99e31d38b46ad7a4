/**
 * Integration tests: the real WAR on Payara Micro through Arquillian (in-container and client
 * mode), and the launcher jar as a child process. Run by failsafe in {@code verify}.
 */
package dev.tvixstore.web.it;
