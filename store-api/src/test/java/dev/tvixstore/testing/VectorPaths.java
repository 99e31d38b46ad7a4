package dev.tvixstore.testing;

import com.google.gson.JsonObject;
import dev.tvixstore.testing.Vectors;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.nix.NarInfo;
import dev.tvixstore.store.NarIngester;
import dev.tvixstore.store.PathInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The vectors' store paths as PathInfos, with their NARs ingested into a store, for the PathInfo
 * contract and any backend test that needs real paths.
 */
public final class VectorPaths {
  private VectorPaths() {}

  /** The case with this id. */
  public static JsonObject byId(String id) {
    return Vectors.caseById(id);
  }

  /** The narinfo Nix wrote for the case. */
  public static NarInfo narInfo(JsonObject c) {
    try {
      return NarInfo.parse(Files.readString(
          Vectors.dir().resolve(c.get("narinfo_file").getAsString()), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ingests the case's NAR into the two services. */
  public static NarIngester.Result ingest(JsonObject c, BlobService blobs, DirectoryService dirs) {
    try (InputStream in = Files.newInputStream(Vectors.nar(c))) {
      return new NarIngester(blobs, dirs).ingest(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ingests the case's NAR and returns the PathInfo its narinfo describes (with signatures). */
  public static PathInfo ingestPathInfo(JsonObject c, BlobService blobs, DirectoryService dirs) {
    NarIngester.Result result = ingest(c, blobs, dirs);
    NarInfo n = narInfo(c);
    return new PathInfo(n.storePath(), result.root(), n.references(), n.narSize(), n.narHash(),
        n.signatures(), n.deriver(), n.ca());
  }
}
