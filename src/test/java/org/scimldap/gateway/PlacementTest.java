package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.scimldap.testsupport.DirectoryKind;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.MappedGateways;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Placement by rule and leavers, end to end on each kind of directory: users go to the container of
 * their department, move (modify DN with a new superior) when it changes, in the same write as a
 * rename, and go back when the modify after the move is refused; a DELETE keeps the user as a
 * disabled leaver outside the search base, out of its groups, no longer a SCIM resource, and a
 * later create of the same name is a conflict.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(DirectoryKind.class)
class PlacementTest {
  private static final String BASE = "dc=example,dc=com";
  private static final String STAFF = "ou=staff," + BASE;
  private static final String SALES = "ou=Sales," + STAFF;
  private static final String ENGINEERING = "ou=Engineering," + STAFF;
  private static final String LEAVERS = "ou=leavers," + BASE;
  private static final String TEAMS = "ou=teams," + BASE;
  private static final List<String> UNITS = List.of(STAFF, SALES, ENGINEERING, LEAVERS, TEAMS);
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String MAPPING =
      """
      version: 1
      resourceTypes:
        User:
          extensions: [urn:ietf:params:scim:schemas:extension:enterprise:2.0:User]
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container:
            by: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department
            values: {Sales: "ou=Sales,ou=staff,{baseDn}", Engineering: "ou=Engineering,ou=staff,{baseDn}"}
            default: "ou=staff,{baseDn}"
          rdn: "uid={userName}"
          filter: "(objectClass=inetOrgPerson)"
          delete:
            retain: true
            disable: true
            moveTo: "ou=leavers,{baseDn}"
            dropMemberships: true
          attributes:
            - {scim: userName, ldap: uid}
            - {scim: name.familyName, ldap: sn, fallback: [userName]}
            - {scim: name.givenName, ldap: cn, direction: toLdap, fallback: [userName]}
            # single-valued, fed by a multi-valued attribute: two emails make the directory refuse
            - {scim: emails.value, ldap: displayName}
            - {scim: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", ldap: departmentNumber}
            - {scim: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", ldap: manager, transform: reference}
            - {scim: active, ldap: pwdAccountLockedTime, transform: {presentWhenFalse: "000001010000Z"}}
        Group:
          objectClasses: [top, groupOfNames]
          container: "ou=teams,{baseDn}"
          rdn: "cn={displayName}"
          attributes:
            - {scim: displayName, ldap: cn}
          members: {ldap: member, placeholder: "cn=nobody"}
      """;

  private static final Map<DirectoryKind, GatewayUnderTest> GATEWAYS =
      new EnumMap<>(DirectoryKind.class);

  @TempDir static Path dir;

  @Parameter DirectoryKind directory;

  private GatewayUnderTest gateway;
  private ScimClient scim;

  @BeforeEach
  void start() throws Exception {
    gateway = GATEWAYS.get(directory);
    if (gateway == null) {
      Path mapping = dir.resolve("placement.yaml");
      Files.writeString(mapping, MAPPING);
      gateway = MappedGateways.start(directory, mapping, UNITS);
      GATEWAYS.put(directory, gateway);
    }
    MappedGateways.empty(gateway, UNITS);
    scim = gateway.client();
  }

  @AfterAll
  static void stop() throws Exception {
    for (Map.Entry<DirectoryKind, GatewayUnderTest> g : GATEWAYS.entrySet()) {
      if (g.getKey() == DirectoryKind.OPENLDAP) {
        MappedGateways.removeUnits(g.getValue(), UNITS);
      }
      g.getValue().close();
    }
    GATEWAYS.clear();
  }

  @Test
  void newUsersGoToTheContainerOfTheirDepartment() throws Exception {
    String sales = created(user("sally", "Sales", null));
    created(user("eddie", "engineering", null));
    created(user("mark", "Marketing", null));
    created(user("nobody", null, null));
    assertNotNull(entry("uid=sally," + SALES));
    assertNotNull(entry("uid=eddie," + ENGINEERING), "values compare ignoring case");
    assertNotNull(entry("uid=mark," + STAFF), "a value the rule does not list: the default");
    assertNotNull(entry("uid=nobody," + STAFF), "no value: the default");
    assertEquals(
        4, ok(scim.get("/Users")).path("totalResults").asInt(), "the search base covers all");
    assertEquals(
        sales,
        ok(scim.get("/Users?filter=" + ScimClient.q("userName eq \"sally\"")))
            .path("Resources")
            .path(0)
            .path("id")
            .asText());
  }

  @Test
  void aNewDepartmentMovesTheUserInTheSameWriteAsARename() throws Exception {
    String mover = created(user("mover", "Sales", null));
    String report = created(user("report", "Sales", mover));
    createdGroup(group("crew", mover, report));

    Response moved =
        scim.patch(
            "/Users/" + mover,
            patch(
                "[{\"op\":\"replace\",\"path\":\""
                    + ENTERPRISE
                    + ":department\",\"value\":\"Engineering\"},"
                    + "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"moved\"}]"));
    JsonNode body = ok(moved);
    assertEquals(mover, body.path("id").asText(), "the id survives the move");
    assertEquals("moved", body.path("userName").asText());
    assertEquals("Engineering", body.path(ENTERPRISE).path("department").asText());
    assertNull(entry("uid=mover," + SALES));
    SearchResultEntry entry = entry("uid=moved," + ENGINEERING);
    assertNotNull(entry, "renamed and moved in one modify DN");
    assertEquals("Engineering", entry.getAttributeValue("departmentNumber"));

    waitForMembers(
        "cn=crew," + TEAMS,
        Set.of(new DN("uid=moved," + ENGINEERING), new DN("uid=report," + SALES)));
    assertEquals(
        new DN("uid=moved," + ENGINEERING),
        new DN(entry("uid=report," + SALES).getAttributeValue("manager")));
    assertEquals(
        mover,
        ok(scim.get("/Users/" + report)).path(ENTERPRISE).path("manager").path("value").asText());

    ObjectNode replacement = (ObjectNode) JSON.readTree(user("moved", "Marketing", null));
    JsonNode replaced = ok(scim.put("/Users/" + mover, replacement.toString()));
    assertEquals("Marketing", replaced.path(ENTERPRISE).path("department").asText());
    assertNotNull(entry("uid=moved," + STAFF), "a PUT moves too: to the default");
    assertNull(entry("uid=moved," + ENGINEERING));
  }

  @Test
  void aMoveWhoseModifyTheDirectoryRefusesIsUndone() throws Exception {
    String stay = created(user("stay", "Sales", null));
    Response refused =
        scim.patch(
            "/Users/" + stay,
            patch(
                "[{\"op\":\"replace\",\"path\":\""
                    + ENTERPRISE
                    + ":department\",\"value\":\"Engineering\"},"
                    + "{\"op\":\"add\",\"path\":\"emails\",\"value\":"
                    + "[{\"value\":\"a@example.com\"},{\"value\":\"b@example.com\"}]}]"));
    assertEquals(400, refused.status(), refused.toString());
    assertNotNull(entry("uid=stay," + SALES), "moved back where it was");
    assertNull(entry("uid=stay," + ENGINEERING));
    assertEquals(
        "Sales", ok(scim.get("/Users/" + stay)).path(ENTERPRISE).path("department").asText());
  }

  @Test
  void aDeletedUserIsKeptAsADisabledLeaverThatSCIMNoLongerSees() throws Exception {
    String leaver = created(user("leaver", "Sales", null));
    String colleague = created(user("colleague", "Engineering", leaver));
    String crew = createdGroup(group("crew", leaver, colleague));
    int rows = gateway.correlationRows();

    assertEquals(204, scim.delete("/Users/" + leaver).status());

    assertNull(entry("uid=leaver," + SALES));
    SearchResultEntry kept = entry("uid=leaver," + LEAVERS);
    assertNotNull(kept, "kept in the leavers' container");
    assertEquals("000001010000Z", kept.getAttributeValue("pwdAccountLockedTime"), "disabled");
    assertEquals("leaver", kept.getAttributeValue("uid"));
    waitForMembers("cn=crew," + TEAMS, Set.of(new DN("uid=colleague," + ENGINEERING)));
    assertEquals(Set.of(colleague), memberIds(ok(scim.get("/Groups/" + crew))));
    assertEquals(rows - 1, gateway.correlationRows(), "its store row is gone");

    assertEquals(404, scim.get("/Users/" + leaver).status());
    assertEquals(404, scim.delete("/Users/" + leaver).status());
    assertEquals(
        0,
        ok(scim.get("/Users?filter=" + ScimClient.q("userName eq \"leaver\"")))
            .path("totalResults")
            .asInt());
    assertFalse(ids(ok(scim.get("/Users"))).contains(leaver));
    assertTrue(
        ok(scim.get("/Users/" + colleague)).path(ENTERPRISE).path("manager").isMissingNode(),
        "a manager who left is no resource to refer to");

    Response again = scim.post("/Users", user("leaver", "Sales", null));
    assertEquals(409, again.status(), again.toString());
    assertEquals("uniqueness", again.json().path("scimType").asText());
    assertTrue(
        again.json().path("detail").asText().contains("kept as a leaver at uid=leaver," + LEAVERS),
        again.toString());
    Response rename =
        scim.patch(
            "/Users/" + colleague,
            patch("[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"leaver\"}]"));
    assertEquals(409, rename.status(), rename.toString());
    assertNotNull(entry("uid=colleague," + ENGINEERING), "nothing was renamed");
  }

  private static String user(String userName, String department, String manager) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User").add(ENTERPRISE);
    body.put("userName", userName);
    ObjectNode enterprise = body.putObject(ENTERPRISE);
    if (department != null) {
      enterprise.put("department", department);
    }
    if (manager != null) {
      enterprise.putObject("manager").put("value", manager);
    }
    return body.toString();
  }

  private static String group(String name, String... members) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    body.put("displayName", name);
    for (String m : members) {
      body.withArray("members").addObject().put("value", m);
    }
    return body.toString();
  }

  private static String patch(String operations) {
    return "{\"schemas\":[\"" + PATCH_URN + "\"],\"Operations\":" + operations + "}";
  }

  private String created(String body) {
    return created("/Users", body);
  }

  private String createdGroup(String body) {
    return created("/Groups", body);
  }

  private String created(String endpoint, String body) {
    Response r = scim.post(endpoint, body);
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }

  private static JsonNode ok(Response r) {
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private static Set<String> ids(JsonNode list) {
    Set<String> ids = new HashSet<>();
    list.path("Resources").forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }

  private static Set<String> memberIds(JsonNode group) {
    Set<String> ids = new HashSet<>();
    group.path("members").forEach(m -> ids.add(m.path("value").asText()));
    return ids;
  }

  private SearchResultEntry entry(String dn) throws Exception {
    try (LDAPConnection c = gateway.ldap()) {
      return c.getEntry(dn, "*", "+");
    }
  }

  /** Membership after a move may be fixed up by the directory just after the reply. */
  private void waitForMembers(String groupDn, Set<DN> expected) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    Set<DN> now = members(groupDn);
    while (!now.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      now = members(groupDn);
    }
    assertEquals(expected, now);
  }

  private Set<DN> members(String groupDn) throws Exception {
    Set<DN> dns = new HashSet<>();
    for (String v : entry(groupDn).getAttributeValues("member")) {
      dns.add(new DN(v));
    }
    return dns;
  }
}
