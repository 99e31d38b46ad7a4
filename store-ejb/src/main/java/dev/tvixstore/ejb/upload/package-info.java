/**
 * The durable record of binary cache NAR uploads ({@code nar_upload}): what the narinfo PUT that
 * follows a NAR PUT needs, kept in the database so that a restart in between loses nothing. Uses
 * store-api and {@code ejb.persistence}.
 */
package dev.tvixstore.ejb.upload;
