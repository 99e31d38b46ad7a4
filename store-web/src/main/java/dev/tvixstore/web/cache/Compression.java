package dev.tvixstore.web.cache;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The compressions {@code nix copy --to http://…} uploads NAR files in (DESIGN §5), by the file
 * name extension Nix gives them. We store NARs decompressed in castore and serve them uncompressed.
 */
public enum Compression {
  NONE("none", ""),
  XZ("xz", ".xz"),
  ZSTD("zstd", ".zst"),
  BZIP2("bzip2", ".bz2");

  /**
   * xz-java's default memory limit is none. Nix's default (level 6) needs 9 MiB to decompress and
   * level 9 about 65 MiB; a file asking for more is refused rather than trusted.
   */
  private static final int XZ_MEMORY_LIMIT_KIB = 100 * 1024;

  private final String nixName;
  private final String extension;

  Compression(String nixName, String extension) {
    this.nixName = nixName;
    this.extension = extension;
  }

  /** The name narinfo files use in {@code Compression:}. */
  public String nixName() {
    return nixName;
  }

  /** What Nix appends to {@code .nar}: empty for none. */
  public String extension() {
    return extension;
  }

  /** The compression whose extension (after {@code .nar}) is {@code ext}, if any. */
  public static Optional<Compression> ofExtension(String ext) {
    for (Compression c : values()) {
      if (c.extension.equals(ext)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * A stream of {@code in}'s decompressed bytes. Reads {@code in} to its end: concatenated streams
   * are all decompressed (xz and zstd always do; bzip2 is asked to), so that no byte of the upload
   * goes unchecked.
   *
   * <p>The caller closes the result (zstd's native decoder is freed only then), and closing it
   * closes {@code in}. No decoder here has a finalizer: zstd-jni's {@code ZstdInputStream} closes
   * itself, and so {@code in}, when the garbage collector finalizes it, and {@code in} is a request
   * stream the container pools, by then another request's, whose body read then finds its stream
   * closed. That was the NAR uploads that failed now and then with "Stream closed".
   *
   * @throws IOException if the stream header is not valid (also when reading later)
   */
  public InputStream decompress(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case XZ -> new XZInputStream(in, XZ_MEMORY_LIMIT_KIB);
      case ZSTD -> new ZstdInputStreamNoFinalizer(in);
      case BZIP2 -> new BZip2CompressorInputStream(in, true);
    };
  }
}
