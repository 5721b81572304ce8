package org.scimldap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SQLite correlation store on a temporary file: what a row keeps, how rows are found by DN (RFC
 * 4514 equality, whatever the spelling) and by externalId, that rows outlive the store that wrote
 * them, and how the store fails.
 */
class SqliteCorrelationStoreTest {
  private static final String PEOPLE = "ou=people,dc=example,dc=com";
  private static final Instant CREATED = Instant.parse("2024-02-29T08:15:30.123456789Z");
  private static final Instant MODIFIED = Instant.parse("2025-01-01T00:00:00Z");

  @TempDir Path dir;
  private Path file;
  private SqliteCorrelationStore store;

  @BeforeEach
  void open() {
    file = dir.resolve("gateway.db");
    store = SqliteCorrelationStore.open(file);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void saveThenFindByIdReturnsEveryField() {
    Correlation saved =
        new Correlation(
            "id-1",
            "User",
            "uuid-1",
            dn("UID=Alice , OU=People,dc=example,dc=com"),
            "Ext-1",
            CREATED,
            MODIFIED,
            "W/\"7\"");
    store.save(saved);

    Correlation found = store.findById("id-1").orElseThrow();

    assertEquals(saved, found);
    assertEquals("id-1", found.id());
    assertEquals("User", found.resourceType());
    assertEquals("uuid-1", found.immutableId());
    assertEquals("Ext-1", found.externalId());
    assertEquals(CREATED, found.created(), "nanoseconds survive");
    assertEquals(MODIFIED, found.lastModified());
    assertEquals("W/\"7\"", found.version());
    assertEquals(
        "UID=Alice , OU=People,dc=example,dc=com",
        found.dn().toString(),
        "the DN comes back as it was written, not normalized");
  }

  @Test
  void aConditionalSaveWritesOnlyOverTheRowAsItWasRead() {
    DN alice = dn("uid=alice," + PEOPLE);
    Correlation first = kept("id-1", alice, "ext", "{\"nickName\":\"Al\"}");
    assertTrue(store.saveIfUnchanged(first, Optional.empty()), "no row yet: inserted");
    assertFalse(
        store.saveIfUnchanged(kept("id-1", alice, "ext", "{}"), Optional.empty()),
        "a row appeared since it was read as absent");

    Correlation second = kept("id-1", alice, "ext", "{\"nickName\":\"Ally\"}");
    assertTrue(store.saveIfUnchanged(second, Optional.of(first)));
    assertEquals(second.kept(), store.findById("id-1").orElseThrow().kept());

    Correlation lost = kept("id-1", alice, "ext", "{\"nickName\":\"Lost\"}");
    assertFalse(store.saveIfUnchanged(lost, Optional.of(first)), "kept parts changed meanwhile");
    assertFalse(
        store.saveIfUnchanged(lost, Optional.of(kept("id-1", alice, "other", second.kept()))),
        "externalId changed meanwhile");
    assertEquals(second.kept(), store.findById("id-1").orElseThrow().kept(), "nothing saved");

    Correlation cleared = kept("id-1", alice, null, null);
    assertTrue(store.saveIfUnchanged(cleared, Optional.of(second)));
    assertTrue(store.saveIfUnchanged(second, Optional.of(cleared)), "nulls compare as nulls");
  }

  private static Correlation kept(String id, DN dn, String externalId, String kept) {
    return new Correlation(
        id, "User", "uuid-1", dn, externalId, CREATED, MODIFIED, "W/\"1\"", kept);
  }

  @Test
  void aRowWithoutExternalIdComesBackWithoutOne() {
    store.save(row("id-1", "User", "uuid-1", "uid=alice," + PEOPLE, null));

    assertEquals(null, store.findById("id-1").orElseThrow().externalId());
  }

  @Test
  void findByIdMissesAnUnknownId() {
    store.save(row("id-1", "User", "uuid-1", "uid=alice," + PEOPLE, null));

    assertEquals(Optional.empty(), store.findById("id-2"));
    assertEquals(Optional.empty(), store.findById("ID-1"), "ids are case-exact");
  }

  @Test
  void savingTheSameIdAgainReplacesTheWholeRowIncludingItsDn() {
    DN before = dn("uid=alice," + PEOPLE);
    DN after = dn("uid=alice.smith," + PEOPLE);
    store.save(row("id-1", "User", "uuid-1", before.toString(), "old-ext"));
    Correlation renamed =
        new Correlation(
            "id-1",
            "User",
            "uuid-1",
            after,
            "new-ext",
            CREATED,
            MODIFIED.plusSeconds(60),
            "W/\"8\"");

    store.save(renamed);

    assertEquals(renamed, store.findById("id-1").orElseThrow());
    assertEquals(Map.of(), store.findByDns(List.of(before)), "the old DN no longer finds the row");
    assertEquals(Map.of(after, renamed), store.findByDns(List.of(before, after)));
    assertEquals(List.of(), store.idsByExternalId("User", "old-ext"));
    assertEquals(List.of("id-1"), store.idsByExternalId("User", "new-ext"));
  }

  @ParameterizedTest(name = "{0} is found as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "uid=alice,ou=people,dc=example,dc=com | UID=Alice,OU=People,DC=Example,DC=Com",
        "UID=Alice,OU=People,DC=Example,DC=Com | uid=alice,ou=people,dc=example,dc=com",
        "uid=alice,ou=people,dc=example,dc=com | uid = alice , ou = people , dc = example , dc = com",
        "cn=a\\,b,ou=groups,dc=example,dc=com  | cn=a\\2cb,ou=groups,dc=example,dc=com",
        "cn=a\\,b,ou=groups,dc=example,dc=com  | CN=A\\2Cb,OU=Groups,DC=example,DC=com",
        "cn=a\\+b,ou=groups,dc=example,dc=com  | cn=a\\2Bb,ou=groups,dc=example,dc=com",
        "cn=x+sn=y,ou=people,dc=example,dc=com | SN=Y+CN=X,ou=people,dc=example,dc=com",
        "cn=\\ lead,ou=people,dc=example,dc=com | cn=\\20lead,ou=people,dc=example,dc=com",
      })
  void findByDnsMatchesDnsByTheirNormalizedForm(String stored, String asked) {
    Correlation saved = row("id-1", "Group", "uuid-1", stored, null);
    store.save(saved);
    DN lookup = dn(asked);

    Map<DN, Correlation> found = store.findByDns(List.of(lookup));

    assertEquals(1, found.size(), found.toString());
    DN key = found.keySet().iterator().next();
    assertSame(lookup, key, "the result is keyed by the DN the caller passed");
    assertEquals(saved, found.get(key));
    assertEquals(stored, found.get(key).dn().toString(), "the row keeps its own spelling");
  }

  @ParameterizedTest(name = "{0} is not {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "uid=alice,ou=people,dc=example,dc=com | uid=alice2,ou=people,dc=example,dc=com",
        "uid=alice,ou=people,dc=example,dc=com | uid=alice,ou=groups,dc=example,dc=com",
        "uid=alice,ou=people,dc=example,dc=com | cn=alice,ou=people,dc=example,dc=com",
        "cn=a\\,b,ou=groups,dc=example,dc=com  | cn=a,cn=b,ou=groups,dc=example,dc=com",
        "cn=x+sn=y,ou=people,dc=example,dc=com | cn=x,ou=people,dc=example,dc=com",
      })
  void findByDnsDoesNotConfuseDifferentDns(String stored, String asked) {
    store.save(row("id-1", "User", "uuid-1", stored, null));

    assertEquals(Map.of(), store.findByDns(List.of(dn(asked))));
  }

  @Test
  void findByDnsReturnsOnlyTheDnsItKnows() {
    Correlation alice = row("id-a", "User", "uuid-a", "uid=alice," + PEOPLE, null);
    Correlation bob = row("id-b", "User", "uuid-b", "uid=bob," + PEOPLE, null);
    store.save(alice);
    store.save(bob);
    store.save(row("id-c", "User", "uuid-c", "uid=carol," + PEOPLE, null));

    Map<DN, Correlation> found =
        store.findByDns(
            List.of(
                dn("uid=alice," + PEOPLE), dn("uid=nobody," + PEOPLE), dn("uid=bob," + PEOPLE)));

    assertEquals(Map.of(dn("uid=alice," + PEOPLE), alice, dn("uid=bob," + PEOPLE), bob), found);
    assertEquals(Map.of(), store.findByDns(List.of()));
  }

  /** More DNs than one SQL statement takes (the store splits them into batches of 400). */
  @Test
  void findByDnsFindsEveryKnownDnAmongMoreThanOneBatch() {
    int known = 1001;
    Map<DN, String> expected = new HashMap<>();
    List<DN> asked = new ArrayList<>();
    for (int i = 0; i < known; i++) {
      DN user = dn("uid=user" + i + "," + PEOPLE);
      store.save(row("id-" + i, "User", "uuid-" + i, user.toString(), null));
      expected.put(user, "id-" + i);
      asked.add(user);
      if (i % 5 == 0) {
        asked.add(dn("uid=stranger" + i + "," + PEOPLE));
      }
    }

    Map<DN, Correlation> found = store.findByDns(asked);

    assertTrue(asked.size() > 1200, "enough DNs for three batches");
    Map<DN, String> ids = new HashMap<>();
    found.forEach((dn, row) -> ids.put(dn, row.id()));
    assertEquals(expected, ids);
  }

  @Test
  void storedPartsGivesTheExternalIdAndKeptPartsOfTheIdsItKnows() {
    store.save(row("id-a", "User", "uuid-a", "uid=alice," + PEOPLE, "ext-a"));
    store.save(row("id-b", "User", "uuid-b", "uid=bob," + PEOPLE, null));
    Correlation carol = row("id-c", "User", "uuid-c", "uid=carol," + PEOPLE, null);
    store.save(
        new Correlation(
            carol.id(),
            carol.resourceType(),
            carol.immutableId(),
            carol.dn(),
            "ext-c",
            CREATED,
            MODIFIED,
            "W/\"2\"",
            "{\"nickName\":\"Caz\"}"));

    Map<String, StoredParts> found =
        store.storedParts(List.of("id-c", "id-x", "id-a", "id-b", "id-a"));

    assertEquals(
        Map.of(
            "id-a", new StoredParts("ext-a", null),
            "id-b", new StoredParts(null, null),
            "id-c", new StoredParts("ext-c", "{\"nickName\":\"Caz\"}")),
        found);
    assertEquals(Map.of(), store.storedParts(List.of()));
  }

  /** More ids than one SQL statement takes. */
  @Test
  void storedPartsFindsEveryKnownIdAmongMoreThanOneBatch() {
    Map<String, StoredParts> expected = new HashMap<>();
    List<String> asked = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      store.save(row("id-" + i, "User", "uuid-" + i, "uid=user" + i + "," + PEOPLE, "ext-" + i));
      expected.put("id-" + i, new StoredParts("ext-" + i, null));
      asked.add("id-" + i);
      if (i % 5 == 0) {
        asked.add("stranger-" + i);
      }
    }

    assertEquals(expected, store.storedParts(asked));
  }

  @Test
  void idsByExternalIdIsCaseExactAndPerResourceType() {
    store.save(row("u1", "User", "uuid-1", "uid=u1," + PEOPLE, "Ext-1"));
    store.save(row("u2", "User", "uuid-2", "uid=u2," + PEOPLE, "Ext-1"));
    store.save(row("u3", "User", "uuid-3", "uid=u3," + PEOPLE, "ext-1"));
    store.save(row("u4", "User", "uuid-4", "uid=u4," + PEOPLE, null));
    store.save(row("g1", "Group", "uuid-5", "cn=g1,ou=groups,dc=example,dc=com", "Ext-1"));

    assertEquals(Set.of("u1", "u2"), new HashSet<>(store.idsByExternalId("User", "Ext-1")));
    assertEquals(2, store.idsByExternalId("User", "Ext-1").size());
    assertEquals(List.of("u3"), store.idsByExternalId("User", "ext-1"));
    assertEquals(List.of(), store.idsByExternalId("User", "EXT-1"));
    assertEquals(List.of("g1"), store.idsByExternalId("Group", "Ext-1"));
    assertEquals(List.of(), store.idsByExternalId("Group", "ext-1"));
  }

  @Test
  void deleteRemovesOnlyThatRow() {
    Correlation alice = row("id-a", "User", "uuid-a", "uid=alice," + PEOPLE, "ext-a");
    Correlation bob = row("id-b", "User", "uuid-b", "uid=bob," + PEOPLE, "ext-b");
    store.save(alice);
    store.save(bob);

    store.delete("id-a");
    store.delete("id-unknown");

    assertEquals(Optional.empty(), store.findById("id-a"));
    assertEquals(List.of(), store.idsByExternalId("User", "ext-a"));
    assertEquals(Map.of(), store.findByDns(List.of(alice.dn())));
    assertEquals(Optional.of(bob), store.findById("id-b"));
    assertEquals(Map.of(bob.dn(), bob), store.findByDns(List.of(alice.dn(), bob.dn())));
  }

  @Test
  void deletedIdCanBeSavedAgain() {
    Correlation alice = row("id-a", "User", "uuid-a", "uid=alice," + PEOPLE, null);
    store.save(alice);
    store.delete("id-a");

    store.save(alice);

    assertEquals(Optional.of(alice), store.findById("id-a"));
  }

  @Test
  void rowsSurviveClosingAndReopeningTheFile() {
    Correlation alice = row("id-a", "User", "uuid-a", "uid=alice," + PEOPLE, "ext-a");
    store.save(alice);
    store.close();

    store = SqliteCorrelationStore.open(file);

    assertEquals(Optional.of(alice), store.findById("id-a"));
    assertEquals(Map.of(alice.dn(), alice), store.findByDns(List.of(alice.dn())));
    assertEquals(List.of("id-a"), store.idsByExternalId("User", "ext-a"));
  }

  @Test
  void openCreatesTheMissingFolders() {
    Path nested = dir.resolve("a/b/c/gateway.db");

    try (SqliteCorrelationStore other = SqliteCorrelationStore.open(nested)) {
      other.save(row("id-a", "User", "uuid-a", "uid=alice," + PEOPLE, null));
      assertTrue(Files.isRegularFile(nested));
      assertTrue(other.findById("id-a").isPresent());
    }
  }

  /**
   * The immutable id is unique: a second id for the same directory entry is refused as a store
   * failure, and the first row is left as it was.
   */
  @Test
  void twoIdsCannotShareAnImmutableId() {
    Correlation first = row("id-1", "User", "uuid-1", "uid=alice," + PEOPLE, null);
    store.save(first);

    assertStoreFailure(
        "save id id-2",
        () -> store.save(row("id-2", "User", "uuid-1", "uid=alice2," + PEOPLE, null)));

    assertEquals(Optional.empty(), store.findById("id-2"));
    assertEquals(Optional.of(first), store.findById("id-1"));

    // The refused write leaves the store writable, by each kind of write.
    Correlation second = row("id-2", "User", "uuid-2", "uid=alice2," + PEOPLE, null);
    store.save(second);
    assertEquals(Optional.of(second), store.findById("id-2"));
    assertStoreFailure(
        "save id id-3",
        () ->
            store.saveIfUnchanged(
                row("id-3", "User", "uuid-2", "uid=c," + PEOPLE, null), Optional.empty()));
    store.delete("id-1");
    assertEquals(Optional.empty(), store.findById("id-1"));
  }

  @Test
  void aClosedStoreFailsEveryOperationAndSaysWhich() {
    DN alice = dn("uid=alice," + PEOPLE);
    store.close();

    assertStoreFailure("read id id-a", () -> store.findById("id-a"));
    assertStoreFailure("look up DNs", () -> store.findByDns(List.of(alice)));
    assertStoreFailure("look up ids", () -> store.storedParts(List.of("id-a")));
    assertStoreFailure("look up externalId", () -> store.idsByExternalId("User", "ext"));
    assertStoreFailure(
        "save id id-a", () -> store.save(row("id-a", "User", "uuid-a", alice.toString(), null)));
    assertStoreFailure("delete id id-a", () -> store.delete("id-a"));
  }

  @Test
  void aStoreWhoseTableWasDroppedFailsAndSaysWhich() throws Exception {
    store.save(row("id-a", "User", "uuid-a", "uid=alice," + PEOPLE, null));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE correlation");
    }

    assertStoreFailure("read id id-a", () -> store.findById("id-a"));
    assertStoreFailure("look up DNs", () -> store.findByDns(List.of(dn("uid=alice," + PEOPLE))));
  }

  /** A store whose file cannot be opened fails when it is opened, naming the file. */
  @Test
  void openingAStoreWhereADirectoryStandsFailsAtOnce() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("not-a-file.db"));

    assertStoreFailure("open " + folder, () -> SqliteCorrelationStore.open(folder).close());
  }

  @Test
  void openingAStoreBelowAFileFailsNamingTheFolder() throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
    Path wanted = blocker.resolve("gateway.db");

    StoreException e =
        assertThrows(StoreException.class, () -> SqliteCorrelationStore.open(wanted));

    assertTrue(e.getMessage().contains("could not create the folder of " + wanted), e.getMessage());
  }

  /** The store failed with its own failure type, and the exception names the operation. */
  private static void assertStoreFailure(String operation, Executable call) {
    StoreException e = assertThrows(StoreException.class, call);
    assertTrue(
        e.getMessage() != null && e.getMessage().contains(operation),
        "expected a failure naming '" + operation + "', got " + e);
  }

  private static Correlation row(
      String id, String type, String immutableId, String dn, String externalId) {
    return new Correlation(id, type, immutableId, dn(dn), externalId, CREATED, MODIFIED, "W/\"1\"");
  }

  private static DN dn(String text) {
    try {
      return new DN(text);
    } catch (LDAPException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
