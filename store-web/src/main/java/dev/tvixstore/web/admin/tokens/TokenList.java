package dev.tvixstore.web.admin.tokens;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The token grid's content.
 *
 * @param rows oldest first, revoked and expired ones too
 * @param error why the list could not be read; empty if it was
 */
public record TokenList(List<TokenRow> rows, Optional<String> error) {

  public TokenList {
    rows = List.copyOf(rows);
    Objects.requireNonNull(error, "error");
  }
}
