package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.castore.CastoreProto;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.NarSignature;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.ContentAddress;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.StorePath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link PathInfo} is kept in columns, and back. The root node is kept as its canonical
 * encoding without the name (the name is the store path's basename, kept beside it), the deriver
 * as its basename and the content address as Nix's text. A row that no longer parses was damaged
 * after it was stored: {@link DataLossException}.
 */
final class PathInfoColumns {
  /** JPQL column list of {@link #decode}'s {@code path} row, entity alias {@code p}. */
  static final String PATH =
      "p.digest, p.name, p.rootNode, p.narSize, p.narSha256, p.deriver, p.ca";

  private PathInfoColumns() {}

  /** The root node's unnamed canonical encoding. */
  static byte[] rootNode(Node node) {
    return CastoreProto.encode(node.withName(PathComponent.EMPTY));
  }

  /** The deriver column: its basename, or null. */
  static String deriver(PathInfo info) {
    return info.deriver().map(StorePath::toBasename).orElse(null);
  }

  /** The ca column: Nix's text form, or null. */
  static String ca(PathInfo info) {
    return info.ca().map(ContentAddress::render).orElse(null);
  }

  /**
   * The PathInfo of one stored path.
   *
   * @param path the {@link #PATH} columns
   * @param references {@code (ref_digest, ref_name)} rows in index order
   * @param signatures {@code (name, data)} rows in any order
   * @throws DataLossException if a stored value does not parse
   */
  static PathInfo decode(Object[] path, List<Object[]> references, List<Object[]> signatures) {
    byte[] digest = (byte[]) path[0];
    String name = (String) path[1];
    try {
      StorePath storePath = StorePath.of(digest, name);
      List<StorePath> refs = new ArrayList<>(references.size());
      for (Object[] r : references) {
        StorePath ref = StorePath.parse((String) r[1]);
        if (!Arrays.equals(ref.digest(), (byte[]) r[0])) {
          throw new InvalidRequestException("reference " + r[1] + " is stored with another digest");
        }
        refs.add(ref);
      }
      List<NarSignature> sigs = new ArrayList<>(signatures.size());
      for (Object[] s : signatures) {
        sigs.add(new NarSignature((String) s[0], (byte[]) s[1]));
      }
      return new PathInfo(
          storePath,
          CastoreProto.parseNode((byte[]) path[2]),
          refs,
          (Long) path[3],
          NixHash.sha256((byte[]) path[4]),
          sigs,
          Optional.ofNullable((String) path[5]).map(StorePath::parse),
          Optional.ofNullable((String) path[6]).map(ContentAddress::parse));
    } catch (InvalidRequestException e) {
      // Not the caller's fault: what we stored is damaged (DESIGN §4).
      throw new DataLossException(
          "stored PathInfo of " + name + " does not parse: " + e.getMessage(), e);
    }
  }
}
