package org.scimldap.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may call the SCIM endpoint: the {@code auth} section.
 *
 * @param clients the named clients, each with the hashes of its secrets and its rights
 * @param environmentToken a plain bearer token from the environment ({@code GATEWAY_TOKEN}),
 *     accepted as one more client with every right; empty for none
 * @param oauth OAuth 2.0 bearer JWTs, when its issuer is set
 */
public record AuthConfig(List<ClientConfig> clients, String environmentToken, OAuthConfig oauth) {
  /** The shortest plain token accepted; shorter ones can be guessed. */
  public static final int MIN_TOKEN_LENGTH = 32;

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  public AuthConfig {
    clients = List.copyOf(Checks.present("auth.clients", clients));
    environmentToken = Checks.present("auth.environmentToken", environmentToken).trim();
    Checks.present("auth.oauth", oauth);
    if (!environmentToken.isEmpty() && environmentToken.length() < MIN_TOKEN_LENGTH) {
      throw new InvalidValueException(
          "auth.environmentToken",
          "is shorter than "
              + MIN_TOKEN_LENGTH
              + " characters; use a long random token, e.g. from 'openssl rand -hex 32'");
    }
    checkClients(clients);
  }

  /** Whether any way of authenticating is configured at all. */
  public boolean configured() {
    return !clients.isEmpty() || !environmentToken.isEmpty() || oauth.enabled();
  }

  /** Whether any client signs in with HTTP Basic. */
  public boolean basicEnabled() {
    return clients.stream().anyMatch(ClientConfig::usesBasic);
  }

  private static void checkClients(List<ClientConfig> clients) {
    Set<String> names = new HashSet<>();
    Set<String> usernames = new HashSet<>();
    for (int i = 0; i < clients.size(); i++) {
      ClientConfig c = clients.get(i);
      String key = "auth.clients[" + i + "]";
      Checks.text(key + ".name", c.name());
      if (!names.add(c.name().toLowerCase(Locale.ROOT))) {
        throw new InvalidValueException(key + ".name", "'" + c.name() + "' names two clients");
      }
      for (int j = 0; j < c.tokenHashes().size(); j++) {
        sha256(key + ".tokenHashes[" + j + "]", c.tokenHashes().get(j));
      }
      if (c.usesBasic()) {
        sha256(key + ".passwordHash", c.passwordHash());
        if (!usernames.add(c.username())) {
          throw new InvalidValueException(
              key + ".username", "'" + c.username() + "' is the Basic user name of two clients");
        }
      } else if (!c.passwordHash().isBlank()) {
        throw new InvalidValueException(key + ".passwordHash", "needs a username beside it");
      }
      if (c.tokenHashes().isEmpty() && !c.usesBasic()) {
        throw new InvalidValueException(
            key, "(client '" + c.name() + "') has neither tokenHashes nor a username");
      }
    }
  }

  private static void sha256(String key, String value) {
    if (value == null || !SHA256_HEX.matcher(value.trim()).matches()) {
      throw new InvalidValueException(
          key,
          "must be the SHA-256 of the secret, 64 hex digits (scim-ldap-gateway hash-token"
              + " prints it); a plain secret is never kept in the configuration");
    }
  }

  /** Says how many clients there are, never their secrets. */
  @Override
  public String toString() {
    return "AuthConfig[clients="
        + clients.stream().map(ClientConfig::name).toList()
        + ", environmentToken="
        + (environmentToken.isEmpty() ? "none" : "set")
        + ", oauth="
        + (oauth.enabled() ? oauth.issuer() : "off")
        + "]";
  }
}
