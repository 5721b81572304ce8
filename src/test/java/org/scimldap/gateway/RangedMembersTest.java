package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServerSnapshot;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;
import org.scimldap.testsupport.WindowsLikeDirectory;
import org.scimldap.testsupport.WindowsLikeDirectory.Search;
import org.scimldap.testsupport.WindowsRangedValues;

/**
 * A group with more members than a Windows domain controller hands out at once (MaxValRange, 1,500
 * values by default; {@link #LIMIT} here), black box, on a directory that answers as one does
 * ({@link WindowsLikeDirectory}): the group is read with every member, by id and in lists; member
 * PATCHes change only the values they name; a PUT removes members beyond the first slice; a filter
 * on any member finds it. Reading it resolves the members a hundred at a time, and a search the
 * directory cuts at Active Directory's MaxPageSize (1,000) comes whole in pages.
 */
class RangedMembersTest {
  /**
   * Slices of a third of Windows' MaxValRange, so that the test stays quick: the members fill three
   * slices (0-499, 500-999, 1000-*) and, with one more user, the users fill more than one page.
   */
  private static final int LIMIT = WindowsRangedValues.WINDOWS_LIMIT / 3;

  private static final int MEMBERS = 1200;
  private static final String PEOPLE = WindowsLikeDirectory.PEOPLE_DN;
  private static final String GROUP_DN = "cn=big," + WindowsLikeDirectory.GROUPS_DN;
  private static final String OUTSIDER_DN = "uid=outsider," + PEOPLE;
  private static final String PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static WindowsLikeDirectory directory;
  private static InMemoryDirectoryServerSnapshot seeded;
  private static GatewayUnderTest gateway;

  /** The members' DNs, in the order the group holds them, and their SCIM ids (entryUUIDs). */
  private static List<String> memberDns;

  private static List<String> memberIds;
  private static String outsiderId;
  private static String groupId;

  private ScimClient scim;

  @BeforeAll
  static void start() throws Exception {
    directory = WindowsLikeDirectory.start(LIMIT);
    memberDns =
        IntStream.range(0, MEMBERS)
            .mapToObj(i -> String.format("uid=member%04d,%s", i, PEOPLE))
            .toList();
    List<Entry> seed = new ArrayList<>();
    memberDns.forEach(dn -> seed.add(user(dn)));
    seed.add(user(OUTSIDER_DN));
    seed.add(
        new Entry(
            GROUP_DN,
            new Attribute("objectClass", "top", "groupOfNames"),
            new Attribute("cn", "big"),
            new Attribute("member", memberDns)));
    directory.server().addEntries(seed);
    memberIds = memberDns.stream().map(RangedMembersTest::entryUuid).toList();
    outsiderId = entryUuid(OUTSIDER_DN);
    groupId = entryUuid(GROUP_DN);
    seeded = directory.server().createSnapshot();
    gateway =
        GatewayUnderTest.external(
            directory.url(), directory.accountDn(), directory.accountPassword());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (directory != null) {
      directory.close();
    }
  }

  @BeforeEach
  void restore() {
    directory.server().restoreSnapshot(seeded);
    gateway.wipeStore();
    directory.forgetSearches();
    scim = gateway.client();
  }

  @Test
  void aGroupIsReadWithEveryMemberAndItsMembersAreResolvedInBatches() throws Exception {
    try (LDAPConnection client = directory.connect()) {
      Entry asSent = client.getEntry(GROUP_DN, "member");
      assertEquals(
          List.of("member;range=0-" + (LIMIT - 1)),
          names(asSent),
          "what any client gets without ranges");
    }
    directory.forgetSearches();

    JsonNode group = ok(scim.get("/Groups/" + groupId));

    assertEquals(Set.copyOf(memberIds), ids(group.path("members")));
    assertEquals(MEMBERS, group.path("members").size(), "each member once");
    List<Search> searches = directory.searches();
    for (String slice : List.of("member;range=500-*", "member;range=1000-*")) {
      assertEquals(1, count(searches, s -> s.asks(slice)), slice + " in " + searches);
    }
    long underPeople = count(searches, s -> s.base().equalsIgnoreCase(PEOPLE));
    assertTrue(
        underPeople <= MEMBERS / 100,
        underPeople + " searches resolved " + MEMBERS + " members: " + searches);
    assertTrue(searches.size() <= MEMBERS / 100 + 5, searches.size() + " searches: " + searches);
  }

  @Test
  void listsShowEveryMember() {
    JsonNode byName = ok(scim.get("/Groups?filter=" + ScimClient.q("displayName eq \"big\"")));
    JsonNode all = ok(scim.get("/Groups"));

    for (JsonNode list : List.of(byName, all)) {
      assertEquals(1, list.path("totalResults").asInt());
      JsonNode group = list.path("Resources").path(0);
      assertEquals(groupId, group.path("id").asText());
      assertEquals(Set.copyOf(memberIds), ids(group.path("members")));
    }
  }

  @Test
  void aFilterOnAMemberBeyondTheFirstSliceFindsTheGroup() {
    String last = memberIds.get(MEMBERS - 1);

    JsonNode found =
        ok(scim.get("/Groups?filter=" + ScimClient.q("members.value eq \"" + last + "\"")));
    JsonNode none =
        ok(scim.get("/Groups?filter=" + ScimClient.q("members.value eq \"" + outsiderId + "\"")));

    assertEquals(1, found.path("totalResults").asInt(), found.toString());
    assertEquals(groupId, found.path("Resources").path(0).path("id").asText());
    assertEquals(0, none.path("totalResults").asInt(), none.toString());
  }

  @Test
  void memberPatchesAddAndRemoveOnlyTheValuesTheyName() throws Exception {
    String first = memberIds.get(0);
    String last = memberIds.get(MEMBERS - 1);
    String body =
        """
        {"schemas":["%s"],"Operations":[
          {"op":"add","path":"members","value":[{"value":"%s"}]},
          {"op":"remove","path":"members[value eq \\"%s\\"]"},
          {"op":"remove","path":"members[value eq \\"%s\\"]"}]}"""
            .formatted(PATCH_URN, outsiderId, first, last);

    Response patched = scim.patch("/Groups/" + groupId, body);

    assertEquals(204, patched.status(), patched.toString());
    Set<String> expectedIds = new HashSet<>(memberIds);
    expectedIds.remove(first);
    expectedIds.remove(last);
    expectedIds.add(outsiderId);
    Set<DN> expectedDns = dns(memberDns.subList(1, MEMBERS - 1));
    expectedDns.add(new DN(OUTSIDER_DN));
    assertEquals(expectedDns, membersInDirectory(), "the others stay");
    assertEquals(expectedIds, ids(ok(scim.get("/Groups/" + groupId)).path("members")));
  }

  @Test
  void aPutWithoutTheMembersBeyondTheFirstSliceRemovesThem() throws Exception {
    // Fewer removals than a whole slice: the in-memory server compares each removed DN with every
    // value, so removing thousands would time the test directory, not the gateway.
    // At most 1,000 members may be sent in one request (ValueLimit).
    int kept = 1_000;
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    body.put("displayName", "big");
    ArrayNode members = body.putArray("members");
    memberIds.subList(0, kept).forEach(id -> members.addObject().put("value", id));

    JsonNode replaced = ok(scim.put("/Groups/" + groupId, body.toString()));

    assertEquals(Set.copyOf(memberIds.subList(0, kept)), ids(replaced.path("members")));
    assertEquals(dns(memberDns.subList(0, kept)), membersInDirectory());
    assertEquals(
        Set.copyOf(memberIds.subList(0, kept)),
        ids(ok(scim.get("/Groups/" + groupId)).path("members")));
  }

  /**
   * The directory cuts a search at MaxPageSize entries, so the gateway's listing of more users
   * starts again in pages: 500 entries first, then twice as many after each full page. (How a page
   * larger than the directory answers is handled, shortened or cut, is GrowingPagesTest's.)
   */
  @Test
  void aSearchCutAtMaxPageSizeComesWholeInGrowingPages() {
    JsonNode users = ok(scim.get("/Users?count=0"));
    ok(scim.get("/Groups/" + groupId));
    ok(scim.get("/Groups"));

    assertEquals(MEMBERS + 1, users.path("totalResults").asInt(), "more than one page's worth");
    List<Integer> pageSizes =
        directory.searches().stream()
            .filter(s -> s.pageSize().isPresent())
            .map(s -> s.pageSize().getAsInt())
            .toList();
    assertTrue(pageSizes.contains(500), "the first page asks 500: " + pageSizes);
    assertTrue(pageSizes.contains(1000), "a full page doubles the next: " + pageSizes);
  }

  private static Entry user(String dn) {
    String uid = dn.substring("uid=".length(), dn.indexOf(','));
    return new Entry(
        dn,
        new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
        new Attribute("uid", uid),
        new Attribute("cn", uid),
        new Attribute("sn", "Member"));
  }

  private static String entryUuid(String dn) {
    try {
      return directory.server().getEntry(dn, "entryUUID").getAttributeValue("entryUUID");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The group's member values as the directory holds them, read whole (not through LDAP). */
  private static Set<DN> membersInDirectory() throws Exception {
    Entry group = directory.server().getEntry(GROUP_DN, "member");
    return dns(List.of(group.getAttributeValues("member")));
  }

  private static Set<DN> dns(List<String> dns) {
    return dns.stream()
        .map(
            dn -> {
              try {
                return new DN(dn);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .collect(Collectors.toCollection(HashSet::new));
  }

  private static Set<String> ids(JsonNode members) {
    Set<String> ids = new HashSet<>();
    members.forEach(m -> ids.add(m.path("value").asText()));
    return ids;
  }

  private static List<String> names(Entry entry) {
    List<String> names = new ArrayList<>();
    entry.getAttributes().forEach(a -> names.add(a.getName()));
    return names;
  }

  private static long count(List<Search> searches, Predicate<Search> which) {
    return searches.stream().filter(which).count();
  }

  private static JsonNode ok(Response response) {
    assertEquals(200, response.status(), response.toString());
    return response.json();
  }
}
