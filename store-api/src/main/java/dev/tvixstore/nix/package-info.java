/**
 * Nix's own formats: nixbase32, NAR (writer and strict reader), narinfo, signing keys and
 * signatures. Plain Java; depends only on {@code castore}, {@code store} and {@code error}.
 */
package dev.tvixstore.nix;
