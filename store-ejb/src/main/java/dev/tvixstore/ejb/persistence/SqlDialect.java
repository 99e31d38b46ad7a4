package dev.tvixstore.ejb.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The two databases the store runs on (DESIGN §6), and the little SQL in which they differ. */
public enum SqlDialect {
  H2("VARBINARY"),
  POSTGRESQL("BYTEA");

  private final String binaryType;

  SqlDialect(String binaryType) {
    this.binaryType = binaryType;
  }

  /**
   * The dialect of the database {@code connection} talks to.
   *
   * @throws SQLException if the metadata cannot be read
   * @throws IllegalStateException for any other database
   */
  public static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String p = product.toLowerCase(Locale.ROOT);
    if (p.contains("postgres")) {
      return POSTGRESQL;
    }
    if (p.equals("h2")) {
      return H2;
    }
    throw new IllegalStateException("unsupported metadata database " + product);
  }

  /** The variable-length binary column type: the two share no name for it. */
  public String binaryType() {
    return binaryType;
  }
}
