package dev.tvixstore.grpc.convert;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.CastoreProto;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.InvalidDirectoryException;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.protos.castore.StatBlobResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Proto to and from domain for the castore services. Directory conversion is store-api's {@link
 * CastoreProto}; this class adds the request fields (digests) and the blob stat messages.
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
}
