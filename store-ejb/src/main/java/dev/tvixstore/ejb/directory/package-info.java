/**
 * The directory service in the metadata database: {@code JpaDirectoryService} (closures validated
 * by store-api's shared {@code ClosureValidator}, stored in one transaction, read back
 * breadth-first in batches) and its CDI producer. Uses store-api and {@code ejb.persistence}.
 */
package dev.tvixstore.ejb.directory;
