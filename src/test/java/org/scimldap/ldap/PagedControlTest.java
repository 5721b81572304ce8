package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.testsupport.SampleDirectory;

/**
 * Searches go to the directory in one piece until it cuts one at a size limit; from then on those
 * that may return many entries ask for them in pages (RFC 2696). A base-scope search, which returns
 * at most one, is always sent without the paging control, so the directory keeps no paged search
 * state for it.
 */
class PagedControlTest {
  private static final DN PEOPLE = dn("ou=people,dc=example,dc=com");
  private static final DN SUFFIX = dn("dc=example,dc=com");

  @Test
  void searchesBelowAnEntryArePagedOnceOneWasCut() throws Exception {
    Map<SearchScope, List<Boolean>> paged = new ConcurrentHashMap<>();
    InMemoryDirectoryServer server =
        SampleDirectory.start(
            new InMemoryOperationInterceptor() {
              @Override
              public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                ReadOnlySearchRequest search = request.getRequest();
                if (!search.getBaseDN().endsWith("dc=example,dc=com")) {
                  return; // the root DSE or the schema, read by the connection
                }
                boolean withControl =
                    search.hasControl(SimplePagedResultsControl.PAGED_RESULTS_OID);
                paged
                    .computeIfAbsent(search.getScope(), s -> new CopyOnWriteArrayList<>())
                    .add(withControl);
                if (!withControl && search.getScope() == SearchScope.SUB) {
                  SearchRequest limited = search.duplicate();
                  limited.setSizeLimit(2);
                  request.setRequest(limited);
                }
              }
            });
    try (Directory ldap =
        PostReadTest.connect(
            "ldap://127.0.0.1:" + server.getListenPort(),
            SampleDirectory.ADMIN,
            SampleDirectory.PASSWORD)) {
      List<DN> base = new ArrayList<>();
      List<DN> below = new ArrayList<>();
      Filter any = Filter.createPresenceFilter("objectClass");
      ldap.search(PEOPLE, SearchScope.BASE, any, List.of("ou"), e -> base.add(Entries.dn(e)));
      ldap.search(SUFFIX, SearchScope.SUB, any, List.of("ou"), e -> below.add(Entries.dn(e)));
      ldap.search(PEOPLE, SearchScope.BASE, any, List.of("ou"), e -> base.add(Entries.dn(e)));
      List<DN> again = new ArrayList<>();
      ldap.search(SUFFIX, SearchScope.SUB, any, List.of("ou"), e -> again.add(Entries.dn(e)));

      assertEquals(List.of(PEOPLE, PEOPLE), base);
      assertTrue(below.size() > 2, "entries below " + SUFFIX + ": " + below);
      assertEquals(below.size(), new java.util.HashSet<>(below).size(), "each entry once");
      assertEquals(below, again);
      assertEquals(
          Map.of(
              SearchScope.BASE, List.of(false, false), SearchScope.SUB, List.of(false, true, true)),
          paged);
    } finally {
      server.shutDown(true);
    }
  }

  /**
   * Entries reach the sink as they are read, before the search is done: the directory here ends the
   * search only once an entry has been handed over.
   */
  @Test
  void entriesAreHandedOverAsTheyArrive() throws Exception {
    CountDownLatch firstHandedOver = new CountDownLatch(1);
    AtomicBoolean sentAfterIt = new AtomicBoolean();
    InMemoryDirectoryServer server =
        SampleDirectory.start(
            new InMemoryOperationInterceptor() {
              @Override
              public void processSearchResult(InMemoryInterceptedSearchResult result) {
                try {
                  sentAfterIt.set(firstHandedOver.await(5, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    try (Directory ldap =
        PostReadTest.connect(
            "ldap://127.0.0.1:" + server.getListenPort(),
            SampleDirectory.ADMIN,
            SampleDirectory.PASSWORD)) {
      List<DN> seen = new ArrayList<>();
      ldap.search(
          SUFFIX,
          SearchScope.SUB,
          Filter.createPresenceFilter("objectClass"),
          List.of("ou"),
          e -> {
            seen.add(Entries.dn(e));
            firstHandedOver.countDown();
          });
      assertTrue(seen.size() > 2, seen.toString());
      assertTrue(sentAfterIt.get(), "an entry was handed over before the search was done");
    } finally {
      server.shutDown(true);
    }
  }

  /**
   * A sink that fails mid-search stops the search with its failure, and the connection it ran on
   * serves the next search (the pool has only that one).
   */
  @Test
  void aFailingSinkLeavesTheConnectionUsable() throws Exception {
    InMemoryDirectoryServer server = SampleDirectory.start(new InMemoryOperationInterceptor() {});
    LdapConfig config =
        GatewayConfig.defaults()
            .ldap()
            .withUrls(List.of("ldap://127.0.0.1:" + server.getListenPort()))
            .withPoolSize(1);
    try (Directory ldap =
        DirectoryConnector.connect(config, SampleDirectory.ADMIN, SampleDirectory.PASSWORD, true)) {
      Filter any = Filter.createPresenceFilter("objectClass");
      List<DN> seen = new ArrayList<>();
      IllegalStateException thrown =
          assertThrows(
              IllegalStateException.class,
              () ->
                  ldap.search(
                      SUFFIX,
                      SearchScope.SUB,
                      any,
                      List.of("ou"),
                      e -> {
                        seen.add(Entries.dn(e));
                        throw new IllegalStateException("refused " + e.getDN());
                      }));
      assertEquals("refused " + seen.get(0), thrown.getMessage());
      assertEquals(1, seen.size(), "entries handed over after the failure");

      List<DN> again = new ArrayList<>();
      ldap.search(SUFFIX, SearchScope.SUB, any, List.of("ou"), e -> again.add(Entries.dn(e)));
      assertTrue(again.size() > 1, again.toString());
    } finally {
      server.shutDown(true);
    }
  }

  private static DN dn(String text) {
    try {
      return new DN(text);
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
