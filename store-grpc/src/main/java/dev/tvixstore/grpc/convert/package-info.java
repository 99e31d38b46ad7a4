/**
 * Conversions between the generated {@code tvix.castore.v1} messages and store-api values, with the
 * validation of DESIGN §2. Uses store-api and the generated protos only; malformed input becomes an
 * {@code InvalidRequestException} that names the field.
 */
package dev.tvixstore.grpc.convert;
