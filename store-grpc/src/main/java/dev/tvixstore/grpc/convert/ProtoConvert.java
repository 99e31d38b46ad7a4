package dev.tvixstore.grpc.convert;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.CastoreProto;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.InvalidDirectoryException;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.protos.castore.StatBlobResponse;
import dev.tvixstore.protos.store.CalculateNARResponse;
import dev.tvixstore.store.InvalidPathInfoException;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoProto;
import dev.tvixstore.store.StorePath;
import java.util.ArrayList;
import java.util.List;

/**
 * Proto to and from domain for the castore and store services. Directory, node and PathInfo
 * conversion is store-api's ({@link CastoreProto}, {@link PathInfoProto}), so that the rules are
 * checked in one place whichever protocol a value arrives by; this class adds the request fields
 * (digests, output hashes) and the blob stat and CalculateNAR messages.
 */
public final class ProtoConvert {

  private ProtoConvert() {}

  /**
   * The digest in a request field.
   *
   * @param field the field's name as the client knows it, e.g. {@code ReadBlobRequest.digest}
   * @throws InvalidRequestException naming the field and its length unless it has 32 bytes
   */
  public static B3Digest digest(ByteString bytes, String field) {
    if (bytes.size() != B3Digest.LENGTH) {
      throw new InvalidRequestException(
          field + " must be " + B3Digest.LENGTH + " bytes, got " + bytes.size());
    }
    return B3Digest.of(bytes.toByteArray());
  }

  /** The 32 digest bytes for a message field. */
  public static ByteString bytes(B3Digest digest) {
    // toBytes() already hands out a private copy: wrapping it saves a second one.
    return UnsafeByteOperations.unsafeWrap(digest.toBytes());
  }

  /**
   * A Directory from the bytes of one message, validated against every rule of DESIGN §2, including
   * that the bytes are the canonical encoding: the digest the store keeps is then the digest of
   * exactly what the client sent.
   *
   * @throws InvalidDirectoryException naming the rule that was broken
   */
  public static Directory directory(byte[] message) {
    return CastoreProto.parseDirectory(message);
  }

  /**
   * A Directory from a decoded message (as a server sends it to a client).
   *
   * @throws InvalidDirectoryException naming the rule that was broken
   */
  public static Directory directory(dev.tvixstore.protos.castore.Directory message) {
    return CastoreProto.fromProto(message);
  }

  /** The message for {@code directory}; it serializes to the canonical encoding. */
  public static dev.tvixstore.protos.castore.Directory toProto(Directory directory) {
    return CastoreProto.toProto(directory);
  }

  /**
   * The Stat answer. The proto has no size field, so a client learns a blob's size from its chunk
   * list only; when the backend lists no chunks (it does not chunk, or the blob is one chunk), the
   * blob is listed as its own single chunk. DESIGN §2 allows that list, Read serves that digest,
   * and tvix clients read a one-chunk blob as a whole.
   *
   * @param sendChunks whether the client asked for chunks; without it the answer is empty
   */
  public static StatBlobResponse toStatResponse(BlobStat stat, boolean sendChunks) {
    StatBlobResponse.Builder response = StatBlobResponse.newBuilder();
    if (!sendChunks) {
      return response.build();
    }
    if (stat.chunks().isEmpty()) {
      return response.addChunks(chunkMeta(stat.digest(), stat.size())).build();
    }
    for (BlobStat.ChunkMeta chunk : stat.chunks()) {
      response.addChunks(chunkMeta(chunk.digest(), chunk.size()));
    }
    return response.build();
  }

  /**
   * The chunk list of a Stat answer.
   *
   * @throws InvalidRequestException if a chunk digest is not 32 bytes or a size is over 2^63-1
   */
  public static List<BlobStat.ChunkMeta> chunks(StatBlobResponse response) {
    List<BlobStat.ChunkMeta> chunks = new ArrayList<>(response.getChunksCount());
    for (int i = 0; i < response.getChunksCount(); i++) {
      StatBlobResponse.ChunkMeta chunk = response.getChunks(i);
      String field = "StatBlobResponse.chunks[" + i + "]";
      if (chunk.getSize() < 0) {
        throw new InvalidRequestException(
            field + ".size " + Long.toUnsignedString(chunk.getSize()) + " is over 2^63-1");
      }
      chunks.add(
          new BlobStat.ChunkMeta(digest(chunk.getDigest(), field + ".digest"), chunk.getSize()));
    }
    return chunks;
  }

  private static StatBlobResponse.ChunkMeta chunkMeta(B3Digest digest, long size) {
    return StatBlobResponse.ChunkMeta.newBuilder().setDigest(bytes(digest)).setSize(size).build();
  }

  /**
   * The store path digest in a request field.
   *
   * @param field the field's name as the client knows it, e.g. {@code
   *     GetPathInfoRequest.by_output_hash}
   * @throws InvalidRequestException naming the field and its length unless it has 20 bytes
   */
  public static byte[] outputHash(ByteString bytes, String field) {
    if (bytes.size() != StorePath.DIGEST_LENGTH) {
      throw new InvalidRequestException(
          field + " must be " + StorePath.DIGEST_LENGTH + " bytes, got " + bytes.size());
    }
    return bytes.toByteArray();
  }

  /**
   * A PathInfo from its message, checked against every rule of DESIGN §3 that needs no store.
   *
   * @throws InvalidPathInfoException naming the broken rule
   * @throws InvalidDirectoryException if the root node itself is invalid
   */
  public static PathInfo pathInfo(dev.tvixstore.protos.store.PathInfo message) {
    return PathInfoProto.fromProto(message);
  }

  /** The message for {@code info}. */
  public static dev.tvixstore.protos.store.PathInfo toProto(PathInfo info) {
    return PathInfoProto.toProto(info);
  }

  /**
   * A root node from its message (as {@code CalculateNAR} takes it); it may be unnamed.
   *
   * @throws InvalidDirectoryException naming the broken rule
   */
  public static Node node(dev.tvixstore.protos.castore.Node message) {
    return CastoreProto.fromProto(message);
  }

  /** The message for a root node. */
  public static dev.tvixstore.protos.castore.Node toProto(Node node) {
    return CastoreProto.toProto(node);
  }

  /** The {@code CalculateNAR} answer. */
  public static CalculateNARResponse toProto(NarCalculation nar) {
    return CalculateNARResponse.newBuilder()
        .setNarSize(nar.narSize())
        .setNarSha256(UnsafeByteOperations.unsafeWrap(nar.narSha256().digest()))
        .build();
  }

  /**
   * The NAR size and hash of a {@code CalculateNAR} answer.
   *
   * @throws InvalidRequestException if the hash is not 32 bytes or the size is not positive (as
   *     unsigned 64-bit: over 2^63-1 does not fit)
   */
  public static NarCalculation narCalculation(CalculateNARResponse response) {
    if (response.getNarSha256().size() != HashAlgorithm.SHA256.length()) {
      throw new InvalidRequestException(
          "CalculateNARResponse.nar_sha256 must be "
              + HashAlgorithm.SHA256.length()
              + " bytes, got "
              + response.getNarSha256().size());
    }
    if (response.getNarSize() <= 0) {
      throw new InvalidRequestException(
          "CalculateNARResponse.nar_size "
              + Long.toUnsignedString(response.getNarSize())
              + " is not a NAR size");
    }
    return new NarCalculation(
        response.getNarSize(), NixHash.sha256(response.getNarSha256().toByteArray()));
  }
}
