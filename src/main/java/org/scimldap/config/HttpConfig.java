package org.scimldap.config;

/**
 * Where and how the SCIM endpoint listens.
 *
 * @param host interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port TCP port; 0 picks a free one
 * @param basePath path prefix of the SCIM endpoints, e.g. {@code /scim/v2}
 * @param publicUrl absolute base URL that clients see (used in {@code Location} and {@code
 *     meta.location}); empty for {@code http://host:port/basePath} of this configuration (with
 *     {@code localhost} for a wildcard host)
 * @param maxBodyBytes largest accepted request body; larger gets 413
 * @param maxResults largest page a list returns, whatever {@code count} asks
 */
public record HttpConfig(
    String host, int port, String basePath, String publicUrl, long maxBodyBytes, int maxResults) {

  public HttpConfig {
    host = host == null || host.isBlank() ? "127.0.0.1" : host;
    basePath = normalizeBasePath(basePath);
    publicUrl = publicUrl == null ? "" : stripTrailingSlash(publicUrl.trim());
    maxBodyBytes = maxBodyBytes <= 0 ? 1_048_576 : maxBodyBytes;
    maxResults = maxResults <= 0 ? 200 : maxResults;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be 0..65535, got " + port);
    }
  }

  private static String normalizeBasePath(String path) {
    if (path == null || path.isBlank()) {
      return "/scim/v2";
    }
    String p = path.startsWith("/") ? path : "/" + path;
    return stripTrailingSlash(p);
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }
}
