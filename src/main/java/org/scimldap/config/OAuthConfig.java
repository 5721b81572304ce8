package org.scimldap.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * OAuth 2.0 bearer JWTs (RFC 9068, RFC 7519) accepted besides the clients' own tokens: the {@code
 * auth.oauth} section. Empty {@code issuer} turns it off.
 *
 * @param issuer the {@code iss} every token must carry
 * @param audience a value the token's {@code aud} must hold
 * @param jwksFile JSON Web Key Set file (RFC 7517) with the issuer's public keys
 * @param jwksUrl or the {@code https://} URL it is published at (fetched and cached; {@code
 *     http://} only on the loopback)
 * @param clientClaim the claim that names the client, e.g. {@code sub} or {@code client_id}
 * @param rightsClaim the claim holding the rights as scopes ({@code scim:read}, {@code
 *     scim:write:User}, …), a space-separated string or a list
 * @param clockSkewSeconds how far {@code exp} and {@code nbf} may be off the gateway's clock
 */
public record OAuthConfig(
    String issuer,
    String audience,
    String jwksFile,
    String jwksUrl,
    String clientClaim,
    String rightsClaim,
    int clockSkewSeconds) {
  public OAuthConfig {
    Checks.present("auth.oauth.issuer", issuer);
    Checks.present("auth.oauth.audience", audience);
    Checks.present("auth.oauth.jwksFile", jwksFile);
    Checks.present("auth.oauth.jwksUrl", jwksUrl);
    Checks.text("auth.oauth.clientClaim", clientClaim);
    Checks.text("auth.oauth.rightsClaim", rightsClaim);
    if (clockSkewSeconds < 0 || clockSkewSeconds > 300) {
      throw new InvalidValueException(
          "auth.oauth.clockSkewSeconds", "must be between 0 and 300, got " + clockSkewSeconds);
    }
    if (!issuer.isBlank()) {
      Checks.text("auth.oauth.audience", audience);
      if (jwksFile.isBlank() == jwksUrl.isBlank()) {
        throw new InvalidValueException(
            "auth.oauth.jwksFile", "or auth.oauth.jwksUrl must be set, one of them only");
      }
      if (!jwksUrl.isBlank()) {
        checkUrl(jwksUrl);
      }
    }
  }

  /** Whether JWTs are accepted. */
  public boolean enabled() {
    return !issuer.isBlank();
  }

  private static void checkUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean loopback = Loopback.is(uri.getHost());
      if (uri.getHost() == null
          || !(scheme.equals("https") || (scheme.equals("http") && loopback))) {
        throw new InvalidValueException(
            "auth.oauth.jwksUrl", "must be an https:// URL (http:// only on the loopback)");
      }
    } catch (URISyntaxException e) {
      throw new InvalidValueException("auth.oauth.jwksUrl", "is not a URL");
    }
  }
}
