package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.testsupport.People;
import org.scimldap.testsupport.Slapd;
import org.scimldap.testsupport.SlapdExtension;
import org.scimldap.testsupport.TcpRelay;

/**
 * A directory that does not answer when the gateway starts (so that what it offers cannot be asked)
 * is followed once it answers, without a restart of the gateway.
 */
@ExtendWith(SlapdExtension.class)
class FollowedOnceUpTest {
  @Test
  void aDirectoryDownAtStartIsFollowedOnceItAnswers(Slapd slapd) throws Exception {
    int port = TcpRelay.freePort();
    LdapConfig ldap =
        GatewayConfig.defaults()
            .ldap()
            .withUrls(List.of("ldap://127.0.0.1:" + port))
            .withPoolSize(2);
    List<EntryMapper> mappers = ServiceFixture.openLdapMappers();
    String id;
    try (LDAPConnection admin = slapd.connect()) {
      id = People.add(admin, "uid=early," + slapd.peopleDn());
    }
    try (Directory down = DirectoryConnector.connect(ldap, slapd.adminDn(), slapd.adminPassword());
        ListSnapshots lists = new ListSnapshots(down, 0)) {
      lists.follow(mappers);
      assertTrue(lists.followedIds(mappers.get(0)).isEmpty(), "nothing to follow while down");

      try (TcpRelay up = new TcpRelay(port, slapd.port())) {
        Optional<List<String>> ids = Optional.empty();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (ids.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(50);
          ids = lists.followedIds(mappers.get(0));
        }
        assertEquals(List.of(id), ids.orElseThrow(() -> new AssertionError("never followed")));
      }
    }
  }
}
