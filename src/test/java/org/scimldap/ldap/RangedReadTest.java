package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.testsupport.WindowsLikeDirectory;
import org.scimldap.testsupport.WindowsLikeDirectory.Search;

/**
 * A {@link Directory} on a directory that hands out large attributes in slices, as Active Directory
 * does, gives callers every value under the plain name, from reads and from searches; the slices
 * are read through the pool, never on the connection that searches, and a slice that cannot be read
 * fails like any other read.
 */
class RangedReadTest {
  private static final int LIMIT = 4;
  private static final String GROUPS = WindowsLikeDirectory.GROUPS_DN;

  private WindowsLikeDirectory directory;
  private Directory gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (directory != null) {
      directory.close();
    }
  }

  @Test
  void aReadGivesEveryValueUnderThePlainName() throws Exception {
    start();
    group("big", 10);
    directory.forgetSearches();

    Entry entry = gateway.read(new DN("cn=big," + GROUPS), List.of("cn", "member")).orElseThrow();

    assertEquals(List.of("cn", "member"), names(entry));
    assertEquals(members(10), List.of(entry.getAttributeValues("member")));
    assertEquals(
        List.of(List.of("cn", "member"), List.of("member;range=4-*"), List.of("member;range=8-*")),
        directory.searches().stream().map(Search::attributes).toList());
  }

  @Test
  void aSearchGivesEveryValueOfEachEntryAndReadsSlicesOnOtherConnections() throws Exception {
    start();
    group("big", 10);
    group("bigger", 13);
    group("small", 3);
    directory.forgetSearches();

    List<Entry> found = new ArrayList<>();
    gateway.search(
        new DN(GROUPS),
        SearchScope.ONE,
        Filter.createEqualityFilter("objectClass", "groupOfNames"),
        List.of("cn", "member"),
        found::add);

    assertEquals(3, found.size());
    for (Entry e : found) {
      int size =
          switch (e.getAttributeValue("cn")) {
            case "big" -> 10;
            case "bigger" -> 13;
            default -> 3;
          };
      assertEquals(List.of("cn", "member"), names(e));
      assertEquals(members(size), List.of(e.getAttributeValues("member")), e.getDN());
    }
    List<Search> searches = directory.searches();
    Search scan = searches.get(0);
    assertEquals(SearchScope.ONE, scan.scope());
    List<Search> slices = searches.subList(1, searches.size());
    assertEquals(5, slices.size(), "two slices for big, three for bigger, none for small");
    for (Search slice : slices) {
      assertEquals(SearchScope.BASE, slice.scope());
      assertFalse(slice.pageSize().isPresent());
      assertTrue(slice.connection() != scan.connection(), "not on the searching connection");
    }
  }

  @Test
  void aSliceThatCannotBeReadFailsAsAnOutage() throws Exception {
    start(new SlicesUnavailable());
    group("big", 10);
    group("small", 3);

    DirectoryException read =
        assertThrows(
            DirectoryException.class,
            () -> gateway.read(new DN("cn=big," + GROUPS), List.of("member")));
    DirectoryException search =
        assertThrows(
            DirectoryException.class,
            () ->
                gateway.search(
                    new DN(GROUPS),
                    SearchScope.ONE,
                    Filter.createPresenceFilter("member"),
                    List.of("member"),
                    e -> {}));

    assertTrue(read.isOutage(), read.getMessage());
    assertTrue(search.isOutage(), search.getMessage());
    assertEquals(
        List.of("member"),
        names(gateway.read(new DN("cn=small," + GROUPS), List.of("member")).orElseThrow()),
        "an entry without slices needs none");
  }

  /** Refuses every request for a slice, as a directory that went away between two reads. */
  private static final class SlicesUnavailable extends InMemoryOperationInterceptor {
    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest request)
        throws LDAPException {
      if (request.getRequest().getAttributeList().stream().anyMatch(a -> a.contains(";range="))) {
        throw new LDAPException(ResultCode.UNAVAILABLE, "the directory is shutting down");
      }
    }
  }

  private void start(InMemoryOperationInterceptor... others) throws Exception {
    directory = WindowsLikeDirectory.start(LIMIT, others);
    LdapConfig config =
        GatewayConfig.defaults().ldap().withUrls(List.of(directory.url())).withPoolSize(2);
    gateway =
        DirectoryConnector.connect(config, directory.accountDn(), directory.accountPassword());
  }

  private void group(String cn, int members) throws Exception {
    directory
        .server()
        .add(
            new Entry(
                "cn=" + cn + "," + GROUPS,
                new Attribute("objectClass", "groupOfNames"),
                new Attribute("cn", cn),
                new Attribute("member", members(members))));
  }

  private static List<String> members(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "uid=m" + i + "," + WindowsLikeDirectory.PEOPLE_DN)
        .toList();
  }

  private static List<String> names(Entry entry) {
    return entry.getAttributes().stream().map(Attribute::getName).toList();
  }
}
