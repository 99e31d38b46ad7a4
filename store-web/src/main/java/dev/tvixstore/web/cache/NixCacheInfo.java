package dev.tvixstore.web.cache;

/**
 * The body of {@code /nix-cache-info} (DESIGN §5).
 *
 * @param priority the cache's priority; Nix prefers lower numbers
 */
public record NixCacheInfo(int priority) {

  /** The store directory we serve; the only one Nix clients here use. */
  public static final String STORE_DIR = "/nix/store";

  public static final String MEDIA_TYPE = "text/x-nix-cache-info";

  public NixCacheInfo {
    if (priority < 0) {
      throw new IllegalArgumentException("priority " + priority + " is negative");
    }
  }

  /** The text exactly as Nix parses it: one {@code Key: value} per line. */
  public String render() {
    return "StoreDir: " + STORE_DIR + "\nWantMassQuery: 1\nPriority: " + priority + "\n";
  }

  /**
   * Whether a {@code nix-cache-info} that a client uploads agrees with ours: Nix sends one when its
   * GET failed, and we accept it when it names the same store dir.
   */
  public static boolean agreesWith(String uploaded) {
    return uploaded
        .lines()
        .map(String::strip)
        .anyMatch(line -> line.equals("StoreDir: " + STORE_DIR));
  }
}
