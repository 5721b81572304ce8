package org.scimldap.config;

/**
 * Where and how the SCIM endpoint listens: the {@code http} section of the configuration.
 *
 * @param host interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port TCP port; 0 picks a free one
 * @param basePath path prefix of the SCIM endpoints, e.g. {@code /scim/v2}; a missing leading slash
 *     is added and a trailing one dropped
 * @param publicUrl absolute base URL that clients see (used in {@code Location} and {@code
 *     meta.location}); empty for {@code http://host:port/basePath} of this configuration (with
 *     {@code localhost} for a wildcard host); a trailing slash is dropped
 * @param maxBodyBytes largest accepted request body; larger gets 413
 * @param maxResults largest page a list returns, whatever {@code count} asks
 * @param requestDeadlineMillis time a request has for all of its directory operations together
 *     (searches, writes, retries, waits for a connection); past it the answer is a retryable 503
 * @param idleTimeoutMillis longest silence on a client connection (while it sends its request or
 *     between requests) before the connection is closed
 * @param bodyReadDeadlineMillis longest time a client may take to send a request body; a slower one
 *     gets 408 and the connection is closed
 * @param shutdownGraceMillis on stop, how long requests under way have to finish; new ones get 503
 *     meanwhile
 * @param allowPlainHttp whether plain HTTP may listen on an interface other than the loopback (for
 *     a TLS-terminating proxy in front); without it, such a host needs {@code tls}
 * @param tls the certificate and key of HTTPS; none for plain HTTP
 */
public record HttpConfig(
    String host,
    int port,
    String basePath,
    String publicUrl,
    long maxBodyBytes,
    int maxResults,
    long requestDeadlineMillis,
    long idleTimeoutMillis,
    long bodyReadDeadlineMillis,
    long shutdownGraceMillis,
    boolean allowPlainHttp,
    TlsConfig tls) {

  public HttpConfig {
    Checks.text("http.host", host);
    Checks.port("http.port", port);
    basePath = stripTrailingSlash(leadingSlash(Checks.text("http.basePath", basePath)));
    publicUrl = stripTrailingSlash(Checks.present("http.publicUrl", publicUrl).trim());
    Checks.positive("http.maxBodyBytes", maxBodyBytes);
    Checks.positive("http.maxResults", maxResults);
    Checks.positive("http.requestDeadlineMillis", requestDeadlineMillis);
    Checks.positive("http.idleTimeoutMillis", idleTimeoutMillis);
    Checks.positive("http.bodyReadDeadlineMillis", bodyReadDeadlineMillis);
    Checks.positive("http.shutdownGraceMillis", shutdownGraceMillis);
    Checks.present("http.tls", tls);
    if (!tls.enabled() && !allowPlainHttp && !Loopback.is(host)) {
      throw new InvalidValueException(
          "http.host",
          "is "
              + host
              + ", not the loopback, and no certificate is configured: plain HTTP would carry"
              + " tokens and passwords over the network. Set http.tls (GATEWAY_TLS_CERT_FILE and"
              + " GATEWAY_TLS_KEY_FILE) to serve HTTPS, or http.allowPlainHttp: true"
              + " (GATEWAY_HTTP_ALLOW_PLAIN_HTTP=true) behind a TLS-terminating proxy");
    }
  }

  /** This configuration listening on another port. */
  public HttpConfig withPort(int port) {
    return new HttpConfig(
        host,
        port,
        basePath,
        publicUrl,
        maxBodyBytes,
        maxResults,
        requestDeadlineMillis,
        idleTimeoutMillis,
        bodyReadDeadlineMillis,
        shutdownGraceMillis,
        allowPlainHttp,
        tls);
  }

  /**
   * The base URL clients see: {@code publicUrl}, or {@code http://host:port/basePath} ({@code
   * https://} with TLS) with the port the server listens on ({@code localhost} for a wildcard
   * host).
   */
  public String publicBase(int listeningPort) {
    if (!publicUrl.isEmpty()) {
      return publicUrl;
    }
    String shown = host;
    if (shown.equals("0.0.0.0") || shown.equals("::")) {
      shown = "localhost";
    }
    if (shown.contains(":")) {
      shown = "[" + shown + "]";
    }
    return (tls.enabled() ? "https://" : "http://") + shown + ":" + listeningPort + basePath;
  }

  private static String leadingSlash(String path) {
    return path.startsWith("/") ? path : "/" + path;
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }
}
