/**
 * Access control over HTTP (issue 9): {@code HttpAccess} applies store-api's {@code AccessPolicy}
 * to a request's {@code Authorization} header (Bearer, or Basic as Nix's {@code netrc-file} sends
 * it). Refusals are domain exceptions, answered 401/403 by {@code web.error}.
 */
package dev.tvixstore.web.auth;
