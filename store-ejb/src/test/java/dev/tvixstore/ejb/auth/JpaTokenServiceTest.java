package dev.tvixstore.ejb.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.auth.IssuedToken;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.auth.TokenService;
import dev.tvixstore.auth.TokenServiceContract;
import dev.tvixstore.ejb.persistence.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link JpaTokenService} against a migrated database: the contract, plus what only a database
 * backend does. Subclasses choose H2 or PostgreSQL.
 */
abstract class JpaTokenServiceTest extends TokenServiceContract {

  abstract TestDatabase db();

  private JpaTokenService service;

  @Override
  protected TokenService newService() {
    try (Connection c = db().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM access_token");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    service =
        new JpaTokenService(
            db().transactions(), Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    return service;
  }

  @Test
  void onlyTheSecretsHashIsStored() throws SQLException {
    IssuedToken issued = service.create("ci", Set.of(Scope.WRITE), Optional.empty());
    String secret = issued.secret().reveal();
    try (Connection c = db().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM access_token")) {
      rs.next();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        Object value = rs.getObject(i);
        String text =
            value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value);
        assertFalse(text.contains(secret), rs.getMetaData().getColumnName(i));
      }
      assertArrayEquals(issued.secret().hash(), rs.getBytes("secret_sha256"));
    }
  }

  @Test
  void usesAreWrittenInABatchWhenFlushedOrListed() throws SQLException {
    IssuedToken issued = service.create("ci", Set.of(Scope.WRITE), Optional.empty());
    service.recordUse(issued.token().id(), NOW.plusSeconds(5));
    service.recordUse(issued.token().id(), NOW.plusSeconds(9));
    assertEquals(0, usedRows());
    service.flushUses();
    assertEquals(1, usedRows());
    assertEquals(Optional.of(NOW.plusSeconds(9)), service.list().get(0).lastUsedAt());
    // A stale time (a slow request finishing late) never moves the recorded time back.
    service.recordUse(issued.token().id(), NOW.plusSeconds(1));
    assertEquals(Optional.of(NOW.plusSeconds(9)), service.list().get(0).lastUsedAt());
  }

  @Test
  void aSecondServiceOnTheSameDatabaseSeesRevocations() {
    IssuedToken issued = service.create("ci", Set.of(Scope.WRITE), Optional.empty());
    JpaTokenService other =
        new JpaTokenService(
            db().transactions(), Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    other.revoke(issued.token().id());
    assertTrue(service.findBySecret(issued.secret().reveal()).orElseThrow().isRevoked());
  }

  private long usedRows() throws SQLException {
    try (Connection c = db().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT COUNT(*) FROM access_token WHERE last_used_at IS NOT NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
