package org.scimldap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.testsupport.TestCertificates;

class ConfigLoaderTest {
  private static final Path SHIPPED = Path.of("config/gateway.yaml");

  /** Every key set to something other than its default. */
  private static final String EVERY_KEY =
      """
      http:
        host: 10.0.0.1
        port: 8181
        basePath: api/scim/
        publicUrl: https://file.example.com/scim/
        maxBodyBytes: 2048
        maxResults: 50
        requestDeadlineMillis: 4000
        idleTimeoutMillis: 6000
        bodyReadDeadlineMillis: 7000
        shutdownGraceMillis: 8000
        allowPlainHttp: true
        tls:
          keyStore: /file/server.p12
          keyStorePassword: file-ks-pw
      auth:
        clients:
          - name: okta
            tokenHashes: [1111111111111111111111111111111111111111111111111111111111111111]
            rights: {write: [User]}
          - name: legacy
            username: legacy-idp
            passwordHash: abababababababababababababababababababababababababababababababab
        environmentToken: file-token-0123456789abcdef-0123456789
        oauth:
          issuer: https://idp.example.com
          audience: scim-gateway
          jwksUrl: https://idp.example.com/jwks.json
          clientClaim: client_id
          rightsClaim: scp
          clockSkewSeconds: 30
      dataDir: file-data
      store:
        path: file.db
      mapping: mappings/file.yaml
      reloadMapping: false
      ldap:
        urls: [ldap://file.example.com:389]
        startTls: true
        caFile: FILE_CA
        verifyHostname: false
        trustStore: /file/trust.p12
        trustStorePassword: file-trust-pw
        bindDn: cn=file,dc=file
        bindPassword: file-pw
        baseDn: dc=file
        containers: {User: "ou=people,dc=file"}
        poolSize: 3
        connectTimeoutMillis: 1000
        responseTimeoutMillis: 2000
        maxConnectionAgeMillis: 4000
        embedded:
          enabled: false
          port: 3389
      """;

  @TempDir Path dir;

  @Test
  void theShippedFileGivesTheEmbeddedDefault() {
    GatewayConfig c = new ConfigLoader(Map.of()).load(SHIPPED);
    assertTrue(c.ldap().usesEmbedded());
    assertEquals(1389, c.ldap().embedded().port());
    assertEquals("127.0.0.1", c.http().host());
    assertEquals(8080, c.http().port());
    assertEquals("/scim/v2", c.http().basePath());
    assertEquals(Path.of("data", "gateway.db"), c.storePath());
    assertEquals("dc=example,dc=com", c.ldap().baseDn());
    assertEquals(List.of(), c.auth().clients());
    assertEquals("", c.auth().environmentToken());
    assertFalse(c.auth().configured(), "nothing configured: a token is generated");
    assertTrue(c.reloadMapping(), "a mapping file is read again when it changes");
  }

  @Test
  void theShippedFileStatesEveryDefault() throws Exception {
    ObjectNode shipped =
        ConfigFileReader.read(
            SHIPPED.toString(), Files.readString(SHIPPED), Map.of(), new ValueSources("shipped"));
    assertEquals(ConfigDefaults.tree(), shipped, "config/gateway.yaml and ConfigDefaults");
    assertEquals(GatewayConfig.defaults(), new ConfigLoader(Map.of()).load(SHIPPED));
  }

  @Test
  void nothingSetGivesTheDefaults() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing here\n");
    GatewayConfig c = new ConfigLoader(Map.of()).load(empty);
    assertEquals(GatewayConfig.defaults(), c);
    assertEquals(
        new HttpConfig(
            "127.0.0.1",
            8080,
            "/scim/v2",
            "",
            1_048_576,
            200,
            10_000,
            30_000,
            20_000,
            8_000,
            false,
            TlsConfig.none()),
        c.http());
    assertEquals(Path.of("data"), c.dataDir());
    assertEquals(Path.of("data", "gateway.db"), c.storePath());
    assertEquals("mappings/openldap.yaml", c.mapping());
    assertEquals(
        new AuthConfig(List.of(), "", new OAuthConfig("", "", "", "", "sub", "scope", 60)),
        c.auth());
    LdapConfig ldap = c.ldap();
    assertEquals(List.of(), ldap.urls());
    assertFalse(ldap.startTls());
    assertEquals("", ldap.caFile());
    assertTrue(ldap.verifyHostname(), "host names are checked unless turned off");
    assertEquals("", ldap.trustStore());
    assertEquals("", ldap.trustStorePassword());
    assertEquals("", ldap.bindDn());
    assertEquals("", ldap.bindPassword());
    assertEquals("dc=example,dc=com", ldap.baseDn());
    assertEquals(Map.of(), ldap.containers());
    assertEquals(10, ldap.poolSize());
    assertEquals(5_000, ldap.connectTimeoutMillis());
    assertEquals(15_000, ldap.responseTimeoutMillis());
    assertEquals(new EmbeddedConfig(true, 1389), ldap.embedded());
  }

  @Test
  void keysLeftEmptyKeepTheirDefaults() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("g.yaml"),
            "http:\n  host: ''\n  port:\n  basePath: '  '\nldap:\n  baseDn: ''\n  embedded:\n");
    assertEquals(GatewayConfig.defaults(), new ConfigLoader(Map.of()).load(file));
  }

  @Test
  void everyKeyOfTheFileIsRead() throws Exception {
    GatewayConfig c = new ConfigLoader(Map.of()).load(everyKey());
    assertEquals(
        new HttpConfig(
            "10.0.0.1",
            8181,
            "/api/scim",
            "https://file.example.com/scim",
            2048,
            50,
            4_000,
            6_000,
            7_000,
            8_000,
            true,
            new TlsConfig("", "", "/file/server.p12", "file-ks-pw")),
        c.http());
    assertEquals(
        new AuthConfig(
            List.of(
                new ClientConfig(
                    "okta",
                    List.of("1111111111111111111111111111111111111111111111111111111111111111"),
                    "",
                    "",
                    new RightsConfig(List.of("*"), List.of("User"), false)),
                new ClientConfig(
                    "legacy",
                    List.of(),
                    "legacy-idp",
                    "abababababababababababababababababababababababababababababababab",
                    new RightsConfig(List.of("*"), List.of("*"), false))),
            "file-token-0123456789abcdef-0123456789",
            new OAuthConfig(
                "https://idp.example.com",
                "scim-gateway",
                "",
                "https://idp.example.com/jwks.json",
                "client_id",
                "scp",
                30)),
        c.auth());
    assertEquals(Path.of("file-data", "file.db"), c.storePath());
    assertEquals("mappings/file.yaml", c.mapping());
    assertFalse(c.reloadMapping());
    assertEquals(
        new LdapConfig(
            List.of("ldap://file.example.com:389"),
            true,
            TestCertificates.samplePem("file-ca.pem").toString(),
            false,
            "/file/trust.p12",
            "file-trust-pw",
            "cn=file,dc=file",
            "file-pw",
            "dc=file",
            Map.of("User", "ou=people,dc=file"),
            3,
            1000,
            2000,
            4000,
            new EmbeddedConfig(false, 3389)),
        c.ldap());
  }

  static Stream<Arguments> overrides() {
    return Stream.of(
        row("GATEWAY_HTTP_HOST", "0.0.0.0", c -> c.http().host(), "0.0.0.0"),
        row("GATEWAY_HTTP_PORT", "9090", c -> c.http().port(), 9090),
        row(
            "GATEWAY_PUBLIC_URL",
            "https://scim.example.com/scim/v2/",
            c -> c.http().publicUrl(),
            "https://scim.example.com/scim/v2"),
        row(
            "GATEWAY_TOKEN",
            " env-token-0123456789-0123456789-0123 ",
            c -> c.auth().environmentToken(),
            "env-token-0123456789-0123456789-0123"),
        row("GATEWAY_HTTP_ALLOW_PLAIN_HTTP", "false", c -> c.http().allowPlainHttp(), false),
        row(
            "GATEWAY_TLS_KEYSTORE",
            "/env/server.p12",
            c -> c.http().tls().keyStore(),
            "/env/server.p12"),
        row(
            "GATEWAY_TLS_KEYSTORE_PASSWORD",
            "env-ks-pw",
            c -> c.http().tls().keyStorePassword(),
            "env-ks-pw"),
        row(
            "GATEWAY_DATA_DIR",
            "/var/lib/gw",
            GatewayConfig::storePath,
            Path.of("/var/lib/gw/file.db")),
        row(
            "GATEWAY_MAPPING",
            "/etc/gw/mapping.yaml",
            GatewayConfig::mapping,
            "/etc/gw/mapping.yaml"),
        row("GATEWAY_RELOAD_MAPPING", "true", GatewayConfig::reloadMapping, true),
        row(
            "GATEWAY_LDAP_URL",
            "ldaps://a:636  ldaps://b:636",
            c -> c.ldap().urls(),
            List.of("ldaps://a:636", "ldaps://b:636")),
        row("GATEWAY_LDAP_STARTTLS", "false", c -> c.ldap().startTls(), false),
        row("GATEWAY_LDAP_CA_FILE", envCaFile(), c -> c.ldap().caFile(), envCaFile()),
        row("GATEWAY_LDAP_VERIFY_HOSTNAME", "true", c -> c.ldap().verifyHostname(), true),
        row(
            "GATEWAY_LDAP_TRUSTSTORE",
            "/env/trust.p12",
            c -> c.ldap().trustStore(),
            "/env/trust.p12"),
        row(
            "GATEWAY_LDAP_TRUSTSTORE_PASSWORD",
            "env-trust-pw",
            c -> c.ldap().trustStorePassword(),
            "env-trust-pw"),
        row("GATEWAY_LDAP_BIND_DN", "cn=gw,dc=corp", c -> c.ldap().bindDn(), "cn=gw,dc=corp"),
        row("GATEWAY_LDAP_BIND_PASSWORD", "env-pw", c -> c.ldap().bindPassword(), "env-pw"),
        row("GATEWAY_BASE_DN", "dc=corp", c -> c.ldap().baseDn(), "dc=corp"),
        row("GATEWAY_EMBEDDED_LDAP_PORT", "2389", c -> c.ldap().embedded().port(), 2389));
  }

  private static String envCaFile() {
    try {
      return TestCertificates.samplePem("env-ca.pem").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Arguments row(
      String variable, String value, Function<GatewayConfig, Object> read, Object expected) {
    return Arguments.of(variable, value, read, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overrides")
  void eachVariableWinsOverTheFile(
      String variable, String value, Function<GatewayConfig, Object> read, Object expected)
      throws Exception {
    Path file = everyKey();
    GatewayConfig fromFile = new ConfigLoader(Map.of()).load(file);
    assertTrue(!expected.equals(read.apply(fromFile)), "the file sets another value");
    assertEquals(expected, read.apply(new ConfigLoader(Map.of(variable, value)).load(file)));
    assertEquals(
        fromFile,
        new ConfigLoader(Map.of(variable, "  ")).load(file),
        "a blank variable changes nothing");
  }

  @Test
  void everyDocumentedVariableOverridesTheFile() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_HTTP_HOST", "0.0.0.0");
    env.put("GATEWAY_HTTP_PORT", "9090");
    env.put("GATEWAY_DATA_DIR", "/var/lib/gw");
    env.put("GATEWAY_HTTP_ALLOW_PLAIN_HTTP", "true");
    env.put("GATEWAY_TOKEN", "tok-0123456789-0123456789-0123456789");
    env.put("GATEWAY_EMBEDDED_LDAP_PORT", "2389");
    env.put("GATEWAY_LDAP_URL", "ldaps://a:636 ldaps://b:636");
    env.put("GATEWAY_LDAP_BIND_DN", "cn=gw,dc=corp");
    env.put("GATEWAY_LDAP_BIND_PASSWORD", "pw");
    env.put("GATEWAY_BASE_DN", "dc=corp");
    env.put("GATEWAY_MAPPING", "/etc/gw/mapping.yaml");
    env.put("GATEWAY_PUBLIC_URL", "https://scim.example.com/scim/v2/");
    GatewayConfig c = new ConfigLoader(env).load(SHIPPED);
    assertEquals("0.0.0.0", c.http().host());
    assertEquals(9090, c.http().port());
    assertEquals(Path.of("/var/lib/gw", "gateway.db"), c.storePath());
    assertTrue(c.http().allowPlainHttp());
    assertEquals("tok-0123456789-0123456789-0123456789", c.auth().environmentToken());
    assertEquals(2389, c.ldap().embedded().port());
    assertEquals(List.of("ldaps://a:636", "ldaps://b:636"), c.ldap().urls());
    assertFalse(c.ldap().usesEmbedded(), "an LDAP URL turns the embedded directory off");
    assertEquals("cn=gw,dc=corp", c.ldap().bindDn());
    assertEquals("pw", c.ldap().bindPassword());
    assertEquals("dc=corp", c.ldap().baseDn());
    assertEquals("/etc/gw/mapping.yaml", c.mapping());
    assertEquals("https://scim.example.com/scim/v2", c.http().publicUrl());
  }

  @Test
  void everyVariableIsInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (EnvOverrides.Variable v : EnvOverrides.ALL) {
      assertTrue(readme.contains("`" + v.name() + "`"), v.name());
    }
  }

  @Test
  void aBadVariableIsNamedNotTheFile() {
    ConfigException range =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(Map.of("GATEWAY_HTTP_PORT", "99999")).load(SHIPPED));
    assertEquals(
        "environment variable GATEWAY_HTTP_PORT: http.port must be between 0 and 65535, got 99999",
        range.getMessage());

    ConfigException type =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(Map.of("GATEWAY_HTTP_PORT", "abc")).load(SHIPPED));
    assertEquals(
        "environment variable GATEWAY_HTTP_PORT: the value of 'http.port' must be a whole number",
        type.getMessage());

    ConfigException noFile =
        assertThrows(
            ConfigException.class,
            () ->
                new ConfigLoader(Map.of("GATEWAY_CONFIG", "", "GATEWAY_EMBEDDED_LDAP_PORT", "-1"))
                    .load());
    assertTrue(
        noFile.getMessage().startsWith("environment variable GATEWAY_EMBEDDED_LDAP_PORT: "),
        noFile.getMessage());

    ConfigException url =
        assertThrows(
            ConfigException.class,
            () ->
                new ConfigLoader(Map.of("GATEWAY_LDAP_URL", "ldap://a:389 nonsense"))
                    .load(SHIPPED));
    assertTrue(
        url.getMessage().startsWith("environment variable GATEWAY_LDAP_URL: ldap.urls[1] "),
        url.getMessage());
  }

  @Test
  void aBadValueInTheFileNamesFileLineAndKey() throws Exception {
    Path file = dir.resolve("g.yaml");
    Files.writeString(file, "http:\n  host: 0.0.0.0\n  port: 99999\n");
    assertEquals(
        file + ":3:3: http.port must be between 0 and 65535, got 99999",
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
            .getMessage());

    Files.writeString(file, "ldap:\n  embedded: {enabled: maybe}\n");
    assertEquals(
        file + ":2:14: the value of 'ldap.embedded.enabled' must be true or false",
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
            .getMessage());

    Files.writeString(file, "ldap:\n  urls:\n    - ldap://a:389\n    - ''\n");
    assertTrue(
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
            .getMessage()
            .startsWith(file + ":4:7: ldap.urls[1] "));

    Files.writeString(file, "ldap:\n  containers:\n    Group: ou=,,x\n");
    assertTrue(
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
            .getMessage()
            .startsWith(file + ":3:5: ldap.containers.Group is not a valid DN"));

    Files.writeString(file, "ldap: 5\n");
    assertEquals(
        file + ":1:1: the value of 'ldap' must be a mapping of keys to values",
        assertThrows(
                ConfigException.class,
                () -> new ConfigLoader(Map.of("GATEWAY_BASE_DN", "dc=corp")).load(file))
            .getMessage());
  }

  @Test
  void sizesAndTimeoutsMustBePositive() throws Exception {
    Path file = dir.resolve("g.yaml");
    for (String key :
        List.of(
            "http.maxBodyBytes",
            "http.maxResults",
            "http.requestDeadlineMillis",
            "http.idleTimeoutMillis",
            "http.bodyReadDeadlineMillis",
            "http.shutdownGraceMillis",
            "ldap.poolSize",
            "ldap.connectTimeoutMillis",
            "ldap.responseTimeoutMillis",
            "ldap.maxConnectionAgeMillis")) {
      String[] parts = key.split("\\.");
      Files.writeString(file, parts[0] + ":\n  " + parts[1] + ": 0\n");
      ConfigException e =
          assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file));
      assertEquals(file + ":2:3: " + key + " must be positive, got 0", e.getMessage());
    }
  }

  @Test
  void secretsFromTheEnvironmentKeepEveryCharacterAndNeverShowInErrors() throws Exception {
    Path file = dir.resolve("g.yaml");
    Files.writeString(file, "ldap:\n  bindPassword: ${SECRET}\n");
    String secret = "@S3cr3t: pw #not-a-comment";
    GatewayConfig c = new ConfigLoader(Map.of("SECRET", secret)).load(file);
    assertEquals(secret, c.ldap().bindPassword());

    Files.writeString(file, "ldap:\n  bindPassword: ${SECRET}\n  poolSize: ${SECRET}\n");
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> new ConfigLoader(Map.of("SECRET", secret)).load(file));
    assertTrue(e.getMessage().contains("'ldap.poolSize'"), e.getMessage());
    assertTrue(e.getMessage().startsWith(file + ":3:3: "), e.getMessage());
    assertFalse(e.getMessage().contains("S3cr3t"), e.getMessage());
  }

  @Test
  void anUnsetVariableInTheFileIsNamedWithItsPlace() throws Exception {
    Path file = dir.resolve("g.yaml");
    Files.writeString(
        file, "auth:\n  clients: [{name: a, tokenHashes: [${TOKEN_A}, ${TOKEN_B}]}]\n");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(Map.of("TOKEN_A", "secret-token-value")).load(file));
    assertTrue(e.getMessage().startsWith(file + ":2:49: ${TOKEN_B} "), e.getMessage());
    assertTrue(e.getMessage().contains("'auth.clients[0].tokenHashes[1]'"), e.getMessage());
    assertFalse(e.getMessage().contains("secret-token-value"), e.getMessage());
  }

  @Test
  void configurationsNeverShowSecrets() {
    GatewayConfig c =
        new ConfigLoader(
                Map.of(
                    "GATEWAY_LDAP_BIND_PASSWORD", "bind-secret",
                    "GATEWAY_LDAP_TRUSTSTORE_PASSWORD", "trust-secret",
                    "GATEWAY_TOKEN", "token-secret-0123456789-0123456789"))
            .load(SHIPPED);
    for (String shown : List.of(c.toString(), c.ldap().toString(), c.auth().toString())) {
      assertFalse(shown.contains("secret"), shown);
    }
    assertTrue(c.toString().contains("environmentToken=set"), c.toString());
  }

  @Test
  void mistakesNameTheKey() throws Exception {
    Path file = dir.resolve("g.yaml");
    Files.writeString(file, "http:\n  prot: 1\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file));
    assertTrue(
        e.getMessage().startsWith(file + ":2:3: unknown key 'prot' at 'http.prot'"),
        e.getMessage());
    Files.writeString(file, "http:\n  port: 1\n  port: 2\n");
    assertEquals(
        file + ":3:3: 'http.port' is set twice",
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
            .getMessage());
    Files.writeString(file, "http:\n  port: 99999999999\n");
    assertEquals(
        file + ":2:3: the value of 'http.port' is a number out of range",
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
            .getMessage());
    Files.writeString(file, "http: [\n");
    assertTrue(
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
            .getMessage()
            .startsWith(file + ":"));
    Files.writeString(file, "- just\n- a list\n");
    assertTrue(
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
            .getMessage()
            .startsWith(file + ":1:1: "));
    ConfigException missing =
        assertThrows(
            ConfigException.class,
            () ->
                new ConfigLoader(Map.of("GATEWAY_CONFIG", dir.resolve("none.yaml").toString()))
                    .load());
    assertTrue(missing.getMessage().contains("none.yaml"));
    assertThrows(
        ConfigException.class,
        () -> new ConfigLoader(Map.of("GATEWAY_HTTP_PORT", "eighty")).load(SHIPPED));
  }

  @Test
  void directoryNamesAreCheckedAtStart() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(Map.of("GATEWAY_LDAP_BIND_DN", "cn=gw,,")).load(SHIPPED));
    assertTrue(e.getMessage().contains("ldap.bindDn"), e.getMessage());
    assertTrue(e.getMessage().contains("GATEWAY_LDAP_BIND_DN"), e.getMessage());
    assertEquals(
        "svc@corp.example.com",
        new ConfigLoader(Map.of("GATEWAY_LDAP_BIND_DN", "svc@corp.example.com"))
            .load(SHIPPED)
            .ldap()
            .bindDn(),
        "Active Directory's user@domain bind names are accepted");
    assertThrows(
        ConfigException.class,
        () -> new ConfigLoader(Map.of("GATEWAY_BASE_DN", "dc=,,")).load(SHIPPED));
    assertThrows(
        ConfigException.class,
        () -> new ConfigLoader(Map.of("GATEWAY_HTTP_PORT", "70000")).load(SHIPPED));
  }

  @Test
  void aCaFileThatIsMissingOrHoldsNoCertificateIsNamedWithItsSource() throws Exception {
    Path missing = dir.resolve("missing-ca.pem");
    assertEquals(
        "environment variable GATEWAY_LDAP_CA_FILE: ldap.caFile names "
            + missing
            + ", which does not exist",
        assertThrows(
                ConfigException.class,
                () ->
                    new ConfigLoader(Map.of("GATEWAY_LDAP_CA_FILE", missing.toString()))
                        .load(SHIPPED))
            .getMessage());

    Path key =
        Files.writeString(
            dir.resolve("key.pem"),
            "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n");
    Path file = Files.writeString(dir.resolve("g.yaml"), "ldap:\n  caFile: " + key + "\n");
    assertEquals(
        file
            + ":2:3: ldap.caFile names "
            + key
            + ", which holds no PEM certificate (-----BEGIN CERTIFICATE-----); a DER file (.cer)"
            + " converts with openssl x509 -inform der -in ca.cer -out ca.pem",
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
            .getMessage());

    Files.writeString(file, "ldap:\n  verifyHostname: no way\n");
    assertEquals(
        file + ":2:3: the value of 'ldap.verifyHostname' must be true or false",
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
            .getMessage());
  }

  @Test
  void referencesWorkInFlowListsToo() throws Exception {
    Path file = dir.resolve("g.yaml");
    Files.writeString(file, "ldap:\n  urls: [${EXTRA_URL}, 'ldap://fixed:389']\n");
    GatewayConfig c =
        new ConfigLoader(Map.of("EXTRA_URL", "ldap://a:389/dc=x,dc=y??sub?(a=b, c)")).load(file);
    assertEquals(
        List.of("ldap://a:389/dc=x,dc=y??sub?(a=b, c)", "ldap://fixed:389"), c.ldap().urls());
  }

  private Path everyKey() throws Exception {
    return Files.writeString(
        dir.resolve("every-key.yaml"),
        EVERY_KEY.replace("FILE_CA", TestCertificates.samplePem("file-ca.pem").toString()));
  }
}
