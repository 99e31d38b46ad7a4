/**
 * Access tokens and the access rules of every protocol (issue 9): {@code Scope}, {@code
 * AccessToken}, the {@code TokenService} that issues, finds and revokes them, and {@code
 * AccessPolicy}, which decides whether a request may proceed. Plain Java; uses {@code error}.
 */
package dev.tvixstore.auth;
