package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ResultCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;

/** A directory that cannot be reached is reported with why, and where. */
class ConnectionFailureTest {

  @Test
  void closedPortIsReportedAsConnectionRefusedWithHostAndPort() throws IOException {
    int port = closedPort();
    try (Directory directory =
        DirectoryConnector.connect(config("ldap://127.0.0.1:" + port), "", "")) {
      DirectoryException e =
          assertThrows(DirectoryException.class, () -> directory.read(new DN(""), List.of("1.1")));
      assertEquals(ResultCode.CONNECT_ERROR, e.resultCode());
      assertTrue(e.isOutage());
      assertEquals("connection refused by 127.0.0.1:" + port, e.diagnostic(), e.getMessage());
      assertTrue(
          e.getMessage().contains("connection refused by 127.0.0.1:" + port), e.getMessage());
    }
  }

  @Test
  void unknownHostIsReportedAsHostNotFound() {
    try (Directory directory =
        DirectoryConnector.connect(config("ldap://no-such-host.invalid:389"), "", "")) {
      DirectoryException e =
          assertThrows(DirectoryException.class, () -> directory.read(new DN(""), List.of("1.1")));
      assertEquals("host not found: no-such-host.invalid", e.diagnostic(), e.getMessage());
    }
  }

  @Test
  void refusedBindNamesInvalidCredentialsWithTheServersText() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials("cn=admin,dc=example,dc=com", "secret");
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("test", InetAddress.getLoopbackAddress(), 0, null));
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.startListening();
    try {
      DirectoryUnusableException e =
          assertThrows(
              DirectoryUnusableException.class,
              () ->
                  DirectoryConnector.connect(
                      config("ldap://127.0.0.1:" + server.getListenPort()),
                      "cn=admin,dc=example,dc=com",
                      "wrong"));
      assertTrue(e.getMessage().contains("invalid credentials"), e.getMessage());
      assertTrue(e.getMessage().contains("cn=admin,dc=example,dc=com"), e.getMessage());
    } finally {
      server.shutDown(true);
    }
  }

  private static LdapConfig config(String url) {
    return GatewayConfig.defaults().ldap().withUrls(List.of(url));
  }

  /** A port that nothing listens on: bound once, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
