package dev.tvixstore.store;

/** The one store directory this store serves (DESIGN.md §3); part of every store path hash. */
public final class StoreDir {
  /** The store directory, without a trailing slash. */
  public static final String PATH = "/nix/store";

  /** {@link #PATH} followed by {@code /}: the prefix of every absolute store path. */
  public static final String PREFIX = PATH + "/";

  private StoreDir() {}
}
