package dev.tvixstore.castore.blob;

/** The in-memory reference backend passes the blob contract. */
class InMemoryBlobServiceTest extends BlobServiceContract {
  @Override
  protected BlobService newService() {
    return new InMemoryBlobService();
  }
}
