package dev.tvixstore.castore.directory;

/** The in-memory reference backend passes the directory contract. */
class InMemoryDirectoryServiceTest extends DirectoryServiceContract {
  @Override
  protected DirectoryService newService() {
    return new InMemoryDirectoryService();
  }
}
