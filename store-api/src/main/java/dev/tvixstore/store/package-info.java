/**
 * Nix store paths and what the store keeps of them: {@code StorePath}, {@code ContentAddress}, the
 * store path computation, {@code PathInfo} with its services ({@code PathInfoService}, {@code
 * PathInfoIndex}), and NARs in and out of castore ({@code NarIngester}, {@code NarRenderer})
 * (DESIGN.md §3). Plain Java; uses {@code castore}, {@code nix} and {@code error}.
 */
package dev.tvixstore.store;
