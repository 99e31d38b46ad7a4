package dev.tvixstore.web.it;

import dev.tvixstore.error.InvalidRequestException;
import jakarta.ejb.Stateless;

/** Deployed with {@link StoreStatsIT} only: shows how store exceptions leave an EJB. */
@Stateless
public class ThrowingBean {

  /** Always fails with a domain exception. */
  public void reject(String what) {
    throw new InvalidRequestException("rejected " + what);
  }
}
