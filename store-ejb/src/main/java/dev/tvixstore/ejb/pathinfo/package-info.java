/**
 * The PathInfoService on JPA ({@code path_info}, {@code path_reference}, {@code path_signature},
 * {@code nar_calculation}) and the CDI producers of the PathInfo and NAR services. Uses store-api
 * and {@code ejb.persistence}.
 */
package dev.tvixstore.ejb.pathinfo;
