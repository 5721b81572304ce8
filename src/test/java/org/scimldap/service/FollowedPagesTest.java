package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.ldap.ContentFollower;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.ldap.ForwardingDirectory;
import org.scimldap.ldap.PagedSearch;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.SqliteCorrelationStore;
import org.scimldap.testsupport.People;
import org.scimldap.testsupport.Slapd;
import org.scimldap.testsupport.SlapdExtension;

/**
 * Where the users are followed, a page asks the directory for the entries of the ids it follows by
 * their ids alone: they met the type's filter when they came, and checking it again would cost the
 * directory a read of every user in its index. An id it does not follow (yet), or whose entry is
 * found elsewhere than where it was followed, is asked for with the type's filter, and its user is
 * on the page all the same.
 */
@ExtendWith(SlapdExtension.class)
class FollowedPagesTest {
  private static final String PEOPLE = "ou=people,dc=example,dc=com";

  @TempDir Path data;

  @Test
  void followedIdsAreAskedForWithoutTheTypesFilterAndOthersWithIt(Slapd slapd) throws Exception {
    String prefix = "fp" + UUID.randomUUID().toString().substring(0, 8);
    LdapConfig ldap =
        GatewayConfig.defaults().ldap().withUrls(List.of(slapd.url())).withPoolSize(2);
    List<Filter> fetched = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<ContentFollower> following = new AtomicReference<>();
    try (Directory real = DirectoryConnector.connect(ldap, slapd.adminDn(), slapd.adminPassword());
        LDAPConnection admin = slapd.connect();
        CorrelationStore store = SqliteCorrelationStore.open(data.resolve("gateway.db"));
        ListSnapshots lists = new ListSnapshots(new Misheard(real, prefix, following))) {
      List<EntryMapper> mappers = ServiceFixture.openLdapMappers();
      Directory recording = new FetchRecording(real, fetched);
      lists.follow(mappers);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (lists.followedIds(mappers.get(0)).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      ResourceService users = ServiceFixture.users(mappers, recording, store, lists);
      Set<String> heard = new TreeSet<>();
      for (int i = 0; i < 3; i++) {
        heard.add(People.add(admin, "uid=" + prefix + "-heard" + i + "," + PEOPLE));
      }
      String unheard = People.add(admin, "uid=" + prefix + "-unheard," + PEOPLE);
      String misheard = People.add(admin, "uid=" + prefix + "-misheard," + PEOPLE);

      // Unfiltered: the followed ids only, without the one the follower never heard of; the one
      // found elsewhere than where it was followed is asked for again with the filter.
      fetched.clear();
      Set<String> listed = new TreeSet<>();
      for (int start = 1; ; start += 200) {
        ListPage page = users.list(new ListQuery(null, start, 200, false, null, false));
        listed.addAll(ids(page));
        if (start + 200 > page.totalResults()) {
          break;
        }
      }
      assertTrue(listed.containsAll(heard), listed.toString());
      assertTrue(listed.contains(misheard), listed.toString());
      assertFalse(listed.contains(unheard), listed.toString());
      List<Filter> withType =
          fetched.stream().filter(f -> f.getFilterType() == Filter.FILTER_TYPE_AND).toList();
      assertEquals(1, withType.size(), fetched.toString());
      assertTrue(withType.get(0).toString().contains(misheard), withType.toString());
      assertTrue(fetched.size() > 1, "the page's entries were searched for by id alone");

      // Filtered (a scan of the directory): the one not followed is asked for with the filter.
      fetched.clear();
      ListPage some =
          users.list(
              new ListQuery(
                  FilterParser.parse("userName sw \"" + prefix + "\""),
                  1,
                  100,
                  false,
                  null,
                  false));
      Set<String> expected = new TreeSet<>(heard);
      expected.add(unheard);
      expected.add(misheard);
      assertEquals(expected, ids(some));
      assertEquals(5, some.totalResults());
      assertEquals(2, fetched.size(), fetched.toString());
      assertEquals(Filter.FILTER_TYPE_OR, fetched.get(0).getFilterType(), fetched.toString());
      assertEquals(4, fetched.get(0).getComponents().length, fetched.toString());
      assertEquals(Filter.FILTER_TYPE_AND, fetched.get(1).getFilterType(), fetched.toString());
      String withFilter = fetched.get(1).toString();
      assertTrue(withFilter.toLowerCase().contains("objectclass=inetorgperson"), withFilter);
      assertTrue(withFilter.contains(unheard) && withFilter.contains(misheard), withFilter);

      // Once the stream stops, what it brought may no longer hold: every id is asked for with the
      // type's filter.
      following.get().close();
      fetched.clear();
      users.list(
          new ListQuery(
              FilterParser.parse("userName sw \"" + prefix + "\""), 1, 100, false, null, false));
      assertEquals(1, fetched.size(), fetched.toString());
      assertEquals(Filter.FILTER_TYPE_AND, fetched.get(0).getFilterType(), fetched.toString());
    }
  }

  private static Set<String> ids(ListPage page) {
    Set<String> ids = new TreeSet<>();
    page.resources().forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }

  /** Records the filters of the searches for a page's entries (by entryUUID) under the users. */
  static final class FetchRecording extends ForwardingDirectory {
    private final List<Filter> fetched;

    FetchRecording(Directory real, List<Filter> fetched) {
      super(real);
      this.fetched = fetched;
    }

    @Override
    public void search(
        DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
      if (base.toString().equalsIgnoreCase(PEOPLE)
          && filter.toString().toLowerCase().contains("entryuuid=")) {
        fetched.add(filter);
      }
      super.search(base, scope, filter, attributes, sink);
    }
  }

  /**
   * Follows as the real directory does, except for the entries whose uid starts with {@code
   * prefix}: those named {@code prefix-unheard} do not come, and those named {@code
   * prefix-misheard} come under another DN. The users' follower goes to {@code following}.
   */
  private static final class Misheard extends ForwardingDirectory {
    private final String prefix;
    private final AtomicReference<ContentFollower> following;

    Misheard(Directory real, String prefix, AtomicReference<ContentFollower> following) {
      super(real);
      this.prefix = prefix;
      this.following = following;
    }

    /**
     * None: the pages after the first would read the entries of the followed ids with it, and this
     * test is about reading them by id.
     */
    @Override
    public Optional<PagedSearch> pagedSearch(
        DN base, SearchScope scope, Filter filter, List<String> attributes) {
      return Optional.empty();
    }

    @Override
    public Optional<ContentFollower> follow(
        DN base, Filter filter, List<String> attributes, ContentFollower.Listener listener) {
      Optional<ContentFollower> follower =
          super.follow(base, filter, attributes, misheard(listener));
      if (base.toString().equalsIgnoreCase(PEOPLE)) {
        follower.ifPresent(following::set);
      }
      return follower;
    }

    private ContentFollower.Listener misheard(ContentFollower.Listener listener) {
      return new ContentFollower.Listener() {
        @Override
        public void restarted() {
          listener.restarted();
        }

        @Override
        public void present(UUID uuid, SearchResultEntry entry) {
          if (entry.getDN().contains(prefix + "-misheard")) {
            listener.present(
                uuid,
                new SearchResultEntry(
                    "uid=" + prefix + "-elsewhere," + PEOPLE,
                    entry.getAttributes(),
                    entry.getControls()));
          } else if (!entry.getDN().contains(prefix + "-unheard")) {
            listener.present(uuid, entry);
          }
        }

        @Override
        public void gone(UUID uuid) {
          listener.gone(uuid);
        }

        @Override
        public void refreshed() {
          listener.refreshed();
        }
      };
    }
  }
}
