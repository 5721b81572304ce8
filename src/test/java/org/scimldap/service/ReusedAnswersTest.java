package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.scim.JsonText;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.scim.patch.PatchRequestParser;

/**
 * Reads answer with the text written for an earlier read while the entry, what the store keeps of
 * it and what it refers to are the same; any change to one of them, made anywhere, is shown.
 */
class ReusedAnswersTest {
  private static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";
  private static final String BOB = "uid=bob,ou=people,dc=example,dc=com";
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @TempDir Path data;
  private ServiceFixture fixture;
  private String alice;
  private String bob;

  @BeforeEach
  void start() throws Exception {
    fixture = new ServiceFixture(data, d -> d, s -> s);
    bob =
        create("{\"userName\":\"bob\",\"name\":{\"givenName\":\"Bob\",\"familyName\":\"Dylan\"}}");
    alice =
        create(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],
             "userName":"alice","name":{"givenName":"Alice","familyName":"Liddell"},
             "title":"Reader","externalId":"ext-1","%s":{"manager":{"value":"%s"}}}"""
                .formatted(ENTERPRISE, ENTERPRISE, bob));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aSecondReadAnswersWithTheTextOfTheFirst() {
    byte[] first = text(fixture.users.get(alice, true));
    long before = fixture.users.presented().reused();

    Resource again = fixture.users.get(alice, true);

    assertEquals(before + 1, fixture.users.presented().reused());
    assertArrayEquals(first, text(again));
    assertEquals(JsonText.object(first), again.body());
    assertEquals("Reader", again.body().path("title").asText());
  }

  /** A read of the entry as the gateway's own create or PATCH left it answers with their text. */
  @Test
  void aReadAfterTheGatewaysOwnWriteAnswersWithTheWritesText() throws Exception {
    String carol = create("{\"userName\":\"carol\",\"title\":\"Clerk\"}");
    long before = fixture.users.presented().reused();
    Resource read = fixture.users.get(carol, true);
    assertEquals(before + 1, fixture.users.presented().reused(), "the create's answer");
    assertEquals("Clerk", read.body().path("title").asText());

    Resource patched =
        fixture
            .users
            .patch(
                carol,
                PatchRequestParser.parse(
                    body(
                        """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"replace","path":"title","value":"Cashier"}]}""")),
                Optional.empty(),
                true,
                true)
            .resource()
            .orElseThrow();
    Resource again = fixture.users.get(carol, true);

    assertEquals(before + 2, fixture.users.presented().reused(), "the PATCH's answer");
    assertArrayEquals(text(patched), text(again));
    assertEquals("Cashier", again.body().path("title").asText());
  }

  @Test
  void aListPageAnswersWithTheTextsOfEarlierReadsAndTheSameResources() {
    ListPage first = fixture.users.list(new ListQuery(null, 1, 10, true));
    long before = fixture.users.presented().reused();

    ListPage again = fixture.users.list(new ListQuery(null, 1, 10, true));
    Resource got = fixture.users.get(alice, true);

    assertEquals(before + first.resources().size() + 1, fixture.users.presented().reused());
    assertEquals(first.resources(), again.resources());
    ObjectNode listed =
        again.resources().stream()
            .filter(r -> r.path("id").asText().equals(alice))
            .findFirst()
            .orElseThrow();
    assertEquals(listed, got.body());
    assertEquals("Reader", listed.path("title").asText());
  }

  /**
   * A filter that names one user checks the candidate as the answer shows it: that, too, is the
   * text of an earlier read while the entry is the same.
   */
  @Test
  void aFilterThatNamesOneUserChecksAndAnswersWithTheKeptText() throws Exception {
    ListQuery byName = new ListQuery(FilterParser.parse("userName eq \"ALICE\""), 1, 10, true);
    ListPage first = fixture.users.list(byName);
    long before = fixture.users.presented().reused();

    ListPage again = fixture.users.list(byName);

    assertEquals(before + 1, fixture.users.presented().reused());
    assertEquals(1, again.totalResults());
    assertEquals(first.resources(), again.resources());
    assertArrayEquals(
        text(fixture.users.get(alice, true)), again.presented().get(0).text().orElseThrow());
    outside(ALICE, new Modification(ModificationType.REPLACE, "title", "Editor"));
    assertEquals("Editor", fixture.users.list(byName).resources().get(0).path("title").asText());
  }

  @Test
  void aChangeMadeOutsideTheGatewayIsShown() throws Exception {
    assertReused(alice);
    outside(ALICE, new Modification(ModificationType.REPLACE, "title", "Editor"));

    assertEquals("Editor", fixture.users.get(alice, true).body().path("title").asText());
    assertEquals(
        "Editor",
        fixture.users.list(new ListQuery(null, 1, 10, true)).resources().stream()
            .filter(r -> r.path("id").asText().equals(alice))
            .findFirst()
            .orElseThrow()
            .path("title")
            .asText());
  }

  /** What the store keeps changes while the entry stays as it is. */
  @Test
  void aChangeOfWhatTheStoreKeepsIsShown() throws Exception {
    Resource before = fixture.users.get(alice, true);
    assertReused(alice);
    fixture.users.patch(
        alice,
        PatchRequestParser.parse(
            body(
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"externalId","value":"ext-2"}]}""")),
        Optional.empty(),
        false,
        false);

    Resource after = fixture.users.get(alice, true);

    assertEquals("ext-1", before.body().path("externalId").asText());
    assertEquals("ext-2", after.body().path("externalId").asText());
    assertNotEquals(before.version(), after.version(), "a new externalId is a new version");
  }

  /** A read without some attributes reads less of the entry: it neither keeps nor replaces. */
  @Test
  void aReadWithoutSomeAttributesKeepsNothing() {
    assertReused(alice);
    int kept = fixture.users.presented().size();

    Resource partial = fixture.users.get(alice, true, Set.of("title"));

    assertEquals(kept, fixture.users.presented().size());
    assertEquals("alice", partial.body().path("userName").asText());
    assertReused(alice);
  }

  /**
   * A group without members answers without {@code members} (an empty array is no value), as its
   * text shows it whole: the create's answer is kept, and a read reuses it.
   */
  @Test
  void aGroupWithoutMembersIsKeptFromItsCreate() throws Exception {
    Resource created = fixture.groups.create(body("{\"displayName\":\"Empty\"}"));
    long before = fixture.groups.presented().reused();

    Resource read = fixture.groups.get(created.body().path("id").asText(), true);

    assertEquals(before + 1, fixture.groups.presented().reused(), "the create's answer");
    assertArrayEquals(text(created), text(read));
    assertFalse(read.body().has("members"), read.body().toString());
    assertEquals("Empty", read.body().path("displayName").asText());
  }

  /** A group with more members than would fit is presented afresh each time, and whole. */
  @Test
  void aLargeGroupIsNotKept() throws Exception {
    StringBuilder members = new StringBuilder();
    try (LDAPConnection c = admin()) {
      for (int i = 0; i < PresentedResources.MOST_REFERENCES + 2; i++) {
        String dn = "uid=member" + i + ",ou=people,dc=example,dc=com";
        c.add(
            "dn: " + dn,
            "objectClass: inetOrgPerson",
            "uid: member" + i,
            "cn: Member " + i,
            "sn: Member");
        String id = c.getEntry(dn, "entryUUID").getAttributeValue("entryUUID");
        members.append(members.length() == 0 ? "" : ",").append("{\"value\":\"" + id + "\"}");
      }
    }
    String crowd =
        fixture
            .groups
            .create(body("{\"displayName\":\"Crowd\",\"members\":[" + members + "]}"))
            .body()
            .path("id")
            .asText();

    Resource first = fixture.groups.get(crowd, true);
    Resource again = fixture.groups.get(crowd, true);

    assertEquals(0, fixture.groups.presented().size());
    assertEquals(PresentedResources.MOST_REFERENCES + 2, again.body().path("members").size());
    assertEquals(first.body(), again.body());
  }

  /** What was kept of a group that has since grown too large to keep is dropped. */
  @Test
  void aGroupGrownTooLargeIsNoLongerKept() throws Exception {
    String team =
        fixture.groups.create(body("{\"displayName\":\"Team\"}")).body().path("id").asText();
    assertEquals(1, fixture.groups.presented().size(), "the create's answer");
    try (LDAPConnection c = admin()) {
      for (int i = 0; i < PresentedResources.MOST_REFERENCES + 2; i++) {
        String dn = "uid=joiner" + i + ",ou=people,dc=example,dc=com";
        c.add("dn: " + dn, "objectClass: inetOrgPerson", "uid: joiner" + i, "cn: J", "sn: J");
        c.modify(
            "cn=Team,ou=groups,dc=example,dc=com",
            new Modification(ModificationType.ADD, "member", dn));
      }
    }

    Resource read = fixture.groups.get(team, true);

    assertEquals(PresentedResources.MOST_REFERENCES + 2, read.body().path("members").size());
    assertEquals(0, fixture.groups.presented().size());
  }

  /**
   * A user's groups are found through the groups' members: renaming a group changes what the user
   * shows, while the user's entry stays as it was.
   */
  @Test
  void aGroupRenamedIsShownInTheGroupsOfItsMembers() throws Exception {
    String staff =
        fixture
            .groups
            .create(
                body(
                    """
                    {"displayName":"Staff","members":[{"value":"%s"}]}"""
                        .formatted(alice)))
            .body()
            .path("id")
            .asText();
    assertEquals(
        "Staff",
        fixture.users.get(alice, true).body().path("groups").path(0).path("display").asText());
    assertReused(alice);
    String aliceEntry = entry(ALICE);
    fixture.groups.patch(
        staff,
        PatchRequestParser.parse(
            body(
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"displayName","value":"Crew"}]}""")),
        Optional.empty(),
        false,
        false);

    Resource after = fixture.users.get(alice, true);

    assertEquals(aliceEntry, entry(ALICE), "the user's entry is as it was");
    assertEquals(staff, after.body().path("groups").path(0).path("value").asText());
    assertEquals("Crew", after.body().path("groups").path(0).path("display").asText());
  }

  private String entry(String dn) throws Exception {
    try (LDAPConnection c = admin()) {
      return c.getEntry(dn, "*", "+").toLDIFString();
    }
  }

  /** A read of {@code id} reuses what was kept: what follows changes something kept. */
  private void assertReused(String id) {
    fixture.users.get(id, true);
    long before = fixture.users.presented().reused();
    fixture.users.get(id, true);
    assertEquals(before + 1, fixture.users.presented().reused(), "kept and reused");
  }

  private static byte[] text(Resource r) {
    return r.text().orElseThrow();
  }

  private String create(String body) throws Exception {
    return fixture.users.create(body(body)).body().path("id").asText();
  }

  private void outside(String dn, Modification change) throws Exception {
    try (LDAPConnection c = admin()) {
      c.modify(dn, change);
    }
  }

  private LDAPConnection admin() throws Exception {
    return fixture.admin();
  }

  private static ObjectNode body(String text) {
    return ServiceFixture.object(text);
  }
}
