/** Deployment wiring of the WAR: the data source, the build's version. */
package dev.tvixstore.web.config;
