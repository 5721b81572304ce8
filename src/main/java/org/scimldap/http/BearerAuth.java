package org.scimldap.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.scimldap.scim.ScimException;

/** Checks {@code Authorization: Bearer <token>} (RFC 6750) against the configured tokens. */
final class BearerAuth {
  private final List<byte[]> tokens;

  BearerAuth(List<String> tokens) {
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("at least one bearer token is required");
    }
    this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  void check(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new ScimException(
          401, null, "Authentication required: send 'Authorization: Bearer <token>'");
    }
    String[] parts = header.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
      throw new ScimException(401, null, "Only bearer tokens are accepted");
    }
    byte[] presented = parts[1].trim().getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (byte[] token : tokens) {
      ok |= MessageDigest.isEqual(token, presented);
    }
    if (!ok) {
      throw new ScimException(401, null, "The bearer token is not valid");
    }
  }
}
