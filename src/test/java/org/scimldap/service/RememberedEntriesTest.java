package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.patch.PatchRequestParser;
import org.scimldap.testsupport.SearchCountingDirectory;

/**
 * A PATCH soon after the gateway wrote a user starts from the entry as that write left it, without
 * reading it again; whatever changed the entry meanwhile, through the gateway or not, still counts.
 */
class RememberedEntriesTest {
  private static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";

  @TempDir Path data;
  private ServiceFixture fixture;
  private final AtomicInteger reads = new AtomicInteger();
  private String id;

  @BeforeEach
  void start() throws Exception {
    fixture =
        new ServiceFixture(
            data,
            d ->
                new SearchCountingDirectory(
                    d, base -> base.toString().endsWith("ou=people,dc=example,dc=com"), reads),
            s -> s);
    id =
        fixture
            .users
            .create(
                body(
                    """
                    {"userName":"alice","name":{"givenName":"Alice","familyName":"Liddell"},"title":"Reader",
                     "phoneNumbers":[{"type":"work","value":"+1 555 0100"}]}"""))
            .body()
            .path("id")
            .asText();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aPatchAfterTheGatewaysOwnWritesReadsNoEntry() throws Exception {
    reads.set(0);
    ObjectNode first = patch("replace", "title", "\"Writer\"").resource().orElseThrow().body();
    ObjectNode second =
        patch("replace", "displayName", "\"Alice\"").resource().orElseThrow().body();

    assertEquals(0, reads.get(), "searches of the users");
    assertEquals("Writer", first.path("title").asText());
    assertEquals("Writer", second.path("title").asText());
    assertEquals("Alice", second.path("displayName").asText());
    assertEquals(Set.of("Writer"), values("title"));
  }

  @Test
  void aChangeMadeOutsideTheGatewayIsKeptAndShown() throws Exception {
    outside(new Modification(ModificationType.ADD, "mobile", "+1 555 0199"));
    outside(new Modification(ModificationType.REPLACE, "title", "Editor"));

    ObjectNode after =
        patch("add", "phoneNumbers", "[{\"type\":\"home\",\"value\":\"+1 555 0142\"}]")
            .resource()
            .orElseThrow()
            .body();

    assertEquals(Set.of("+1 555 0199"), values("mobile"));
    assertEquals(Set.of("+1 555 0142"), values("homePhone"));
    assertEquals(Set.of("+1 555 0100"), values("telephoneNumber"));
    assertEquals("Editor", after.path("title").asText());
    assertEquals(3, after.path("phoneNumbers").size(), after.toString());
  }

  /**
   * {@code cn} is made of the given and family names: a new given name goes with the family name
   * the entry has now, not the one the gateway last wrote.
   */
  @Test
  void aValueMadeOfOthersIsMadeOfTheirValuesAsTheyAre() throws Exception {
    outside(new Modification(ModificationType.REPLACE, "sn", "Hargreaves"));

    ObjectNode after =
        patch("replace", "name.givenName", "\"Alicia\"").resource().orElseThrow().body();

    assertEquals(Set.of("Alicia Hargreaves"), values("cn"));
    assertEquals("Hargreaves", after.path("name").path("familyName").asText());
  }

  /**
   * By the remembered entry, only the externalId (which the store keeps) changes, and no modify
   * would reach the directory to check it; by the directory's entry, the title changes too.
   */
  @Test
  void aPatchThatSeemsToChangeOnlyTheStoreIsDecidedOnTheEntryAsItIs() throws Exception {
    outside(new Modification(ModificationType.REPLACE, "title", "Editor"));

    ObjectNode after =
        patch(
                """
                {"op":"replace","path":"title","value":"Reader"},
                {"op":"replace","path":"externalId","value":"ext-1"}""")
            .resource()
            .orElseThrow()
            .body();

    assertEquals(Set.of("Reader"), values("title"));
    assertEquals("Reader", after.path("title").asText());
    assertEquals("ext-1", after.path("externalId").asText());
  }

  /** The remembered entry says there is nothing to change; the directory says otherwise. */
  @Test
  void aPatchThatSeemsToChangeNothingIsDecidedOnTheEntryAsItIs() throws Exception {
    outside(new Modification(ModificationType.REPLACE, "title", "Editor"));

    ObjectNode after = patch("replace", "title", "\"Reader\"").resource().orElseThrow().body();

    assertEquals("Reader", after.path("title").asText());
    assertEquals(Set.of("Reader"), values("title"));
  }

  /** The remembered entry has no home phone to remove; the directory's entry has one. */
  @Test
  void anOperationThatFindsNothingInTheRememberedEntryIsDecidedOnTheEntryAsItIs() throws Exception {
    outside(new Modification(ModificationType.ADD, "homePhone", "+1 555 0142"));

    ObjectNode after =
        patch("remove", "phoneNumbers[type eq \\\"home\\\"]", null).resource().orElseThrow().body();

    assertEquals(Set.of(), values("homePhone"));
    assertEquals(1, after.path("phoneNumbers").size(), after.toString());
  }

  @Test
  void anEntryDeletedOutsideTheGatewayIsNotFound() throws Exception {
    try (LDAPConnection c = admin()) {
      c.delete(ALICE);
    }
    ScimException e =
        assertThrows(ScimException.class, () -> patch("replace", "title", "\"Writer\""));
    assertEquals(404, e.status());
  }

  @Test
  void aPatchAfterADeleteAndAFreshCreateStartsFromTheNewEntry() throws Exception {
    fixture.users.delete(id, Optional.empty());
    String again =
        fixture
            .users
            .create(body("{\"userName\":\"alice\",\"name\":{\"familyName\":\"Again\"}}"))
            .body()
            .path("id")
            .asText();
    assertTrue(!again.equals(id), "a new entry, a new id");

    ScimException gone =
        assertThrows(ScimException.class, () -> patch("replace", "title", "\"Writer\""));
    assertEquals(404, gone.status());
    id = again;
    ObjectNode after = patch("replace", "title", "\"Writer\"").resource().orElseThrow().body();
    assertEquals("Again", after.path("name").path("familyName").asText());
    assertEquals(Set.of("Writer"), values("title"));
  }

  private PatchResult patch(String op, String path, String value) throws Exception {
    return patch(
        value == null
            ? "{\"op\":\"%s\",\"path\":\"%s\"}".formatted(op, path)
            : "{\"op\":\"%s\",\"path\":\"%s\",\"value\":%s}".formatted(op, path, value));
  }

  private PatchResult patch(String operations) throws Exception {
    String operation = operations;
    return fixture.users.patch(
        id,
        PatchRequestParser.parse(
            body(
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                    + operation
                    + "]}")),
        Optional.empty(),
        true,
        false);
  }

  private void outside(Modification change) throws Exception {
    try (LDAPConnection c = admin()) {
      c.modify(ALICE, change);
    }
  }

  private Set<String> values(String attribute) throws Exception {
    try (LDAPConnection c = admin()) {
      String[] found = c.getEntry(ALICE, attribute).getAttributeValues(attribute);
      return found == null ? Set.of() : Set.of(found);
    }
  }

  private LDAPConnection admin() throws Exception {
    return fixture.admin();
  }

  private static ObjectNode body(String text) {
    return ServiceFixture.object(text);
  }
}
