package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.Main;
import org.scimldap.embedded.EmbeddedSchema;
import org.scimldap.ldap.DirectoryUnusableException;
import org.scimldap.testsupport.CapturedLog;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient.Response;
import org.scimldap.testsupport.TestCertificates;

/**
 * TLS to the directory that can be trusted, and a start that says what is wrong: a directory whose
 * certificate names {@code dc1.corp.example.com} and {@code 127.0.0.1} (not {@code localhost}),
 * trusted through {@code ldap.caFile}, over {@code ldaps://} and StartTLS; binds that the directory
 * refuses the way Active Directory and Samba do.
 */
class DirectoryTlsTest {
  private static final String ADMIN = "cn=admin,dc=example,dc=com";
  private static final String PASSWORD = "the-admin-password";
  private static final String NEEDS_TLS = "cn=needs-tls,dc=example,dc=com";
  private static final String DISABLED = "cn=disabled,dc=example,dc=com";

  @TempDir static Path certificates;
  private static TestCertificates dc1;

  private InMemoryDirectoryServer directory;
  private final AtomicBoolean adminPasswordExpired = new AtomicBoolean();

  @BeforeAll
  static void makeCertificate() throws Exception {
    dc1 =
        TestCertificates.create(
            certificates,
            "dc1.corp.example.com",
            List.of("dc1.corp.example.com"),
            List.of("127.0.0.1"));
  }

  @BeforeEach
  void start() throws Exception {
    SSLUtil server =
        new SSLUtil(
            new KeyStoreKeyManager(
                dc1.keyStore().toFile(),
                dc1.keyStorePassword().toCharArray(),
                "PKCS12",
                TestCertificates.ALIAS),
            null);
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials(ADMIN, PASSWORD);
    config.addAdditionalBindCredentials(NEEDS_TLS, PASSWORD);
    config.addAdditionalBindCredentials(DISABLED, PASSWORD);
    config.setSchema(EmbeddedSchema.schema());
    InetAddress loopback = InetAddress.getLoopbackAddress();
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPSConfig(
            "ldaps", loopback, 0, server.createSSLServerSocketFactory(), null),
        InMemoryListenerConfig.createLDAPConfig(
            "starttls", loopback, 0, server.createSSLSocketFactory()));
    config.addInMemoryOperationInterceptor(new RefusingBinds());
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

  /** Refuses binds the way Samba and Active Directory do. */
  private final class RefusingBinds extends InMemoryOperationInterceptor {
    @Override
    public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request)
        throws LDAPException {
      String dn = request.getRequest().getBindDN();
      if (dn.equalsIgnoreCase(NEEDS_TLS)) {
        throw new LDAPException(
            ResultCode.STRONG_AUTH_REQUIRED, "BindSimple: Transport encryption required.");
      }
      if (dn.equalsIgnoreCase(DISABLED)) {
        throw new LDAPException(ResultCode.INVALID_CREDENTIALS, activeDirectory("533"));
      }
      if (dn.equalsIgnoreCase(ADMIN) && adminPasswordExpired.get()) {
        throw new LDAPException(ResultCode.INVALID_CREDENTIALS, activeDirectory("532"));
      }
    }
  }

  private static String activeDirectory(String data) {
    return "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data "
        + data
        + ", v1db1";
  }

  private String ldaps(String host) {
    return "ldaps://" + host + ":" + directory.getListenPort("ldaps");
  }

  private String plain(String host) {
    return "ldap://" + host + ":" + directory.getListenPort("starttls");
  }

  private static Map<String, String> trusting(Path caFile, String... more) {
    Map<String, String> env = new HashMap<>();
    if (caFile != null) {
      env.put("GATEWAY_LDAP_CA_FILE", caFile.toString());
    }
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  private void servesScim(GatewayUnderTest gateway, String userName) throws Exception {
    Response r =
        gateway
            .client()
            .post("/Users", GatewayTest.user(userName, "T", "L", userName + "@example.com"));
    assertEquals(201, r.status(), r.toString());
    assertNotNull(directory.getEntry("uid=" + userName + ",ou=people,dc=example,dc=com"));
  }

  private DirectoryUnusableException refusedStart(String url, Map<String, String> env) {
    return refusedStart(url, ADMIN, env);
  }

  private DirectoryUnusableException refusedStart(
      String url, String bindDn, Map<String, String> env) {
    DirectoryUnusableException e =
        assertThrows(
            DirectoryUnusableException.class,
            () -> GatewayUnderTest.external(url, bindDn, PASSWORD, env).close());
    assertFalse(e.getMessage().contains(PASSWORD), "the password is never shown");
    return e;
  }

  /** The message for a URL with host localhost; {@code where} is the URL, and how TLS starts. */
  private static String mismatch(String where, int port) {
    return "LDAP "
        + where
        + ": the certificate of 127.0.0.1:"
        + port
        + " names dc1.corp.example.com and 127.0.0.1, not localhost: connect with one of those"
        + " names in the LDAP URL, or set GATEWAY_LDAP_VERIFY_HOSTNAME=false"
        + " (ldap.verifyHostname) to accept the certificate for any name";
  }

  private static String untrusted(String port, String trusted, String advice) {
    return "the certificate of 127.0.0.1:"
        + port
        + " (CN=dc1.corp.example.com), issued by CN=dc1.corp.example.com, is not trusted by "
        + trusted
        + ": "
        + advice;
  }

  @Test
  void ldapsToAnAddressTheCertificateNamesWithTheCaFileServesScim() throws Exception {
    try (GatewayUnderTest gateway =
        GatewayUnderTest.external(
            ldaps("127.0.0.1"), ADMIN, PASSWORD, trusting(dc1.certificatePem()))) {
      servesScim(gateway, "ldaps.user");
    }
  }

  @Test
  void startTlsWithTheCaFileServesScim() throws Exception {
    try (GatewayUnderTest gateway =
        GatewayUnderTest.external(
            plain("127.0.0.1"),
            ADMIN,
            PASSWORD,
            trusting(dc1.certificatePem(), "GATEWAY_LDAP_STARTTLS", "true"))) {
      servesScim(gateway, "starttls.user");
    }
  }

  @Test
  void ldapsToAHostTheCertificateDoesNotNameStopsTheStart() {
    String url = ldaps("localhost");
    assertEquals(
        mismatch(url, directory.getListenPort("ldaps")),
        refusedStart(url, trusting(dc1.certificatePem())).getMessage());
  }

  @Test
  void startTlsToAHostTheCertificateDoesNotNameStopsTheStart() {
    String url = plain("localhost");
    assertEquals(
        mismatch(url + " (StartTLS)", directory.getListenPort("starttls")),
        refusedStart(url, trusting(dc1.certificatePem(), "GATEWAY_LDAP_STARTTLS", "true"))
            .getMessage());
  }

  @Test
  void hostNamesUncheckedByChoiceLetTheCertificateThroughWithAWarning() throws Exception {
    CapturedLog logged = CapturedLog.of("org.scimldap.ldap.DirectoryConnector", null);
    try (logged;
        GatewayUnderTest gateway =
            GatewayUnderTest.external(
                ldaps("localhost"),
                ADMIN,
                PASSWORD,
                trusting(dc1.certificatePem(), "GATEWAY_LDAP_VERIFY_HOSTNAME", "false"))) {
      servesScim(gateway, "unchecked.user");
    }
    assertTrue(
        logged.events().stream()
            .anyMatch(
                e ->
                    e.getLevel() == Level.WARN
                        && e.getFormattedMessage()
                            .startsWith(
                                "The host names of "
                                    + ldaps("localhost")
                                    + " are not checked against the directory's certificate")),
        logged.messages().toString());
  }

  @Test
  void withoutACaFileTheJvmsDefaultTrustRefusesTheCertificate() {
    String url = ldaps("127.0.0.1");
    String port = String.valueOf(directory.getListenPort("ldaps"));
    assertEquals(
        "LDAP "
            + url
            + ": "
            + untrusted(
                port,
                "the JVM's default CAs",
                "set GATEWAY_LDAP_CA_FILE (ldap.caFile) to a PEM file with the certificate of"
                    + " CN=dc1.corp.example.com, the CA that issued it"),
        refusedStart(url, trusting(null)).getMessage());
  }

  @Test
  void withoutACaFileStartTlsRefusesTheCertificateToo() {
    String url = plain("127.0.0.1");
    String port = String.valueOf(directory.getListenPort("starttls"));
    assertEquals(
        "LDAP "
            + url
            + " (StartTLS): "
            + untrusted(
                port,
                "the JVM's default CAs",
                "set GATEWAY_LDAP_CA_FILE (ldap.caFile) to a PEM file with the certificate of"
                    + " CN=dc1.corp.example.com, the CA that issued it"),
        refusedStart(url, trusting(null, "GATEWAY_LDAP_STARTTLS", "true")).getMessage());
  }

  @Test
  void aCaFileWithoutTheIssuerRefusesTheCertificate() throws Exception {
    Path other = TestCertificates.samplePem("other-ca.pem");
    String url = ldaps("127.0.0.1");
    String port = String.valueOf(directory.getListenPort("ldaps"));
    assertEquals(
        "LDAP "
            + url
            + ": "
            + untrusted(
                port,
                "the CA file " + other,
                "add the certificate of CN=dc1.corp.example.com, the CA that issued it, to "
                    + other),
        refusedStart(url, trusting(other)).getMessage());
  }

  @Test
  void ldapsToAPortWithoutTlsStopsTheStart() {
    String url = "ldaps://127.0.0.1:" + directory.getListenPort("starttls");
    assertEquals(
        "LDAP "
            + url
            + ": the TLS handshake failed (Unsupported or unrecognized SSL message): the"
            + " directory does not speak TLS on this port; use ldaps:// with its TLS port (636),"
            + " or ldap:// with GATEWAY_LDAP_STARTTLS=true",
        refusedStart(url, trusting(dc1.certificatePem())).getMessage());
  }

  @Test
  void aDirectoryThatRequiresTlsForABindStopsTheStart() {
    String url = plain("127.0.0.1");
    assertEquals(
        "LDAP "
            + url
            + ": bind as "
            + NEEDS_TLS
            + " refused: the directory requires TLS for a simple bind (BindSimple: Transport"
            + " encryption required.): use ldaps:// or GATEWAY_LDAP_STARTTLS=true",
        refusedStart(url, NEEDS_TLS, trusting(null)).getMessage());
  }

  @Test
  void aDisabledAccountStopsTheStartWithActiveDirectorysReason() {
    String url = ldaps("127.0.0.1");
    assertEquals(
        "LDAP "
            + url
            + ": bind as "
            + DISABLED
            + " refused: the account is disabled (AD data 533): enable the account",
        refusedStart(url, DISABLED, trusting(dc1.certificatePem())).getMessage());
  }

  @Test
  void anUnreachableDirectoryStillStartsAndAnswers503() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    try (GatewayUnderTest gateway =
        GatewayUnderTest.external(
            "ldaps://127.0.0.1:" + closed, ADMIN, PASSWORD, trusting(dc1.certificatePem()))) {
      Response r = gateway.client().get("/Users");
      assertEquals(503, r.status(), r.toString());
    }
  }

  @Test
  void aBindRefusedLaterIsLoggedWithItsReasonAndAnswered503() throws Exception {
    CapturedLog logged = CapturedLog.of("org.scimldap.service.ErrorTranslator", null);
    try (logged;
        GatewayUnderTest gateway =
            GatewayUnderTest.external(
                ldaps("127.0.0.1"), ADMIN, PASSWORD, trusting(dc1.certificatePem()))) {
      servesScim(gateway, "before.expiry");
      adminPasswordExpired.set(true);
      int port = directory.getListenPort("ldaps");
      directory.shutDown(true);
      directory.startListening();
      assertEquals(port, directory.getListenPort("ldaps"));

      Response r = gateway.client().get("/Users");
      assertEquals(503, r.status(), r.toString());
      assertNotNull(r.header("Retry-After"));
      assertFalse(r.raw().contains("532"), "the reason is for the admin's log, not the client");
    }
    assertTrue(
        logged.events().stream()
            .anyMatch(
                e ->
                    e.getLevel() == Level.ERROR
                        && e.getFormattedMessage()
                            .contains(
                                "bind as "
                                    + ADMIN
                                    + " refused: the password has expired (AD data 532): set a"
                                    + " new password on the account and in"
                                    + " GATEWAY_LDAP_BIND_PASSWORD")),
        logged.messages().toString());
  }

  @Test
  void serveAndTheAdminToolsSayTheSameAndExitWith1() throws Exception {
    String url = ldaps("localhost");
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_CONFIG", "");
    env.put("GATEWAY_DATA_DIR", certificates.resolve("cli-data").toString());
    env.put("GATEWAY_HTTP_PORT", "0");
    env.put("GATEWAY_LDAP_URL", url);
    env.put("GATEWAY_LDAP_BIND_DN", ADMIN);
    env.put("GATEWAY_LDAP_BIND_PASSWORD", PASSWORD);
    env.put("GATEWAY_LDAP_CA_FILE", dc1.certificatePem().toString());
    env.put("GATEWAY_TOKEN", GatewayUnderTest.TOKEN);
    String problem = mismatch(url, directory.getListenPort("ldaps"));
    record Command(String says, String... args) {}
    for (Command command :
        List.of(
            new Command("Cannot start:", "serve"),
            new Command("error:", "validate"),
            new Command("error:", "explain", "--dn", "uid=nobody,ou=people,dc=example,dc=com"))) {
      String[] args = command.args();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          Main.run(
              args,
              env,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      String errors = err.toString(StandardCharsets.UTF_8);
      assertEquals(1, status, args[0] + ": " + errors);
      assertTrue(errors.startsWith(command.says() + " " + problem + "\n"), args[0] + ": " + errors);
      assertFalse(errors.contains(PASSWORD));
    }
  }
}
