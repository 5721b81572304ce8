package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.SampleDirectory;

/**
 * Searches that may return many entries ask for them in pages (RFC 2696); a base-scope search,
 * which returns at most one, is sent without the paging control, so the directory keeps no paged
 * search state for it.
 */
class PagedControlTest {
  private static final DN PEOPLE = dn("ou=people,dc=example,dc=com");
  private static final DN SUFFIX = dn("dc=example,dc=com");

  @Test
  void onlySearchesBelowAnEntryArePaged() throws Exception {
    Map<SearchScope, Boolean> paged = new ConcurrentHashMap<>();
    InMemoryDirectoryServer server =
        SampleDirectory.start(
            new InMemoryOperationInterceptor() {
              @Override
              public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                paged.put(
                    request.getRequest().getScope(),
                    request.getRequest().hasControl(SimplePagedResultsControl.PAGED_RESULTS_OID));
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

      assertEquals(List.of(PEOPLE), base);
      assertEquals(true, below.size() > 1, "entries below " + SUFFIX + ": " + below);
      assertEquals(Map.of(SearchScope.BASE, false, SearchScope.SUB, true), paged);
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
