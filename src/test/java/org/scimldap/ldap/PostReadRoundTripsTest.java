package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.SampleDirectory;

/**
 * Where the directory has the Post-Read control (RFC 4527), as the in-memory server has, an add or
 * modify that wants the entry back takes one operation: no search follows it.
 */
class PostReadRoundTripsTest {
  private static final List<String> READ_BACK = List.of("uid", "title", "entryUUID");

  @Test
  void noSearchWhereTheDirectoryHasPostRead() throws Exception {
    AtomicInteger searches = new AtomicInteger();
    InMemoryDirectoryServer server =
        SampleDirectory.start(
            new InMemoryOperationInterceptor() {
              @Override
              public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                searches.incrementAndGet();
              }
            });
    DN dn = new DN("uid=counted,ou=people,dc=example,dc=com");
    try (Directory ldap =
        PostReadTest.connect(
            "ldap://127.0.0.1:" + server.getListenPort(),
            SampleDirectory.ADMIN,
            SampleDirectory.PASSWORD)) {
      int before = searches.get();
      Entry added = ldap.addAndRead(PostReadTest.person(dn), READ_BACK).orElseThrow();
      Entry modified =
          ldap.modifyAndRead(
                  dn,
                  List.of(new Modification(ModificationType.ADD, "title", "Counted")),
                  false,
                  Optional.empty(),
                  READ_BACK)
              .orElseThrow();
      assertEquals(before, searches.get(), "searches after connecting");
      assertFalse(added.hasAttribute("title"));
      assertEquals("Counted", modified.getAttributeValue("title"));
      assertEquals(added.getAttributeValue("entryUUID"), modified.getAttributeValue("entryUUID"));
    } finally {
      server.shutDown(true);
    }
  }
}
