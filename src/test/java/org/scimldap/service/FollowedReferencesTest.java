package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.testsupport.People;
import org.scimldap.testsupport.SearchCountingDirectory;
import org.scimldap.testsupport.Slapd;
import org.scimldap.testsupport.SlapdExtension;

/**
 * Where the users are followed ({@link FollowedIds}), several references to users resolve without a
 * search, and as currently as a search would: entries added, renamed or deleted directly in the
 * directory a moment before are resolved as they are now.
 */
@ExtendWith(SlapdExtension.class)
class FollowedReferencesTest {
  private static final String PEOPLE = "ou=people,dc=example,dc=com";

  @Test
  void severalReferencesResolveFromTheFollowedEntries(Slapd slapd) throws Exception {
    LdapConfig ldap =
        GatewayConfig.defaults().ldap().withUrls(List.of(slapd.url())).withPoolSize(2);
    AtomicInteger userSearches = new AtomicInteger();
    try (Directory real = DirectoryConnector.connect(ldap, slapd.adminDn(), slapd.adminPassword());
        LDAPConnection admin = slapd.connect();
        ListSnapshots lists = new ListSnapshots(real)) {
      Directory counting =
          new SearchCountingDirectory(
              real, base -> base.toString().equalsIgnoreCase(PEOPLE), userSearches);
      List<EntryMapper> mappers = ServiceFixture.openLdapMappers();
      lists.follow(mappers);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (lists.followedIds(mappers.get(0)).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      ReferenceResolver resolver = new ReferenceResolver(counting, mappers, lists);

      String ann = People.add(admin, "uid=ann," + PEOPLE);
      String bob = People.add(admin, "uid=bob," + PEOPLE);
      assertEquals(
          Map.of(ann, "uid=ann," + PEOPLE, bob, "uid=bob," + PEOPLE),
          dns(resolver.forIds(List.of(ann, bob, "00000000-0000-0000-0000-000000000000"))));

      admin.modifyDN("uid=bob," + PEOPLE, "uid=robert", true);
      String cid = People.add(admin, "uid=cid," + PEOPLE);
      admin.delete("uid=ann," + PEOPLE);
      assertEquals(
          Map.of(bob, "uid=robert," + PEOPLE, cid, "uid=cid," + PEOPLE),
          dns(resolver.forIds(List.of(ann, bob, cid))));

      References byDn =
          resolver.forDns(
              List.of(
                  new DN("uid=robert," + PEOPLE),
                  new DN("UID=cid, " + PEOPLE),
                  new DN("uid=ann," + PEOPLE)));
      assertEquals(bob, byDn.targetOf(new DN("uid=robert," + PEOPLE)).orElseThrow().id());
      assertEquals(cid, byDn.targetOf(new DN("uid=cid," + PEOPLE)).orElseThrow().id());
      assertTrue(byDn.targetOf(new DN("uid=ann," + PEOPLE)).isEmpty());
      assertEquals(0, userSearches.get(), "searches of the users");

      // One reference is resolved with a search, as before.
      assertEquals(Map.of(cid, "uid=cid," + PEOPLE), dns(resolver.forIds(List.of(cid))));
      assertEquals(1, userSearches.get(), "searches of the users");
    }
  }

  private static Map<String, String> dns(References refs) {
    return refs.dnsById().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()));
  }
}
