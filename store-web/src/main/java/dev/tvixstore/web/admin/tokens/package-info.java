/**
 * The console's access token page (issue 9): create a token and show its secret once, list the
 * tokens, revoke one. The presenter calls {@code auth.TokenService}; the view only lays out.
 */
package dev.tvixstore.web.admin.tokens;
