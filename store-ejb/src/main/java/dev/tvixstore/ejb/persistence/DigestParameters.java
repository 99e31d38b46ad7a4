package dev.tvixstore.ejb.persistence;

import jakarta.persistence.TypedQuery;
import java.util.Collection;
import org.hibernate.query.Query;

/**
 * Binds lists of digests to {@code in :name} parameters. JPA's {@code setParameter(name, list)}
 * works, but Hibernate first tries the list as one {@code byte[]} value and throws and catches
 * an exception on every call, which showed in the binary cache's profiles; naming the element
 * type avoids that.
 */
public final class DigestParameters {

  private DigestParameters() {}

  /** {@code query} with {@code digests} bound to {@code name}. */
  public static <T> TypedQuery<T> bind(
      TypedQuery<T> query, String name, Collection<byte[]> digests) {
    Query<?> hibernate = query.unwrap(Query.class);
    hibernate.setParameterList(name, digests, byte[].class);
    return query;
  }
}
