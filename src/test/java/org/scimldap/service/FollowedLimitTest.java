package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import java.util.ArrayList;
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

/**
 * A type with more entries than may be kept in memory is not followed (its lists scan), and one
 * within the limit is.
 */
@ExtendWith(SlapdExtension.class)
class FollowedLimitTest {
  @Test
  void aTypeWithMoreEntriesThanTheLimitIsNotFollowed(Slapd slapd) throws Exception {
    List<String> ids = new ArrayList<>();
    try (LDAPConnection admin = slapd.connect()) {
      for (String uid : List.of("ann", "bob", "cid", "dan")) {
        ids.add(People.add(admin, "uid=" + uid + "," + slapd.peopleDn()));
      }
    }
    LdapConfig ldap =
        GatewayConfig.defaults().ldap().withUrls(List.of(slapd.url())).withPoolSize(2);
    EntryMapper users = ServiceFixture.openLdapMappers().get(0);
    try (Directory directory =
        DirectoryConnector.connect(ldap, slapd.adminDn(), slapd.adminPassword())) {
      try (ListSnapshots within = new ListSnapshots(directory, 60_000, 4)) {
        within.follow(List.of(users));
        assertEquals(ids, waitFor(within, users).orElseThrow(), "four entries, four allowed");
      }
      try (ListSnapshots beyond = new ListSnapshots(directory, 60_000, 3)) {
        beyond.follow(List.of(users));
        assertTrue(waitFor(beyond, users).isEmpty(), "four entries, three allowed");
      }
    }
  }

  /** The followed ids, once current; empty when they never are within 3 s. */
  private static Optional<List<String>> waitFor(ListSnapshots lists, EntryMapper mapper)
      throws InterruptedException {
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<List<String>> ids = lists.followedIds(mapper);
      if (ids.isPresent()) {
        return ids;
      }
      Thread.sleep(50);
    }
    return Optional.empty();
  }
}
