package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.ForwardingDirectory;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.store.Correlation;
import org.scimldap.store.ForwardingStore;
import org.scimldap.store.StoredParts;

/**
 * Paging through a whole result reads each entry a bounded number of times: one scan for the first
 * page, then only the entries of each page. Counted, not timed.
 */
class PagingCostTest {
  private static final int USERS = 60;
  private static final int PAGE = 7;

  @TempDir Path data;
  private ServiceFixture fixture;
  private CountingDirectory counting;
  private final AtomicInteger storeReads = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    fixture =
        new ServiceFixture(
            data,
            d -> counting = new CountingDirectory(d),
            s ->
                new ForwardingStore(s) {
                  @Override
                  public Map<String, StoredParts> storedParts(Collection<String> ids) {
                    storeReads.incrementAndGet();
                    return super.storedParts(ids);
                  }

                  @Override
                  public Optional<Correlation> findById(String id) {
                    storeReads.incrementAndGet();
                    return super.findById(id);
                  }
                });
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < USERS; i++) {
      fixture.users.create(
          (ObjectNode)
              json.readTree(
                  "{\"userName\":\"user"
                      + i
                      + "\",\"name\":{\"familyName\":\"F"
                      + (i % 9)
                      + "\"}}"));
    }
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void pagingThroughEverythingReadsEachEntryAboutTwice() {
    assertLinear(null, null);
  }

  @Test
  void sortedAndFilteredPagingIsLinearToo() {
    assertLinear("userName sw \"user\"", AttributePath.of("name", "familyName"));
  }

  /**
   * {@code userName eq}, what an identity provider asks before each create: one search under the
   * users, whose entry makes the page (no second search by id).
   */
  @Test
  void aQueryForOneUserNameSearchesTheUsersOnce() {
    counting.searches.set(0);
    storeReads.set(0);
    ListPage page =
        fixture.users.list(
            new ListQuery(FilterParser.parse("userName eq \"user7\""), 1, 100, false, null, false));
    assertEquals(1, page.totalResults());
    assertEquals("user7", page.resources().get(0).path("userName").asText());
    assertEquals(1, counting.searches.get(), "searches of the users");
    // The user is presented once, checked against the filter as it is shown (uid may repeat, so
    // the directory's answer is checked), with one read of what the store keeps of it.
    assertEquals(1, storeReads.get(), "reads of the store");
    assertTrue(page.resources().get(0).has("meta"), page.resources().get(0).toString());
  }

  /**
   * A page whose answer shows only {@code userName} ({@code attributes=userName}) reads its entries
   * without the directory attributes of what it will not show, and still presents each user's id,
   * userName and meta.
   */
  @Test
  void aPageReadsOnlyWhatItWillShow() {
    ListPage page =
        fixture.users.list(
            new ListQuery(null, 1, 5, false, null, false, Set.of("name", "emails", "title")));
    assertEquals(USERS, page.totalResults());
    assertTrue(page.resources().get(0).path("userName").asText().startsWith("user"));
    assertTrue(page.resources().get(0).path("meta").has("lastModified"));
    List<String> read = counting.lastAttributes.get();
    assertTrue(read.contains("uid"), read.toString());
    assertTrue(read.contains("entryUUID"), read.toString());
    assertFalse(read.contains("sn"), read.toString());
    assertFalse(read.contains("mail"), read.toString());
    assertFalse(read.contains("title"), read.toString());

    fixture.users.list(new ListQuery(null, 1, 5, false, null, false));
    assertTrue(
        counting.lastAttributes.get().contains("sn"), "every attribute without a hidden one");
  }

  /**
   * Candidates are checked on their mapped values only, unless the filter names {@code meta}: then
   * on resources presented whole.
   */
  @Test
  void aFilterOnMetaIsCheckedOnWholeResources() {
    ListPage page =
        fixture.users.list(
            new ListQuery(
                FilterParser.parse(
                    "meta.location co \"/Users/\" and meta.version pr and userName sw \"user1\""),
                1,
                100,
                false,
                null,
                false));
    assertEquals(11, page.totalResults(), "user1 and user10 to user19");
  }

  /**
   * A GET by id whose answer shows only {@code userName} reads the entry without the directory
   * attributes of what it will not show, and still presents its id, userName and meta, with the
   * version that a full read gives.
   */
  @Test
  void aGetReadsOnlyWhatItWillShow() {
    String id =
        fixture
            .users
            .list(new ListQuery(null, 1, 1, false, null, false))
            .resources()
            .get(0)
            .path("id")
            .asText();
    Resource whole = fixture.users.get(id, false);
    assertTrue(counting.lastRead.get().contains("sn"), counting.lastRead.get().toString());

    Resource narrow = fixture.users.get(id, false, Set.of("name", "emails", "title"));
    List<String> read = counting.lastRead.get();
    assertTrue(read.contains("uid"), read.toString());
    assertFalse(read.contains("sn"), read.toString());
    assertFalse(read.contains("mail"), read.toString());
    assertEquals(whole.body().path("userName"), narrow.body().path("userName"));
    assertEquals(id, narrow.body().path("id").asText());
    assertEquals(whole.version(), narrow.version());
    assertEquals(whole.body().path("meta"), narrow.body().path("meta"));
  }

  /**
   * A filter the gateway checks again on each candidate reads for that check only what the filter
   * and the sort key name (and the id), from the directory and from the store, and still finds
   * exactly the matching users.
   */
  @Test
  void candidatesAreReadWithWhatTheFilterNames() {
    List<List<String>> read = new java.util.ArrayList<>();
    counting.everyAttributes = read;
    storeReads.set(0);
    ListPage page =
        fixture.users.list(
            new ListQuery(
                FilterParser.parse("name.familyName eq \"F3\""),
                1,
                100,
                false,
                AttributePath.of("userName", null),
                false));
    counting.everyAttributes = null;
    long expected = java.util.stream.IntStream.range(0, USERS).filter(i -> i % 9 == 3).count();
    assertEquals(expected, page.totalResults());
    page.resources().forEach(r -> assertEquals("F3", r.path("name").path("familyName").asText()));
    List<String> scan = read.get(0);
    assertTrue(scan.contains("sn") && scan.contains("uid"), scan.toString());
    assertFalse(scan.contains("mail") || scan.contains("title"), scan.toString());
    // Nor what only types, versions or dates an entry: the filter names no meta.
    assertTrue(scan.contains("entryUUID"), scan.toString());
    assertFalse(
        scan.contains("objectClass")
            || scan.contains("createTimestamp")
            || scan.contains("modifyTimestamp")
            || scan.contains("entryCSN"),
        scan.toString());
    // The store keeps nothing that name.familyName or userName could take (both are always
    // mapped): the candidates are checked without its rows, which only the page reads.
    assertEquals(1, storeReads.get(), "reads of the store");
  }

  private void assertLinear(String filter, AttributePath sortBy) {
    counting.entries.set(0);
    Set<String> seen = new HashSet<>();
    int total = -1;
    for (int start = 1; total < 0 || start <= total; start += PAGE) {
      ListPage page =
          fixture.users.list(
              new ListQuery(
                  filter == null ? null : FilterParser.parse(filter),
                  start,
                  PAGE,
                  false,
                  sortBy,
                  false));
      total = page.totalResults();
      page.resources().forEach(r -> seen.add(r.path("id").asText()));
    }
    assertEquals(USERS, total);
    assertEquals(USERS, seen.size(), "every user exactly once");
    assertEquals(2 * USERS, counting.entries.get(), "one scan plus one read per entry");
  }

  /** Counts the entries the directory hands back. */
  private static final class CountingDirectory extends ForwardingDirectory {
    final AtomicInteger entries = new AtomicInteger();
    final AtomicInteger searches = new AtomicInteger();
    final AtomicReference<List<String>> lastAttributes = new AtomicReference<>();
    final AtomicReference<List<String>> lastRead = new AtomicReference<>();
    volatile List<List<String>> everyAttributes;

    CountingDirectory(Directory real) {
      super(real);
    }

    @Override
    public void search(
        DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
      if (scope == SearchScope.BASE && base.toString().endsWith(",ou=people,dc=example,dc=com")) {
        lastRead.set(attributes);
      }
      if (base.toString().startsWith("ou=people")) {
        searches.incrementAndGet();
        lastAttributes.set(attributes);
        List<List<String>> every = everyAttributes;
        if (every != null) {
          every.add(attributes);
        }
      }
      wrapped()
          .search(
              base,
              scope,
              filter,
              attributes,
              e -> {
                entries.incrementAndGet();
                sink.accept(e);
              });
    }
  }
}
