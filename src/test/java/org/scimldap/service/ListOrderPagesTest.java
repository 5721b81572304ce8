package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.ldap.ForwardingDirectory;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.SqliteCorrelationStore;
import org.scimldap.testsupport.People;
import org.scimldap.testsupport.Slapd;
import org.scimldap.testsupport.SlapdExtension;

/**
 * The pages of an unfiltered list of followed users are read by a search kept from one page to the
 * next, in the directory's order, which is the followed ids' order: not by their ids. Each page is
 * still exactly its slice of the list: a user deleted meanwhile is left out, one added meanwhile
 * does not come, and no user comes twice.
 */
@ExtendWith(SlapdExtension.class)
class ListOrderPagesTest {
  private static final String PEOPLE = "ou=people,dc=example,dc=com";
  private static final int COUNT = 7;

  @TempDir Path data;

  @Test
  void pagesComeFromAKeptSearchAndStayExact(Slapd slapd) throws Exception {
    String prefix = "lo" + UUID.randomUUID().toString().substring(0, 8);
    LdapConfig ldap =
        GatewayConfig.defaults().ldap().withUrls(List.of(slapd.url())).withPoolSize(2);
    AtomicInteger idsAskedFor = new AtomicInteger();
    try (Directory real = DirectoryConnector.connect(ldap, slapd.adminDn(), slapd.adminPassword());
        LDAPConnection admin = slapd.connect();
        CorrelationStore store = SqliteCorrelationStore.open(data.resolve("gateway.db"));
        ListSnapshots lists = new ListSnapshots(real)) {
      List<String> added = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        added.add(People.add(admin, "uid=" + prefix + "-" + i + "," + PEOPLE));
      }
      List<EntryMapper> mappers = ServiceFixture.openLdapMappers();
      Directory counting = new IdCounting(real, idsAskedFor);
      lists.follow(mappers);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!lists.followedIds(mappers.get(0)).map(ids -> ids.containsAll(added)).orElse(false)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      ResourceService users =
          new ResourceService(
              mappers.get(0),
              counting,
              store,
              new ReferenceResolver(counting, mappers, lists),
              new ReferenceMaintainer(counting, mappers),
              lists,
              new Locations(
                  "http://test",
                  Map.of(
                      "User", mappers.get(0).mapping().schema().endpoint(),
                      "Group", mappers.get(1).mapping().schema().endpoint())));

      // The whole list, page by page: every user once, in the followed order, and hardly any
      // read by id (a user that left the users' subtree and came back is followed after those
      // it came before in the directory, and read by id).
      List<String> expected = lists.followedIds(mappers.get(0)).orElseThrow();
      idsAskedFor.set(0);
      List<String> listed = listAll(users);
      assertEquals(expected, listed);
      assertTrue(
          idsAskedFor.get() < expected.size() / 4,
          idsAskedFor.get() + " of " + expected.size() + " users read by id");

      // Changes made directly while a client pages: the pages stay the slices of the list taken
      // at the first page, without the users deleted since; the user added since does not come.
      idsAskedFor.set(0);
      List<String> snapshot = lists.followedIds(mappers.get(0)).orElseThrow();
      int total = -1;
      List<String> paged = new ArrayList<>();
      Set<String> deleted = new HashSet<>();
      String late = null;
      for (int start = 1; total < 0 || start <= total; start += COUNT) {
        ListPage page = users.list(new ListQuery(null, start, COUNT, false, null, false));
        total = page.totalResults();
        page.resources().forEach(r -> paged.add(r.path("id").asText()));
        if (start == 1) {
          int at = snapshot.indexOf(added.get(20));
          deleted.add(added.get(20));
          deleted.add(added.get(21));
          admin.delete("uid=" + prefix + "-20," + PEOPLE);
          admin.delete("uid=" + prefix + "-21," + PEOPLE);
          late = People.add(admin, "uid=" + prefix + "-late," + PEOPLE);
          assertTrue(at > COUNT, "the deleted users are on a later page");
        }
      }
      List<String> remaining = new ArrayList<>(snapshot);
      remaining.removeAll(deleted);
      assertEquals(snapshot.size(), total);
      assertEquals(remaining, paged);
      assertFalse(paged.contains(late));
      assertTrue(idsAskedFor.get() < snapshot.size() / 4, idsAskedFor.get() + " read by id");
    }
  }

  private static List<String> listAll(ResourceService users) {
    List<String> listed = new ArrayList<>();
    int total = Integer.MAX_VALUE;
    for (int start = 1; start <= total; start += COUNT) {
      ListPage page = users.list(new ListQuery(null, start, COUNT, false, null, false));
      total = page.totalResults();
      page.resources().forEach(r -> listed.add(r.path("id").asText()));
    }
    return listed;
  }

  /** Counts the ids that searches under the users ask for by {@code entryUUID}. */
  private static final class IdCounting extends ForwardingDirectory {
    private final AtomicInteger ids;

    IdCounting(Directory real, AtomicInteger ids) {
      super(real);
      this.ids = ids;
    }

    @Override
    public void search(
        DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
      if (base.toString().equalsIgnoreCase(PEOPLE)) {
        String text = filter.toString().toLowerCase();
        ids.addAndGet(text.split("entryuuid=", -1).length - 1);
      }
      super.search(base, scope, filter, attributes, sink);
    }
  }
}
