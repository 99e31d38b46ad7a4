package dev.tvixstore.castore;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Blobs and directories in two maps: the lookups the NAR writer needs, for tests. */
public final class MapCastore implements DirectoryLookup, BlobOpener {
  /** Blob contents by digest. */
  public final Map<B3Digest, byte[]> blobs = new LinkedHashMap<>();
  /** Directories by digest, in the order first put. */
  public final Map<B3Digest, Directory> directories = new LinkedHashMap<>();

  /** Stores a blob; returns its digest. */
  public B3Digest putBlob(byte[] data) {
    B3Digest d = B3Digest.hash(data);
    blobs.put(d, data.clone());
    return d;
  }

  /** Stores a directory; returns the node naming it. */
  public DirectoryNode putDirectory(PathComponent name, Directory dir) {
    directories.putIfAbsent(dir.digest(), dir);
    return DirectoryNode.of(name, dir);
  }

  @Override
  public Optional<Directory> get(B3Digest digest) {
    return Optional.ofNullable(directories.get(digest));
  }

  @Override
  public Optional<InputStream> open(B3Digest digest) {
    return Optional.ofNullable(blobs.get(digest)).map(ByteArrayInputStream::new);
  }
}
