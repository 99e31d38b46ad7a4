/**
 * Nix store paths and content addressing: {@code StorePath}, {@code ContentAddress} and the store
 * path computation of real Nix (DESIGN.md §3). Plain Java; uses {@code nix} and {@code error}.
 */
package dev.tvixstore.store;
