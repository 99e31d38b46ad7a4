/**
 * The store's configuration (DESIGN §6): one immutable {@code StoreConfig} read through
 * MicroProfile Config, with the parsing and defaults in plain code that tests build with a map.
 */
package dev.tvixstore.ejb.config;
