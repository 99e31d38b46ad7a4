package dev.tvixstore.ejb.pathinfo;

/** What the paths grid sorts by; the digest breaks ties so that pages never overlap. */
public enum PathSort {
  NAME("name"),
  NAR_SIZE("nar_size"),
  CREATED("created_at");

  private final String column;

  PathSort(String column) {
    this.column = column;
  }

  /** The {@code path_info} column (a fixed name, never user text). */
  String column() {
    return column;
  }
}
