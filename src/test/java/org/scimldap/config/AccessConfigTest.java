package org.scimldap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks at start of who may call the gateway and how it listens: secrets only as hashes, no
 * short plain token, no plain HTTP off the loopback unless allowed, and complete TLS and OAuth
 * settings. Every message names the key and where its value came from, never a secret.
 */
class AccessConfigTest {
  private static final String HASH =
      "3eb1bd439947eb762998e566ccc2e099c791118b2f40579cc4f7da2b5061b7f9";

  @TempDir Path dir;

  private ConfigException refused(Map<String, String> env, String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("g.yaml"), yaml);
    return assertThrows(ConfigException.class, () -> new ConfigLoader(env).load(file));
  }

  @Test
  void aShortEnvironmentTokenStopsTheStartWithoutShowingIt() throws Exception {
    ConfigException e = refused(Map.of("GATEWAY_TOKEN", "short-secret-123"), "");
    assertTrue(
        e.getMessage().startsWith("environment variable GATEWAY_TOKEN: auth.environmentToken"),
        e.getMessage());
    assertTrue(e.getMessage().contains("shorter than 32 characters"), e.getMessage());
    assertFalse(e.getMessage().contains("short-secret-123"), e.getMessage());
  }

  @Test
  void aTokenOf32CharactersIsEnough() {
    String token = "0123456789abcdef0123456789abcdef";
    assertEquals(
        token, new ConfigLoader(Map.of("GATEWAY_TOKEN", token)).load().auth().environmentToken());
  }

  @Test
  void aPlainTokenWhereAHashBelongsIsRefusedAndNotShown() throws Exception {
    ConfigException e =
        refused(
            Map.of(),
            "auth:\n  clients:\n    - name: okta\n      tokenHashes: [plain-secret-0123456789]\n");
    assertTrue(e.getMessage().startsWith(dir.resolve("g.yaml") + ":4:21: "), e.getMessage());
    assertTrue(e.getMessage().contains("auth.clients[0].tokenHashes[0]"), e.getMessage());
    assertTrue(e.getMessage().contains("hash-token"), e.getMessage());
    assertFalse(e.getMessage().contains("plain-secret"), e.getMessage());
  }

  @Test
  void clientsNeedANameAndASecretAndBasicNeedsAHash() throws Exception {
    assertTrue(
        refused(Map.of(), "auth:\n  clients:\n    - tokenHashes: [" + HASH + "]\n")
            .getMessage()
            .contains("auth.clients[0].name must not be empty"));
    assertTrue(
        refused(Map.of(), "auth:\n  clients:\n    - name: a\n")
            .getMessage()
            .contains("has neither tokenHashes nor a username"));
    assertTrue(
        refused(Map.of(), "auth:\n  clients:\n    - {name: a, username: u, passwordHash: pw}\n")
            .getMessage()
            .contains("auth.clients[0].passwordHash must be the SHA-256"));
    assertTrue(
        refused(
                Map.of(),
                "auth:\n  clients:\n    - {name: a, tokenHashes: ["
                    + HASH
                    + "]}\n    - {name: A, tokenHashes: ["
                    + HASH
                    + "]}\n")
            .getMessage()
            .contains("names two clients"));
  }

  @Test
  void rightsHaveDefaultsAndRefuseUnknownKeys() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("ok.yaml"),
            "auth:\n  clients:\n    - {name: a, tokenHashes: ["
                + HASH
                + "], rights: {write: []}}\n");
    ClientConfig client = new ConfigLoader(Map.of()).load(file).auth().clients().get(0);
    assertEquals(new RightsConfig(List.of("*"), List.of(), false), client.rights());

    ConfigException e =
        refused(
            Map.of(),
            "auth:\n  clients:\n    - {name: a, tokenHashes: ["
                + HASH
                + "], rights: {wirte: []}}\n");
    assertTrue(e.getMessage().contains("unknown key 'wirte'"), e.getMessage());
  }

  @Test
  void plainHttpOffTheLoopbackStopsTheStart() throws Exception {
    ConfigException e = refused(Map.of("GATEWAY_HTTP_HOST", "0.0.0.0"), "");
    assertTrue(
        e.getMessage().startsWith("environment variable GATEWAY_HTTP_HOST: http.host is 0.0.0.0"),
        e.getMessage());
    assertTrue(e.getMessage().contains("http.allowPlainHttp: true"), e.getMessage());
    assertTrue(e.getMessage().contains("GATEWAY_TLS_CERT_FILE"), e.getMessage());

    for (String loopback : new String[] {"127.0.0.1", "localhost", "::1"}) {
      assertEquals(
          loopback,
          new ConfigLoader(Map.of("GATEWAY_HTTP_HOST", loopback)).load().http().host(),
          "plain HTTP is fine on " + loopback);
    }
    assertTrue(
        new ConfigLoader(
                Map.of("GATEWAY_HTTP_HOST", "0.0.0.0", "GATEWAY_HTTP_ALLOW_PLAIN_HTTP", "true"))
            .load()
            .http()
            .allowPlainHttp());
    assertTrue(
        new ConfigLoader(
                Map.of(
                    "GATEWAY_HTTP_HOST", "0.0.0.0",
                    "GATEWAY_TLS_CERT_FILE", "/etc/gw/cert.pem",
                    "GATEWAY_TLS_KEY_FILE", "/etc/gw/key.pem"))
            .load()
            .http()
            .tls()
            .enabled());
  }

  @Test
  void tlsNeedsACompletePairOrAKeyStore() throws Exception {
    assertTrue(
        refused(Map.of("GATEWAY_TLS_CERT_FILE", "/etc/gw/cert.pem"), "")
            .getMessage()
            .contains("http.tls.keyFile must be set together with http.tls.certFile"));
    assertTrue(
        refused(
                Map.of(
                    "GATEWAY_TLS_CERT_FILE", "/c.pem",
                    "GATEWAY_TLS_KEY_FILE", "/k.pem",
                    "GATEWAY_TLS_KEYSTORE", "/s.p12"),
                "")
            .getMessage()
            .contains("http.tls.keyStore cannot be set together with http.tls.certFile"));
  }

  @Test
  void oauthNeedsAnAudienceAndOneKeySet() throws Exception {
    assertTrue(
        refused(Map.of(), "auth:\n  oauth:\n    issuer: https://idp\n    jwksFile: /k.json\n")
            .getMessage()
            .contains("auth.oauth.audience must not be empty"));
    assertTrue(
        refused(Map.of(), "auth:\n  oauth:\n    issuer: https://idp\n    audience: gw\n")
            .getMessage()
            .contains("auth.oauth.jwksFile or auth.oauth.jwksUrl must be set"));
    assertTrue(
        refused(
                Map.of(),
                "auth:\n  oauth:\n    issuer: https://idp\n    audience: gw\n"
                    + "    jwksUrl: http://idp.example.com/keys\n")
            .getMessage()
            .contains("auth.oauth.jwksUrl must be an https:// URL"));
  }

  @Test
  void theFormerListOfPlainTokensIsRefusedWithoutShowingThem() throws Exception {
    ConfigException e = refused(Map.of(), "auth:\n  tokens: [old-plain-token-0123456789]\n");
    assertTrue(e.getMessage().contains("unknown key 'tokens' at 'auth.tokens'"), e.getMessage());
    assertTrue(e.getMessage().contains("clients"), e.getMessage());
    assertFalse(e.getMessage().contains("old-plain-token"), e.getMessage());
  }
}
