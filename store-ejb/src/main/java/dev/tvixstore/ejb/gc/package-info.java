/**
 * Garbage collection (issue 7): mark what the roots reach, sweep the rest; per-path delete and
 * pins. Plain classes a test builds with {@code new} ({@link
 * dev.tvixstore.ejb.gc.GarbageCollector}, {@link dev.tvixstore.ejb.gc.PathDeleter}) and one EJB
 * facade ({@link dev.tvixstore.ejb.gc.GcService}). Uses ejb.persistence (SQL), ejb.blob (chunk
 * files) and store-api; knows nothing of HTTP.
 *
 * <h2>Roots and mark</h2>
 * Roots are every path_info row, every nar_upload row created after the cutoff, and every
 * directory touched after it. Marking is set-based SQL into the scratch tables {@code
 * gc_live_directory} (breadth-first by depth over {@code directory_edge}) and {@code gc_live_blob}
 * (over {@code directory_blob}, plus file roots); root nodes are parsed in pages. Directories
 * stored before V4 get their {@code directory_blob} rows first (backfill, batched, resumable via
 * {@code directory.blobs_indexed}): at GC rather than in the migration, so that an upgrade starts
 * at once and the work is visible as a GC phase.
 *
 * <h2>The cutoff</h2>
 * {@code cutoff = min(start - grace, opening time of the oldest blob writer still open in this
 * JVM)}. Nothing touched at or after it is swept: such a writer may have found a chunk file
 * present (dedup) and will commit its rows later. Row times are the database's clock, file times
 * the JVM's; the row cutoff is the database's "now" minus the same age. The cutoffs are read while
 * no touching transaction of this JVM is open ({@code dev.tvixstore.ejb.persistence.WriteBarrier}):
 * a transaction that touched a row before the cutoff has committed before the mark starts (so the
 * mark sees the path it stored), and every later touch is stamped after the cutoff. The store runs
 * as one server per database; GCs or writers in other JVMs are not ordered this way.
 *
 * <h2>Writers (touch protocol)</h2>
 * Every write that re-uses or newly references a stored row touches it ({@code
 * dev.tvixstore.ejb.persistence.Touch}: {@code UPDATE ... SET touched_at}) in its own
 * transaction: the blob catalog its blob (or, for a new blob, its chunks), a directory put its
 * directories and the children and blobs they name, a path put its root. A named blob found only
 * as its single chunk (whose digest it shares) gets its blob row back ({@code
 * dev.tvixstore.ejb.persistence.BlobReferences}): chunks live only through blobs. The update's
 * row lock orders it against GC's delete of that row: either GC deleted first (the writer then
 * inserts again, or fails cleanly for a child it only referenced) or GC's delete sees the new
 * touched_at and skips the row. Re-used chunk files get their mtime set ({@code
 * ChunkFileStore.put}); a touch that finds the file gone writes it again.
 *
 * <h2>Sweep: rows first, files after</h2>
 * Each delete is guarded in its statement: touched before the cutoff, not marked, and not
 * referenced now (no {@code directory_edge} into a directory, no {@code directory_blob} into a
 * blob, no {@code blob_chunk} into a chunk). Directories go in passes (a child becomes free once
 * its dead parents are gone), then blobs, chunks, and old nar_upload rows whose narinfo never came.
 * After a chunk row's delete commits, its file is renamed to a trash name, its mtime is read
 * again, and a file touched at or after the cutoff is renamed back (unless a new file took its
 * place), else deleted. Last, chunk files without a row and untouched since the cutoff (a crashed
 * writer's, or a crashed GC's) and trash files are collected the same way.
 *
 * <h2>Crashes</h2>
 * A kill at any point leaves only rows whose files exist (files go after rows) and files a later
 * run finds (rowless files, trash files, scratch tables it clears). The next run simply runs
 * again; a run left RUNNING by a dead JVM is marked INTERRUPTED when the next one starts.
 */
package dev.tvixstore.ejb.gc;
