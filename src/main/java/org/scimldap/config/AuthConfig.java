package org.scimldap.config;

import java.util.List;
import java.util.Objects;

/**
 * Who may call the SCIM endpoint: the {@code auth} section.
 *
 * @param tokens accepted bearer tokens (RFC 6750); blank entries, such as an unset {@code ${VAR:-}}
 *     leaves, are dropped
 */
public record AuthConfig(List<String> tokens) {
  public AuthConfig {
    tokens =
        Checks.present("auth.tokens", tokens).stream()
            .filter(Objects::nonNull)
            .filter(t -> !t.isBlank())
            .toList();
  }

  /** Says how many tokens there are, never what they are. */
  @Override
  public String toString() {
    return "AuthConfig[tokens=" + tokens.size() + "]";
  }
}
