package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.config.GatewayConfig;
import org.scimldap.ldap.ContentFollower;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.ldap.ForwardingDirectory;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.SqliteCorrelationStore;
import org.scimldap.testsupport.People;
import org.scimldap.testsupport.Slapd;

/**
 * The pages after the first of an unfiltered list of followed users are read by a search kept from
 * one page to the next, in the directory's order, which is the followed ids' order: not by their
 * ids. Each page is still exactly its slice of the list: a user deleted meanwhile is left out, one
 * added meanwhile does not come, no user comes twice, and a user the search brings elsewhere than
 * the list has it (one that left the users and came back: the directory keeps its place, the
 * followed ids put it last) is read by id. While the followed ids cannot be had, the list scans, in
 * the directory's order. On a directory of its own, so that what other tests leave in the users'
 * subtree cannot move the counts.
 */
class ListOrderPagesTest {
  private static final String PEOPLE = "ou=people,dc=example,dc=com";
  private static final int COUNT = 7;

  @TempDir Path data;

  @Test
  void laterPagesComeFromAKeptSearchAndStayExact() throws Exception {
    List<Filter> fetched = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<ContentFollower> following = new AtomicReference<>();
    try (Slapd slapd = Slapd.start();
        LDAPConnection admin = slapd.connect();
        Directory real =
            DirectoryConnector.connect(
                GatewayConfig.defaults().ldap().withUrls(List.of(slapd.url())).withPoolSize(2),
                slapd.adminDn(),
                slapd.adminPassword());
        CorrelationStore store = SqliteCorrelationStore.open(data.resolve("gateway.db"));
        ListSnapshots lists = new ListSnapshots(new FollowerKept(real, following))) {
      List<String> added = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        added.add(People.add(admin, "uid=u" + i + "," + PEOPLE));
      }
      List<EntryMapper> mappers = ServiceFixture.openLdapMappers();
      EntryMapper userMapper = mappers.get(0);
      lists.follow(mappers);
      awaitFollowed(lists, userMapper, added);
      // u5 leaves the users and comes back: the directory keeps its place, the followed ids put it
      // after the others.
      admin.modifyDN("uid=u5," + PEOPLE, "uid=u5", true, "ou=groups,dc=example,dc=com");
      admin.modifyDN("uid=u5,ou=groups,dc=example,dc=com", "uid=u5", true, PEOPLE);
      List<String> expected = new ArrayList<>(added);
      expected.add(expected.remove(5));
      awaitFollowed(lists, userMapper, expected);
      assertEquals(expected, lists.followedIds(userMapper).orElseThrow());

      Directory counting = new FollowedPagesTest.FetchRecording(real, fetched);
      ResourceService users = ServiceFixture.users(mappers, counting, store, lists);

      // The whole list, page by page: every user once, in the followed order (or, where the first
      // page found the followed ids behind the directory and scanned, in the directory's order).
      // The first page is read by id, and on each later page the one user the search brings early.
      List<String> inDirectory = new ArrayList<>(added);
      int pages = (expected.size() + COUNT - 1) / COUNT;
      fetched.clear();
      List<String> listed = listAll(users);
      assertTrue(
          listed.equals(expected) || listed.equals(inDirectory), listed + " against " + expected);
      assertTrue(
          idsAskedFor(fetched) <= COUNT + pages,
          idsAskedFor(fetched) + " of " + expected.size() + " users read by id");

      // Changes made directly while a client pages: the pages stay the slices of the list taken
      // at the first page, without the users deleted since; the user added since does not come.
      fetched.clear();
      int total = -1;
      List<String> paged = new ArrayList<>();
      String late = null;
      for (int start = 1; total < 0 || start <= total; start += COUNT) {
        ListPage page = users.list(new ListQuery(null, start, COUNT, false, null, false));
        total = page.totalResults();
        page.resources().forEach(r -> paged.add(r.path("id").asText()));
        if (start == 1 + COUNT) {
          admin.delete("uid=u20," + PEOPLE);
          admin.delete("uid=u21," + PEOPLE);
          late = People.add(admin, "uid=late," + PEOPLE);
        }
      }
      List<String> remaining = new ArrayList<>(expected);
      remaining.removeAll(Set.of(added.get(20), added.get(21)));
      List<String> remainingInDirectory = new ArrayList<>(inDirectory);
      remainingInDirectory.removeAll(Set.of(added.get(20), added.get(21)));
      assertEquals(expected.size(), total);
      assertTrue(
          paged.equals(remaining) || paged.equals(remainingInDirectory),
          paged + " against " + remaining);
      assertTrue(idsAskedFor(fetched) <= COUNT + 2 * pages, idsAskedFor(fetched) + " read by id");

      // Without the followed ids (the stream stopped), the list scans, in the directory's order:
      // the same, but for the user that came back, which is where the directory keeps it.
      List<String> now = new ArrayList<>(remainingInDirectory);
      now.add(late);
      following.get().close();
      fetched.clear();
      assertEquals(now, listAll(users));
      assertTrue(idsAskedFor(fetched) <= COUNT + pages, idsAskedFor(fetched) + " read by id");
    }
  }

  private static void awaitFollowed(ListSnapshots lists, EntryMapper mapper, List<String> ids)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!lists.followedIds(mapper).map(ids::equals).orElse(false)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static List<String> listAll(ResourceService users) {
    List<String> listed = new ArrayList<>();
    Set<String> once = new HashSet<>();
    int total = Integer.MAX_VALUE;
    for (int start = 1; start <= total; start += COUNT) {
      ListPage page = users.list(new ListQuery(null, start, COUNT, false, null, false));
      total = page.totalResults();
      page.resources()
          .forEach(
              r -> {
                String id = r.path("id").asText();
                assertTrue(once.add(id), id + " came twice");
                listed.add(id);
              });
    }
    return listed;
  }

  /** How many ids the recorded searches ask for by {@code entryUUID}. */
  private static int idsAskedFor(List<Filter> fetched) {
    int ids = 0;
    for (Filter f : List.copyOf(fetched)) {
      ids += f.toString().toLowerCase().split("entryuuid=", -1).length - 1;
    }
    return ids;
  }

  /** The real directory, whose follower of the users goes to {@code following}. */
  private static final class FollowerKept extends ForwardingDirectory {
    private final AtomicReference<ContentFollower> following;

    FollowerKept(Directory real, AtomicReference<ContentFollower> following) {
      super(real);
      this.following = following;
    }

    @Override
    public Optional<ContentFollower> follow(
        DN base, Filter filter, List<String> attributes, ContentFollower.Listener listener) {
      Optional<ContentFollower> follower = super.follow(base, filter, attributes, listener);
      if (base.toString().equalsIgnoreCase(PEOPLE)) {
        follower.ifPresent(following::set);
      }
      return follower;
    }
  }
}
