package dev.tvixstore.ejb.auth;

import dev.tvixstore.auth.AccessToken;
import dev.tvixstore.auth.InMemoryTokenService;
import dev.tvixstore.auth.IssuedToken;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.auth.TokenSecret;
import dev.tvixstore.auth.TokenService;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.error.DataLossException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A {@link TokenService} in the metadata database (table {@code access_token},
 * migration V6), in plain JDBC through the EntityManager's connection. Uses are kept in memory and
 * written by {@link #flushUses} in one batch (a caller runs it every few seconds, and {@link
 * #list} first), so that a busy client's calls are not each a database write.
 */
public final class JpaTokenService implements TokenService {
  private static final String COLUMNS =
      "id, name, scopes, created_at, expires_at, last_used_at, revoked_at";

  private final Transactions transactions;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<Long, Instant> pendingUses = new ConcurrentHashMap<>();

  /** Tokens whose every read and write is one transaction of {@code transactions}. */
  public JpaTokenService(Transactions transactions, Clock clock, SecureRandom random) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public IssuedToken create(String name, Set<Scope> scopes, Optional<Instant> expiresAt) {
    Instant now = clock.instant();
    AccessToken.checkName(name);
    Set<Scope> checked = AccessToken.checkScopes(scopes);
    InMemoryTokenService.checkExpiry(expiresAt, now);
    TokenSecret secret = TokenSecret.generate(random);
    long id =
        jdbc(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO access_token (name, secret_sha256, scopes, created_at,"
                          + " expires_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, name);
                s.setBytes(2, secret.hash());
                s.setString(3, labels(checked));
                s.setObject(4, time(now));
                s.setObject(5, expiresAt.map(JpaTokenService::time).orElse(null));
                s.executeUpdate();
              }
              // Portable on H2 and PostgreSQL, unlike the generated-keys API's column naming.
              try (PreparedStatement s =
                  c.prepareStatement("SELECT id FROM access_token WHERE secret_sha256 = ?")) {
                s.setBytes(1, secret.hash());
                try (ResultSet rs = s.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
            });
    AccessToken token =
        new AccessToken(id, name, checked, now, expiresAt, Optional.empty(), Optional.empty());
    return new IssuedToken(token, secret);
  }

  @Override
  public Optional<AccessToken> findBySecret(String presented) {
    byte[] hash = TokenSecret.hash(presented);
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM access_token WHERE secret_sha256 = ?")) {
            s.setBytes(1, hash);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(token(rs)) : Optional.<AccessToken>empty();
            }
          }
        });
  }

  @Override
  public void recordUse(long id, Instant at) {
    pendingUses.merge(id, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Writes the uses recorded since the last flush, in one transaction. */
  public void flushUses() {
    if (pendingUses.isEmpty()) {
      return;
    }
    Map<Long, Instant> batch = new HashMap<>();
    for (Long id : List.copyOf(pendingUses.keySet())) {
      Instant at = pendingUses.remove(id);
      if (at != null) {
        batch.put(id, at);
      }
    }
    jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE access_token SET last_used_at = ? WHERE id = ?"
                      + " AND (last_used_at IS NULL OR last_used_at < ?)")) {
            for (Map.Entry<Long, Instant> use : batch.entrySet()) {
              s.setObject(1, time(use.getValue()));
              s.setLong(2, use.getKey());
              s.setObject(3, time(use.getValue()));
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  @Override
  public List<AccessToken> list() {
    flushUses();
    return jdbc(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM access_token ORDER BY id");
              ResultSet rs = s.executeQuery()) {
            List<AccessToken> all = new ArrayList<>();
            while (rs.next()) {
              all.add(token(rs));
            }
            return all;
          }
        });
  }

  @Override
  public Optional<AccessToken> revoke(long id) {
    OffsetDateTime now = time(clock.instant());
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE access_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            s.setObject(1, now);
            s.setLong(2, id);
            s.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement("SELECT " + COLUMNS + " FROM access_token WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(token(rs)) : Optional.<AccessToken>empty();
            }
          }
        });
  }

  private interface JdbcWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T jdbc(JdbcWork<T> work) {
    return transactions.inTransaction(em -> em.callWithConnection((Connection c) -> work.run(c)));
  }

  private static String labels(Set<Scope> scopes) {
    return scopes.stream().sorted().map(Scope::label).collect(Collectors.joining(","));
  }

  private static OffsetDateTime time(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static Optional<Instant> optionalTime(ResultSet rs, int column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }

  private static AccessToken token(ResultSet rs) throws SQLException {
    try {
      Set<Scope> scopes = EnumSet.noneOf(Scope.class);
      Arrays.stream(rs.getString(3).split(",")).map(Scope::parse).forEach(scopes::add);
      return new AccessToken(
          rs.getLong(1),
          rs.getString(2),
          scopes,
          rs.getObject(4, OffsetDateTime.class).toInstant(),
          optionalTime(rs, 5),
          optionalTime(rs, 6),
          optionalTime(rs, 7));
    } catch (RuntimeException e) {
      // The table's constraints and our writes make this impossible unless the row was edited.
      throw new DataLossException("an access_token row cannot be read: " + e.getMessage(), e);
    }
  }
}
