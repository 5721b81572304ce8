package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.ldap.ForwardingDirectory;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.store.Correlation;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.ForwardingStore;
import org.scimldap.store.StoreException;

/**
 * A create whose store write fails leaves one consistent resource, and a retry never duplicates.
 */
class CreateConsistencyTest {
  @TempDir Path data;

  private ServiceFixture fixture;
  private FlakyDirectory directory;
  private FlakyStore store;
  private ResourceService users;

  @BeforeEach
  void start() {
    fixture =
        new ServiceFixture(
            data, d -> directory = new FlakyDirectory(d), s -> store = new FlakyStore(s));
    users = fixture.users;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aFailedStoreWriteUndoesTheAddAndTheRetrySucceedsOnce() throws Exception {
    store.failNextSave.set(true);
    ScimException e = assertThrows(ScimException.class, () -> users.create(body("nora")));
    assertEquals(503, e.status());
    assertEquals(0, count("nora"), "the entry was removed again");

    Resource created = users.create(body("nora"));
    assertEquals(1, count("nora"));
    assertEquals(
        "nora",
        users.get(created.body().path("id").asText(), false).body().path("userName").asText());
  }

  @Test
  void whenTheUndoFailsTooTheResourceIsStillConsistentAndARetryIsAConflict() throws Exception {
    store.failNextSave.set(true);
    directory.failDeletes.set(true);
    assertThrows(ScimException.class, () -> users.create(body("owen")));
    directory.failDeletes.set(false);
    assertEquals(1, count("owen"));

    ListPage page =
        users.list(new ListQuery(FilterParser.parse("userName eq \"owen\""), 1, 10, false));
    assertEquals(1, page.totalResults());
    String id = page.resources().get(0).path("id").asText();
    assertEquals("owen", users.get(id, false).body().path("userName").asText());

    ScimException retry = assertThrows(ScimException.class, () -> users.create(body("owen")));
    assertEquals(409, retry.status());
    assertEquals(1, count("owen"));
  }

  private int count(String uid) throws Exception {
    try (var c = new LDAPConnection("127.0.0.1", fixture.embedded.port())) {
      return c.search(
              "ou=people,dc=example,dc=com",
              SearchScope.ONE,
              Filter.createEqualityFilter("uid", uid))
          .getEntryCount();
    }
  }

  private static ObjectNode body(String userName) throws Exception {
    return (ObjectNode)
        new ObjectMapper()
            .readTree(
                """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
         "name":{"givenName":"N","familyName":"F"}}"""
                    .formatted(userName));
  }

  /** A store whose next save fails, as a full disk or a locked file would make it. */
  private static final class FlakyStore extends ForwardingStore {
    final AtomicBoolean failNextSave = new AtomicBoolean();

    FlakyStore(CorrelationStore real) {
      super(real);
    }

    @Override
    public void save(Correlation correlation) {
      if (failNextSave.getAndSet(false)) {
        throw new StoreException("save (test)", null);
      }
      super.save(correlation);
    }

    @Override
    public boolean saveIfUnchanged(Correlation correlation, Optional<Correlation> read) {
      if (failNextSave.getAndSet(false)) {
        throw new StoreException("save (test)", null);
      }
      return super.saveIfUnchanged(correlation, read);
    }
  }

  /** A directory whose deletes can be made to fail, as during an outage. */
  private static final class FlakyDirectory extends ForwardingDirectory {
    final AtomicBoolean failDeletes = new AtomicBoolean();

    FlakyDirectory(Directory real) {
      super(real);
    }

    @Override
    public void delete(DN dn) {
      if (failDeletes.get()) {
        throw new DirectoryException(
            "delete " + dn, ResultCode.SERVER_DOWN, "directory down (test)", null);
      }
      wrapped().delete(dn);
    }
  }
}
