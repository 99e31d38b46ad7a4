/**
 * Access tokens in the metadata database ({@code JpaTokenService}, migration V6), the admin token
 * created at first start ({@code AdminTokenFile}), and the access rules read from configuration
 * ({@code AuthSettings}). Uses store-api's {@code auth} and {@code ejb.persistence}.
 */
package dev.tvixstore.ejb.auth;
