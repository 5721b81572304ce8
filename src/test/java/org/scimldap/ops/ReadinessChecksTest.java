package org.scimldap.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.config.GatewayConfig;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.store.SqliteCorrelationStore;

/** Each readiness check passes or fails on its own, and says why. */
class ReadinessChecksTest {
  @TempDir Path data;
  private InMemoryDirectoryServer server;
  private Directory directory;
  private SqliteCorrelationStore store;

  @BeforeEach
  void start() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials("cn=admin,dc=example,dc=com", "secret");
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("test", InetAddress.getLoopbackAddress(), 0, null));
    server = new InMemoryDirectoryServer(config);
    server.startListening();
    directory =
        DirectoryConnector.connect(
            GatewayConfig.defaults()
                .ldap()
                .withUrls(List.of("ldap://127.0.0.1:" + server.getListenPort())),
            "cn=admin,dc=example,dc=com",
            "secret");
    store = SqliteCorrelationStore.open(data.resolve("gateway.db"));
  }

  @AfterEach
  void stop() {
    store.close();
    directory.close();
    server.shutDown(true);
  }

  @Test
  void allPassWhenDirectoryStoreAndMappingAreThere() {
    List<CheckResult> results = new Readiness(directory, store, () -> true).check();
    assertEquals(
        List.of(
            CheckResult.passed("directory"),
            CheckResult.passed("store"),
            CheckResult.passed("mapping")),
        results);
    assertTrue(store.findById("").isEmpty(), "the store's check writes nothing");
  }

  @Test
  void aStoreThatCannotBeWrittenAndNoMappingFailTheirChecks() throws Exception {
    store.close();
    List<CheckResult> results = new Readiness(directory, store, () -> false).check();
    assertTrue(results.get(0).ok(), results.toString());
    CheckResult storeCheck = results.get(1);
    assertEquals("store", storeCheck.name());
    assertFalse(storeCheck.ok(), results.toString());
    assertTrue(
        storeCheck.detail().startsWith("The correlation store could not write a row"),
        storeCheck.detail());
    assertEquals(
        CheckResult.failed("mapping", "no mapping is served yet (the gateway is starting)"),
        results.get(2));
    assertTrue(Files.exists(data.resolve("gateway.db")));
  }

  @Test
  void aDirectoryThatStoppedFailsItsCheckNamingWhy() {
    int port = server.getListenPort();
    server.shutDown(true);
    CheckResult check = new Readiness(directory, store, () -> true).check().get(0);
    assertEquals("directory", check.name());
    assertFalse(check.ok(), check.detail());
    assertTrue(
        check.detail().startsWith("connect error: connection refused by 127.0.0.1:" + port),
        check.detail());
  }
}
