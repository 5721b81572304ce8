package org.scimldap.http.auth;

import java.util.List;
import java.util.Map;
import org.scimldap.scim.ScimException;

/**
 * A request refused for who sent it (RFC 7644 §3.12, RFC 7235): 401 with the {@code
 * WWW-Authenticate} challenges to answer, 403 for a client without the right, or 429 with {@code
 * Retry-After} for an address that failed too often.
 */
public final class AccessRefusedException extends ScimException {
  private final Map<String, List<String>> headers;

  private AccessRefusedException(int status, String detail, Map<String, List<String>> headers) {
    super(status, null, detail);
    this.headers = Map.copyOf(headers);
  }

  /** 401: no credential, or one that is not valid; {@code challenges} say what to send. */
  static AccessRefusedException unauthenticated(String detail, List<String> challenges) {
    return new AccessRefusedException(401, detail, Map.of("WWW-Authenticate", challenges));
  }

  /** 403: the client is known but may not do this. */
  public static AccessRefusedException forbidden(String detail) {
    return new AccessRefusedException(403, detail, Map.of());
  }

  /** 429: too many failed attempts from the client's address. */
  static AccessRefusedException tooManyFailures(long retryAfterSeconds) {
    return new AccessRefusedException(
        429,
        "Too many failed authentication attempts from this address; retry after "
            + retryAfterSeconds
            + " seconds",
        Map.of("Retry-After", List.of(String.valueOf(retryAfterSeconds))));
  }

  /** The response headers that go with the error, each with its values in order. */
  public Map<String, List<String>> headers() {
    return headers;
  }
}
