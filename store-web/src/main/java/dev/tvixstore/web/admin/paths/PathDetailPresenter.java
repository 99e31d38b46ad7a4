package dev.tvixstore.web.admin.paths;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.ejb.gc.GcService;
import dev.tvixstore.ejb.pathinfo.PathClosure;
import dev.tvixstore.ejb.pathinfo.PathInfoBrowser;
import dev.tvixstore.ejb.pathinfo.PathSummary;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.NarInfo;
import dev.tvixstore.nix.Nixbase32;
import dev.tvixstore.nix.SigningKey;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoIndex;
import dev.tvixstore.store.PathInfoService;
import dev.tvixstore.store.StorePath;
import dev.tvixstore.web.cache.CacheSigningKeys;
import dev.tvixstore.web.cache.NarInfoCache;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Decides what the detail page of a store path shows and does: its narinfo, references and
 * referrers, closure size, the castore tree, file contents and the delete. Slow work (closure,
 * delete) runs on an executor and completes a future; the view applies the result in its UI.
 */
public final class PathDetailPresenter {

  /** Deletes paths as the admin API does ({@link GcService#delete}), and forgets their narinfos. */
  public interface Deleter {
    List<String> delete(StorePath path, boolean withReferrers);
  }

  /** What the database knows of a path beyond its PathInfo: {@link PathInfoBrowser}. */
  public interface Facts {
    Optional<Instant> createdAt(StorePath path);

    PathClosure closure(StorePath path);
  }

  private final PathInfoService paths;
  private final PathInfoIndex index;
  private final Facts browser;
  private final CastoreTree tree;
  private final BlobService blobs;
  private final Supplier<List<SigningKey>> signers;
  private final Deleter deleter;
  private final Executor executor;

  public PathDetailPresenter(PathInfoService paths, PathInfoIndex index, Facts browser,
      DirectoryService directories, BlobService blobs, Supplier<List<SigningKey>> signers,
      Deleter deleter, Executor executor) {
    this.paths = Objects.requireNonNull(paths, "paths");
    this.index = Objects.requireNonNull(index, "index");
    this.browser = Objects.requireNonNull(browser, "browser");
    this.tree = new CastoreTree(directories);
    this.blobs = Objects.requireNonNull(blobs, "blobs");
    this.signers = Objects.requireNonNull(signers, "signers");
    this.deleter = Objects.requireNonNull(deleter, "deleter");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** The presenter wired to the deployed services. */
  public static PathDetailPresenter fromContainer() {
    CDI<Object> cdi = CDI.current();
    GcService gc = cdi.select(GcService.class).get();
    NarInfoCache narInfos = cdi.select(NarInfoCache.class).get();
    Deleter deleter = (path, withReferrers) -> {
      List<String> deleted = gc.delete(path, withReferrers);
      deleted.forEach(b -> narInfos.invalidate(StorePath.parse(b).hashPart()));
      return deleted;
    };
    PathInfoBrowser browser = new PathInfoBrowser(cdi.select(Transactions.class).get());
    Facts facts = new Facts() {
      @Override
      public Optional<Instant> createdAt(StorePath path) {
        return browser.find(path).map(PathSummary::createdAt);
      }

      @Override
      public PathClosure closure(StorePath path) {
        return browser.closure(path);
      }
    };
    return new PathDetailPresenter(
        cdi.select(PathInfoService.class).get(),
        cdi.select(PathInfoIndex.class).get(),
        facts,
        cdi.select(DirectoryService.class).get(),
        cdi.select(BlobService.class).get(),
        cdi.select(CacheSigningKeys.class).get()::keys,
        deleter,
        managedExecutor());
  }

  static Executor managedExecutor() {
    try {
      return InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
    } catch (NamingException e) {
      throw new IllegalStateException("no managed executor for the console", e);
    }
  }

  /**
   * The stored path with hash part {@code hash}, or empty when none is stored.
   *
   * @throws InvalidRequestException if {@code hash} is not 32 nixbase32 characters
   */
  public Optional<PathDetail> load(String hash) {
    if (hash == null || hash.length() != StorePath.HASH_PART_LENGTH) {
      throw new InvalidRequestException("a store path hash is 32 nixbase32 characters, got '"
          + hash + "'");
    }
    byte[] digest = Nixbase32.decode(hash, StorePath.DIGEST_LENGTH);
    return paths.get(digest).map(info -> new PathDetail(
        info,
        browser.createdAt(info.storePath()),
        index.referrers(digest).stream().filter(r -> !r.equals(info.storePath())).toList(),
        narInfo(info)));
  }

  private String narInfo(PathInfo info) {
    NarInfo n = info.toNarInfo();
    for (SigningKey key : signers.get()) {
      n = n.sign(key);
    }
    return n.render();
  }

  /** The closure's size, computed in the background. */
  public CompletableFuture<PathClosure> closure(StorePath path) {
    return CompletableFuture.supplyAsync(() -> browser.closure(path), executor);
  }

  /** The entries at {@code dir} (steps from the root) of {@code info}'s tree. */
  public List<TreeEntry> list(PathInfo info, List<String> dir) {
    return tree.list(info.node(), info.storePath().toBasename(), dir);
  }

  /** A stored file's content, streamed; empty if the blob is not stored. */
  public Optional<BlobReader> open(B3Digest blob) {
    return blobs.openRead(blob);
  }

  /**
   * Deletes {@code path} (and with {@code withReferrers} every path referring to it) in the
   * background; the future fails with the store's reason (referrers, pins) when refused.
   */
  public CompletableFuture<List<String>> delete(StorePath path, boolean withReferrers) {
    return CompletableFuture.supplyAsync(() -> deleter.delete(path, withReferrers), executor);
  }
}
