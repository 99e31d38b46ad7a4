package dev.tvixstore.ejb.auth;

import dev.tvixstore.auth.AccessToken;
import dev.tvixstore.auth.IssuedToken;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.auth.TokenService;
import dev.tvixstore.error.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's first key to a store (issue 9): when no active admin token exists, one is
 * created and its secret written to {@code <data-dir>/admin-token}, readable by the server's user
 * only. That also covers an operator who revoked the last admin token: a restart issues a new one
 * to whoever can read the data dir, which holds every stored byte anyway.
 */
public final class AdminTokenFile {

  /** The file's name in the data dir. */
  public static final String NAME = "admin-token";

  /** The created token's name, as listed. */
  static final String TOKEN_NAME = "admin (created at first start)";

  private AdminTokenFile() {}

  /**
   * Creates an admin token and writes it to {@code dataDir}/{@value #NAME} unless an active admin
   * token exists.
   *
   * @return the file written; empty when an active admin token existed
   * @throws StorageException if the file cannot be written (the token is revoked again then, so no
   *     secret exists that nobody has)
   */
  public static Optional<Path> ensure(TokenService tokens, Path dataDir, Instant now) {
    boolean haveAdmin =
        tokens.list().stream().anyMatch(t -> t.isActive(now) && t.grants(Scope.ADMIN));
    if (haveAdmin) {
      return Optional.empty();
    }
    IssuedToken issued = tokens.create(TOKEN_NAME, Set.of(Scope.ADMIN), Optional.empty());
    Path file = dataDir.resolve(NAME);
    try {
      write(file, issued.secret().reveal() + "\n");
    } catch (IOException | RuntimeException e) {
      tokens.revoke(issued.token().id());
      throw new StorageException("cannot write the admin token to " + file + ": " + e, e);
    }
    return Optional.of(file);
  }

  /** Whether {@code token} is the one this class creates (the console can say so). */
  public static boolean isGenerated(AccessToken token) {
    return TOKEN_NAME.equals(token.name());
  }

  // Created 0600 from the start (never world-readable for a moment), synced, then renamed over
  // any old file so that a crash leaves either the old secret or the new one, whole.
  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(NAME + ".tmp");
    Files.deleteIfExists(temp);
    try (FileChannel ch =
        FileChannel.open(
            temp,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
      while (bytes.hasRemaining()) {
        ch.write(bytes);
      }
      ch.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
