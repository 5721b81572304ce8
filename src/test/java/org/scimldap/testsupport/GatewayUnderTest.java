package org.scimldap.testsupport;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.scimldap.Gateway;
import org.scimldap.config.ConfigLoader;
import org.scimldap.config.GatewayConfig;

/**
 * A whole gateway started the way {@code Main} starts it, from environment variables, on free
 * ports, with its data in a temporary folder; either on the embedded directory or on a directory at
 * an LDAP URL (a throwaway slapd).
 */
public final class GatewayUnderTest implements AutoCloseable {
  public static final String TOKEN = "test-token-0123456789-0123456789-0123";

  private final Path dataDir;
  private final Map<String, String> env;
  private Gateway gateway;
  private Path storePath;
  private final String ldapUrl;
  private final String adminDn;
  private final String adminPassword;

  private GatewayUnderTest(
      Path dataDir, Map<String, String> env, String ldapUrl, String adminDn, String adminPassword) {
    this.dataDir = dataDir;
    this.env = env;
    this.ldapUrl = ldapUrl;
    this.adminDn = adminDn;
    this.adminPassword = adminPassword;
  }

  /** A gateway on its embedded directory. */
  public static GatewayUnderTest embedded() throws IOException {
    return embedded(Map.of());
  }

  /** A gateway on its embedded directory, with extra environment variables. */
  public static GatewayUnderTest embedded(Map<String, String> extraEnv) throws IOException {
    Path data = Files.createTempDirectory("gateway-test");
    Map<String, String> env = baseEnv(data);
    env.putAll(extraEnv);
    env.put("GATEWAY_EMBEDDED_LDAP_PORT", "0");
    return started(new GatewayUnderTest(data, env, null, null, null));
  }

  /**
   * A gateway on its embedded directory whose data folder is {@code data}, as another gateway (one
   * in a process of its own, say) left it. Closing it deletes the folder.
   */
  public static GatewayUnderTest embeddedIn(Path data) {
    Map<String, String> env = baseEnv(data);
    env.put("GATEWAY_EMBEDDED_LDAP_PORT", "0");
    return started(new GatewayUnderTest(data, env, null, null, null));
  }

  /**
   * A gateway on its embedded directory that starts from {@code ldif} (what {@code
   * data/directory.ldif} holds: the base entries and whatever a test needs besides, such as the
   * containers of its mapping), with extra environment variables.
   */
  public static GatewayUnderTest embeddedFrom(String ldif, Map<String, String> extraEnv)
      throws IOException {
    Path data = Files.createTempDirectory("gateway-test");
    Files.writeString(data.resolve("directory.ldif"), ldif);
    Map<String, String> env = baseEnv(data);
    env.putAll(extraEnv);
    env.put("GATEWAY_EMBEDDED_LDAP_PORT", "0");
    return started(new GatewayUnderTest(data, env, null, null, null));
  }

  /** A gateway on a real directory at {@code url}, bound as its administrator. */
  public static GatewayUnderTest external(String url, String adminDn, String adminPassword)
      throws IOException {
    return external(url, adminDn, adminPassword, Map.of());
  }

  /** A gateway on a real directory at {@code url}, with extra environment variables. */
  public static GatewayUnderTest external(
      String url, String adminDn, String adminPassword, Map<String, String> extraEnv)
      throws IOException {
    Path data = Files.createTempDirectory("gateway-test");
    Map<String, String> env = baseEnv(data);
    env.put("GATEWAY_LDAP_URL", url);
    env.put("GATEWAY_LDAP_BIND_DN", adminDn);
    env.put("GATEWAY_LDAP_BIND_PASSWORD", adminPassword);
    env.putAll(extraEnv);
    return started(new GatewayUnderTest(data, env, url, adminDn, adminPassword));
  }

  /**
   * A gateway on a real directory at {@code url} whose data folder is {@code data}, as another
   * gateway left it. Closing it deletes the folder.
   */
  public static GatewayUnderTest externalIn(
      Path data, String url, String adminDn, String adminPassword) {
    Map<String, String> env = baseEnv(data);
    env.put("GATEWAY_LDAP_URL", url);
    env.put("GATEWAY_LDAP_BIND_DN", adminDn);
    env.put("GATEWAY_LDAP_BIND_PASSWORD", adminPassword);
    return started(new GatewayUnderTest(data, env, url, adminDn, adminPassword));
  }

  /** Starts the gateway; when it does not start, its data folder goes too. */
  private static GatewayUnderTest started(GatewayUnderTest g) {
    try {
      g.start();
      return g;
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
  }

  private static Map<String, String> baseEnv(Path data) {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_DATA_DIR", data.toString());
    env.put("GATEWAY_HTTP_PORT", "0");
    env.put("GATEWAY_TOKEN", TOKEN);
    env.put("GATEWAY_CONFIG", "");
    return env;
  }

  /** Starts (or starts again) the gateway with the same data folder. */
  public void start() {
    GatewayConfig config = new ConfigLoader(env).load();
    gateway = Gateway.start(config);
    storePath = config.storePath();
  }

  public void stop() {
    if (gateway != null) {
      gateway.close();
      gateway = null;
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The port the SCIM server listens on (127.0.0.1), for requests written by hand. */
  public int httpPort() {
    return gateway.httpPort();
  }

  public ScimClient client() {
    return new ScimClient("http://127.0.0.1:" + gateway.httpPort() + "/scim/v2", TOKEN);
  }

  public ScimClient client(String token) {
    return new ScimClient("http://127.0.0.1:" + gateway.httpPort() + "/scim/v2", token);
  }

  /** An administrator connection to the directory the gateway writes to. */
  public LDAPConnection ldap() throws LDAPException {
    if (ldapUrl == null) {
      var dir = gateway.embedded().orElseThrow();
      return new LDAPConnection(
          "127.0.0.1", dir.port(), dir.adminDn().toString(), dir.adminPassword());
    }
    LDAPURL url = new LDAPURL(ldapUrl);
    return new LDAPConnection(url.getHost(), url.getPort(), adminDn, adminPassword);
  }

  /**
   * Empties the gateway's data: deletes every entry below ou=people and ou=groups, and every row of
   * the correlation store, so that a test finds neither entries nor ids left by another.
   */
  public void wipe() throws LDAPException {
    wipeDirectory();
    wipeStore();
  }

  private void wipeDirectory() throws LDAPException {
    try (LDAPConnection c = ldap()) {
      for (String ou : List.of("ou=groups,dc=example,dc=com", "ou=people,dc=example,dc=com")) {
        List<SearchResultEntry> entries =
            c.search(ou, SearchScope.SUB, "(objectClass=*)", "1.1").getSearchEntries();
        entries.stream()
            .map(GatewayUnderTest::dn)
            .filter(dn -> !dn.toString().equalsIgnoreCase(ou))
            .sorted(Comparator.comparingInt((DN dn) -> dn.getRDNs().length).reversed())
            .forEach(
                dn -> {
                  try {
                    c.delete(dn.toString());
                  } catch (LDAPException e) {
                    throw new IllegalStateException(e);
                  }
                });
      }
    }
  }

  /**
   * Deletes the rows of the correlation store through a connection of its own, while the gateway
   * runs (the store's WAL journal lets a second connection write), as if the store were lost; the
   * gateway forgets the rows it keeps in memory too.
   */
  public void wipeStore() {
    try (Connection c = storeConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM correlation");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot empty the correlation store " + storePath, e);
    }
    gateway.forgetStoreRows();
  }

  /** How many rows the correlation store holds, read behind the gateway's back. */
  public int correlationRows() {
    try (Connection c = storeConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM correlation")) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the correlation store " + storePath, e);
    }
  }

  private Connection storeConnection() throws SQLException {
    Properties pragmas = new Properties();
    pragmas.setProperty("busy_timeout", "5000");
    return DriverManager.getConnection("jdbc:sqlite:" + storePath.toAbsolutePath(), pragmas);
  }

  private static DN dn(SearchResultEntry e) {
    try {
      return e.getParsedDN();
    } catch (LDAPException ex) {
      throw new IllegalStateException(ex);
    }
  }

  @Override
  public void close() {
    stop();
    try (var files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
