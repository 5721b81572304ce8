package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.embedded.EmbeddedSchema;
import org.scimldap.ldap.DirectoryUnusableException;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient.Response;
import org.scimldap.testsupport.TestCertificates;

/**
 * The gateway talks to directories over TLS: {@code ldaps://} and StartTLS, trusting the
 * directory's certificate through the configured trust store (with a CA file besides), and refusing
 * to start on one it does not trust.
 */
class SecureDirectoryTest {
  private static final String PASSWORD = "changeit";

  @TempDir Path dir;
  private InMemoryDirectoryServer directory;
  private Path trustStore;

  @BeforeEach
  void start() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    trustStore = dir.resolve("trust.p12");
    Path cert = dir.resolve("server.crt");
    keytool(
        "-genkeypair",
        "-alias",
        "ldap",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-alias",
        "ldap",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        cert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ldap",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trustStore.toString(),
        "-storepass",
        PASSWORD);

    SSLUtil server =
        new SSLUtil(
            new KeyStoreKeyManager(keyStore.toFile(), PASSWORD.toCharArray(), "PKCS12", "ldap"),
            new TrustAllTrustManager());
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials("cn=admin,dc=example,dc=com", "secret");
    // The schema the OpenLDAP preset needs (pwdAccountLockedTime), or the gateway refuses to start.
    config.setSchema(EmbeddedSchema.schema());
    InetAddress loopback = InetAddress.getLoopbackAddress();
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPSConfig(
            "ldaps", loopback, 0, server.createSSLServerSocketFactory(), null),
        InMemoryListenerConfig.createLDAPConfig(
            "starttls", loopback, 0, server.createSSLSocketFactory()));
    directory = new InMemoryDirectoryServer(config);
    directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
    directory.add(
        "dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
    directory.add(
        "dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
    directory.startListening();
  }

  @AfterEach
  void stop() {
    directory.shutDown(true);
  }

  @Test
  void ldapsWithTheDirectorysCertificateInTheTrustStore() throws Exception {
    String url = "ldaps://127.0.0.1:" + directory.getListenPort("ldaps");
    try (GatewayUnderTest gateway = GatewayUnderTest.embedded(tlsEnv(url, trustStore, null))) {
      createdAndStored(gateway, "tls.user");
    }
  }

  @Test
  void startTlsUpgradesAPlainConnection() throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, "ldap:\n  startTls: true\n");
    String url = "ldap://127.0.0.1:" + directory.getListenPort("starttls");
    try (GatewayUnderTest gateway = GatewayUnderTest.embedded(tlsEnv(url, trustStore, config))) {
      createdAndStored(gateway, "starttls.user");
    }
  }

  @Test
  void anUntrustedCertificateStopsTheStartRatherThanFallingBack() throws Exception {
    String url = "ldaps://127.0.0.1:" + directory.getListenPort("ldaps");
    Map<String, String> env = new HashMap<>(tlsEnv(url, trustStore, null));
    env.remove("GATEWAY_LDAP_TRUSTSTORE");
    DirectoryUnusableException e =
        assertThrows(DirectoryUnusableException.class, () -> GatewayUnderTest.embedded(env));
    assertTrue(
        e.getMessage().contains("(CN=127.0.0.1), issued by CN=127.0.0.1, is not trusted by"),
        e.getMessage());
  }

  @Test
  void theTrustStoreAndTheCaFileAreTrustedBoth() throws Exception {
    String url = "ldaps://127.0.0.1:" + directory.getListenPort("ldaps");
    Map<String, String> env = new HashMap<>(tlsEnv(url, trustStore, null));
    env.put("GATEWAY_LDAP_CA_FILE", TestCertificates.samplePem("unrelated-ca.pem").toString());
    try (GatewayUnderTest gateway = GatewayUnderTest.embedded(env)) {
      createdAndStored(gateway, "both.user");
    }
  }

  private void createdAndStored(GatewayUnderTest gateway, String userName) throws Exception {
    Response r =
        gateway
            .client()
            .post("/Users", GatewayTest.user(userName, "T", "L", userName + "@example.com"));
    assertEquals(201, r.status(), r.toString());
    assertNotNull(directory.getEntry("uid=" + userName + ",ou=people,dc=example,dc=com"));
  }

  private static Map<String, String> tlsEnv(String url, Path trustStore, Path config) {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_LDAP_URL", url);
    env.put("GATEWAY_LDAP_BIND_DN", "cn=admin,dc=example,dc=com");
    env.put("GATEWAY_LDAP_BIND_PASSWORD", "secret");
    env.put("GATEWAY_LDAP_TRUSTSTORE", trustStore.toString());
    env.put("GATEWAY_LDAP_TRUSTSTORE_PASSWORD", PASSWORD);
    if (config != null) {
      env.put("GATEWAY_CONFIG", config.toString());
    }
    return env;
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
  }
}
