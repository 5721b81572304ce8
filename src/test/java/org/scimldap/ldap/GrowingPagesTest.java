package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.SampleDirectory;
import org.scimldap.testsupport.SizeLimitedDirectory;

/**
 * A search goes to the directory in one piece while the directory allows it. Once the directory has
 * cut one at a size limit, searches are paged: a first page of 500 entries, and for each page after
 * a full one twice as many, up to 8,000, so that a scan of many entries is a few searches. A
 * directory that answers a large page short (Active Directory's MaxPageSize) stops the growth;
 * where one refuses it (OpenLDAP's {@code size.pr}) or cuts it at a size limit, the search starts
 * again with pages of 500. A search that starts again leaves out what it handed over: every entry
 * is handed over once.
 */
class GrowingPagesTest {
  private static final DN SCANNED = dn("ou=scanned,dc=example,dc=com");

  /** The size limit of the {@link Pages} directories for a search without paging. */
  private static final int UNPAGED_LIMIT = 1_000;

  @Test
  void aDirectoryWithoutALimitIsSearchedInOnePiece() throws Exception {
    Pages pages = new Pages(Integer.MAX_VALUE, Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
    scan(pages, 3_000, 2);
    assertEquals(2, pages.unpaged.get());
    assertEquals(List.of(), pages.asked);
  }

  @Test
  void eachFullPageDoublesTheNextUpToEightThousand() throws Exception {
    Pages pages = new Pages(Integer.MAX_VALUE, Integer.MAX_VALUE);
    scan(pages, 15_600, 2);
    assertEquals(1, pages.unpaged.get(), "cut at 1,000; the second search is paged from its start");
    // 500 + 1,000 + 2,000 + 4,000 + 8,000 = 15,500; the rest fits in one more page.
    List<Integer> once = List.of(500, 1_000, 2_000, 4_000, 8_000, 8_000);
    List<Integer> twice = new ArrayList<>(once);
    twice.addAll(once);
    assertEquals(twice, pages.asked);
  }

  @Test
  void aPageAnsweredShortStopsTheGrowth() throws Exception {
    Pages pages = new Pages(Integer.MAX_VALUE, 1_000);
    scan(pages, 5_000, 1);
    // 500, then 1,000 full; 2,000 answered with 1,000: no larger page is asked for.
    assertEquals(List.of(500, 1_000, 2_000, 2_000, 2_000, 2_000), pages.asked);
  }

  @Test
  void aRefusedPageIsAskedAgainWithPagesOfFiveHundred() throws Exception {
    Pages pages = new Pages(1_000, Integer.MAX_VALUE);
    scan(pages, 3_000, 2);
    // 1,500 handed over, the 2,000 refused: the search starts again, leaving those out. The next
    // search pages without growing.
    assertEquals(
        List.of(500, 1_000, 2_000, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500),
        pages.asked);
  }

  /**
   * A directory that stops a search in one piece at a limit other than a size limit
   * (adminLimitExceeded: a look-through limit, say) gets that search again in pages; the next one
   * goes in one piece again.
   */
  @Test
  void anotherLimitPagesThatSearchOnly() throws Exception {
    AtomicInteger unpaged = new AtomicInteger();
    List<Boolean> paged = new CopyOnWriteArrayList<>();
    InMemoryDirectoryServer server =
        SampleDirectory.start(
            new InMemoryOperationInterceptor() {
              @Override
              public void processSearchRequest(InMemoryInterceptedSearchRequest request)
                  throws LDAPException {
                if (!request.getRequest().getBaseDN().equalsIgnoreCase(SCANNED.toString())) {
                  return;
                }
                boolean withControl =
                    request.getRequest().hasControl(SimplePagedResultsControl.PAGED_RESULTS_OID);
                paged.add(withControl);
                if (!withControl && unpaged.getAndIncrement() == 0) {
                  throw new LDAPException(ResultCode.ADMIN_LIMIT_EXCEEDED, "look-through limit");
                }
              }
            });
    addEntries(server::add, SCANNED.toString(), 700);
    try (Directory ldap = connect(server)) {
      assertEquals(700, scanned(ldap));
      assertEquals(700, scanned(ldap));
    } finally {
      server.shutDown(true);
    }
    assertEquals(List.of(false, true, true, false), paged);
  }

  /** A directory that cuts pages of 500 too fails the search, after two requests. */
  @Test
  void aSizeLimitBelowTheFirstPageFailsTheSearch() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    InMemoryDirectoryServer server =
        SampleDirectory.start(
            new InMemoryOperationInterceptor() {
              @Override
              public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                if (request.getRequest().getBaseDN().equalsIgnoreCase(SCANNED.toString())) {
                  requests.incrementAndGet();
                  SearchRequest limited = request.getRequest().duplicate();
                  limited.setSizeLimit(300);
                  request.setRequest(limited);
                }
              }
            });
    addEntries(server::add, SCANNED.toString(), 700);
    try (Directory ldap = connect(server)) {
      assertThrows(DirectoryException.class, () -> scanned(ldap));
    } finally {
      server.shutDown(true);
    }
    assertEquals(2, requests.get(), "in one piece, then a page of 500");
  }

  @Test
  void aPageCutAtASizeLimitStartsTheSearchAgainLeavingOutWhatCame() throws Exception {
    Pages pages = new Pages(Integer.MAX_VALUE, Integer.MAX_VALUE, 700, UNPAGED_LIMIT);
    scan(pages, 3_000, 1);
    // The 2,000 page ends after 700 entries (2,200 handed over): from the start again.
    assertEquals(List.of(500, 1_000, 2_000, 500, 500, 500, 500, 500, 500), pages.asked);
  }

  /**
   * OpenLDAP with a size limit for the gateway's account, and a page size limit ({@code
   * size.pr=500}): the search in one piece is cut at the limit, a larger page is refused
   * (adminLimitExceeded, "illegal pagedResults page size"), and the search goes on.
   */
  @Test
  void onOpenLdapAPageSizeLimitIsKept() throws Exception {
    try (SizeLimitedDirectory.Running slapd = SizeLimitedDirectory.OPENLDAP.start()) {
      try (LDAPConnection admin = slapd.admin()) {
        addEntries(admin::add, "ou=scanned," + SizeLimitedDirectory.BASE_DN, 2_400);
        admin.modify(
            "olcDatabase={1}mdb,cn=config",
            new Modification(
                ModificationType.ADD,
                "olcLimits",
                "dn.exact=\""
                    + slapd.accountDn()
                    + "\" size.soft=700 size.hard=700 size.pr=500 size.prtotal=unlimited"));
      }
      try (Directory ldap =
          PostReadTest.connect(slapd.url(), slapd.accountDn(), slapd.accountPassword())) {
        assertEquals(2_400, scanned(ldap));
        assertEquals(2_400, scanned(ldap));
      }
    }
  }

  /**
   * Searches {@link #SCANNED} {@code times} times, on a directory with {@code entries} entries
   * there whose searches {@code pages} sees; each search hands over every entry once.
   */
  private static void scan(Pages pages, int entries, int times) throws Exception {
    InMemoryDirectoryServer server = serverWith(pages, entries);
    try (Directory ldap = connect(server)) {
      for (int i = 0; i < times; i++) {
        assertEquals(entries, scanned(ldap));
      }
    } finally {
      server.shutDown(true);
    }
  }

  /** How many distinct entries a search of {@link #SCANNED} hands over; fails on one seen twice. */
  private static int scanned(Directory ldap) {
    List<DN> seen = new ArrayList<>();
    ldap.search(
        SCANNED,
        SearchScope.ONE,
        Filter.createPresenceFilter("objectClass"),
        List.of("uid"),
        e -> seen.add(Entries.dn(e)));
    assertEquals(seen.size(), new HashSet<>(seen).size(), "an entry handed over twice");
    return seen.size();
  }

  /**
   * Records the page size of each paged search below {@link #SCANNED}, and counts those without
   * paging, which it cuts after {@code unpagedUpTo} entries (sizeLimitExceeded); refuses a page
   * larger than {@code refusedAbove} (adminLimitExceeded), answers at most {@code answeredUpTo}
   * entries a page, and ends a page larger than 1,000 after {@code cutAfter} entries (when
   * positive).
   */
  private static final class Pages extends InMemoryOperationInterceptor {
    final List<Integer> asked = new CopyOnWriteArrayList<>();
    final AtomicInteger unpaged = new AtomicInteger();
    private final int refusedAbove;
    private final int answeredUpTo;
    private final int cutAfter;
    private final int unpagedUpTo;

    Pages(int refusedAbove, int answeredUpTo) {
      this(refusedAbove, answeredUpTo, 0, UNPAGED_LIMIT);
    }

    Pages(int refusedAbove, int answeredUpTo, int cutAfter, int unpagedUpTo) {
      this.refusedAbove = refusedAbove;
      this.answeredUpTo = answeredUpTo;
      this.cutAfter = cutAfter;
      this.unpagedUpTo = unpagedUpTo;
    }

    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest request)
        throws LDAPException {
      SearchRequest search = request.getRequest().duplicate();
      if (!search.getBaseDN().equalsIgnoreCase(SCANNED.toString())) {
        return;
      }
      Control control = search.getControl(SimplePagedResultsControl.PAGED_RESULTS_OID);
      if (control == null) {
        unpaged.incrementAndGet();
        if (unpagedUpTo < Integer.MAX_VALUE) {
          search.setSizeLimit(unpagedUpTo);
          request.setRequest(search);
        }
        return;
      }
      SimplePagedResultsControl paged =
          new SimplePagedResultsControl(control.getOID(), control.isCritical(), control.getValue());
      asked.add(paged.getSize());
      if (paged.getSize() > refusedAbove) {
        throw new LDAPException(ResultCode.ADMIN_LIMIT_EXCEEDED, "illegal page size");
      }
      if (paged.getSize() > answeredUpTo) {
        search.replaceControl(
            new SimplePagedResultsControl(answeredUpTo, paged.getCookie(), false));
        request.setRequest(search);
      }
      if (cutAfter > 0 && paged.getSize() > 1_000) {
        search.setSizeLimit(cutAfter);
        request.setRequest(search);
      }
    }
  }

  private static InMemoryDirectoryServer serverWith(Pages pages, int entries) throws Exception {
    InMemoryDirectoryServer server = SampleDirectory.start(pages);
    addEntries(server::add, SCANNED.toString(), entries);
    return server;
  }

  /** Adds {@code under} and {@code entries} entries below it with {@code add}. */
  private static void addEntries(Adder add, String under, int entries) throws Exception {
    add.add(
        new Entry(
            "dn: " + under, "objectClass: organizationalUnit", "ou: " + under.split("[=,]")[1]));
    for (int i = 0; i < entries; i++) {
      add.add(
          new Entry(
              "dn: uid=scanned" + i + "," + under,
              "objectClass: inetOrgPerson",
              "uid: scanned" + i,
              "cn: Scanned " + i,
              "sn: Scanned"));
    }
  }

  @FunctionalInterface
  private interface Adder {
    void add(Entry entry) throws LDAPException;
  }

  private static Directory connect(InMemoryDirectoryServer server) {
    return PostReadTest.connect(
        "ldap://127.0.0.1:" + server.getListenPort(),
        SampleDirectory.ADMIN,
        SampleDirectory.PASSWORD);
  }

  private static DN dn(String dn) {
    try {
      return new DN(dn);
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }
}
