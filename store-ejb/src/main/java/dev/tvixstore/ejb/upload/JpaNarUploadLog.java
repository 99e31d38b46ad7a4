package dev.tvixstore.ejb.upload;

import dev.tvixstore.castore.CastoreProto;
import dev.tvixstore.ejb.persistence.InsertIfAbsent;
import dev.tvixstore.ejb.persistence.SqlDialect;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.ejb.persistence.WriteBarrier;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.nix.NixHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link NarUploadLog} in the metadata database (table {@code nar_upload}, migration V3). Plain
 * JDBC through the EntityManager's connection: one table, no entity graph to manage. Concurrent
 * uploads of one file both succeed ({@link InsertIfAbsent}). A record is on disk when {@link
 * #record} returns, also on H2.
 */
public final class JpaNarUploadLog implements NarUploadLog {
  private static final Logger LOG = Logger.getLogger(JpaNarUploadLog.class.getName());
  private static final String COLUMNS =
      "file_sha256, compression, file_size, nar_sha256, nar_size, root_node";

  private final Transactions transactions;

  /** A log whose every read and write is one transaction of {@code transactions}. */
  public JpaNarUploadLog(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public void record(NarUpload upload) {
    WriteBarrier.write(() -> transactions.inTransaction(
        em ->
            em.callWithConnection(
                (Connection c) -> {
                  try (InsertIfAbsent row =
                      InsertIfAbsent.prepare(
                          c,
                          "nar_upload",
                          "file_sha256",
                          "compression",
                          "file_size",
                          "nar_sha256",
                          "nar_size",
                          "root_node")) {
                    row.add(
                        upload.fileSha256().digest(),
                        upload.compression(),
                        upload.fileSize(),
                        upload.narSha256().digest(),
                        upload.narSize(),
                        CastoreProto.encode(upload.root()));
                    if (row.execute()[0]) {
                      return true;
                    }
                  }
                  // A repeated upload renews the record: GC keeps records younger than its grace
                  // period as roots, and one whose narinfo is yet to come must survive.
                  try (PreparedStatement renew =
                      c.prepareStatement(
                          "UPDATE nar_upload SET created_at = CURRENT_TIMESTAMP"
                              + " WHERE file_sha256 = ?")) {
                    renew.setBytes(1, upload.fileSha256().digest());
                    renew.executeUpdate();
                  }
                  return false;
                })));
    syncH2();
  }

  /**
   * H2 keeps commits in memory for up to its write delay (half a second) before writing them out,
   * so a crash right after a NAR PUT's 204 would lose its record, and the blob and directory rows
   * committed before it. A checkpoint writes out and syncs everything committed so far. PostgreSQL
   * commits durably by itself.
   */
  private void syncH2() {
    transactions.inTransaction(
        em ->
            em.callWithConnection(
                (Connection c) -> {
                  if (SqlDialect.of(c) == SqlDialect.H2) {
                    try (Statement s = c.createStatement()) {
                      s.execute("CHECKPOINT SYNC");
                    } catch (SQLException e) {
                      // Needs admin rights; without them the record is as durable as H2 makes it.
                      LOG.log(Level.WARNING, "tvix-store: cannot sync H2 after an upload", e);
                    }
                  }
                  return null;
                }));
  }

  @Override
  public Optional<NarUpload> findByFileSha256(NixHash fileSha256) {
    return findOne("file_sha256", fileSha256);
  }

  @Override
  public Optional<NarUpload> findByNarSha256(NixHash narSha256) {
    return findOne("nar_sha256", narSha256);
  }

  /** {@code column} is one of this class's constants, never input. */
  private Optional<NarUpload> findOne(String column, NixHash hash) {
    byte[] key = hash.digest();
    String sql =
        "SELECT " + COLUMNS + " FROM nar_upload WHERE " + column + " = ? FETCH FIRST 1 ROWS ONLY";
    return transactions.inTransaction(
        em ->
            em.callWithConnection(
                (Connection c) -> {
                  try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setBytes(1, key);
                    try (ResultSet rs = s.executeQuery()) {
                      return rs.next() ? Optional.of(upload(rs)) : Optional.<NarUpload>empty();
                    }
                  }
                }));
  }

  private static NarUpload upload(ResultSet rs) throws SQLException {
    try {
      return new NarUpload(
          NixHash.sha256(rs.getBytes(1)),
          rs.getString(2),
          rs.getLong(3),
          NixHash.sha256(rs.getBytes(4)),
          rs.getLong(5),
          CastoreProto.parseNode(rs.getBytes(6)));
    } catch (RuntimeException e) {
      // The table's constraints make this impossible unless the rows were damaged.
      throw new DataLossException("a nar_upload row cannot be read: " + e.getMessage(), e);
    }
  }
}
