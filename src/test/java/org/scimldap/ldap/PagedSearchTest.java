package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.testsupport.SizeLimitedDirectory;

/**
 * A {@link Directory} connected with paging allowed hands a search every entry, also where the
 * directory's size limit is lower, by paging with Simple Paged Results (RFC 2696); connected
 * without paging, the same search fails at the limit.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(SizeLimitedDirectory.class)
class PagedSearchTest {
  private static final int ENTRIES = 1203;

  @Parameter SizeLimitedDirectory kind;

  private SizeLimitedDirectory.Running directory;

  @BeforeEach
  void start() throws Exception {
    directory = kind.start();
    try (LDAPConnection admin = directory.admin()) {
      for (int i = 0; i < ENTRIES; i++) {
        admin.add(
            "dn: uid=paged" + i + "," + SizeLimitedDirectory.PEOPLE_DN,
            "objectClass: inetOrgPerson",
            "uid: paged" + i,
            "cn: Paged " + i,
            "sn: Paged");
      }
    }
  }

  @AfterEach
  void stop() {
    directory.close();
  }

  @Test
  void aPagedSearchHandsOverEveryEntryOncePastTheSizeLimit() throws Exception {
    try (Directory paging = connect(true)) {
      for (int round = 0; round < 2; round++) {
        List<DN> seen = searchPeople(paging);

        assertEquals(ENTRIES, seen.size(), "round " + round);
        assertEquals(ENTRIES, new HashSet<>(seen).size(), "each entry once, round " + round);
      }
    }
  }

  @Test
  void withoutPagingTheSameSearchFailsAtTheSizeLimit() throws Exception {
    List<DN> seen = new ArrayList<>();
    try (Directory unpaged = connect(false)) {
      assertThrows(
          RuntimeException.class,
          () ->
              unpaged.search(
                  new DN(SizeLimitedDirectory.PEOPLE_DN),
                  SearchScope.ONE,
                  Filter.createPresenceFilter("objectClass"),
                  List.of("uid"),
                  e -> seen.add(Entries.dn(e))));
    }
    assertTrue(seen.size() < ENTRIES, "handed over " + seen.size());
  }

  private Directory connect(boolean mayPage) {
    LdapConfig config =
        GatewayConfig.defaults().ldap().withUrls(List.of(directory.url())).withPoolSize(2);
    return DirectoryConnector.connect(
        config, directory.accountDn(), directory.accountPassword(), mayPage);
  }

  private static List<DN> searchPeople(Directory directory) throws Exception {
    List<DN> seen = new ArrayList<>();
    directory.search(
        new DN(SizeLimitedDirectory.PEOPLE_DN),
        SearchScope.ONE,
        Filter.createPresenceFilter("objectClass"),
        List.of("uid"),
        e -> seen.add(Entries.dn(e)));
    return seen;
  }
}
