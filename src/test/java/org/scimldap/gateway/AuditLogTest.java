package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimldap.gateway.BlackBoxContract.PATCH_URN;
import static org.scimldap.gateway.BlackBoxContract.USER_URN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * The audit log: one JSON line per SCIM write, naming who, what, the entry and the attributes
 * changed, never a value.
 */
class AuditLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIRST_PASSWORD = "Audit-Secret-9!";
  private static final String SECOND_PASSWORD = "Patched-Secret-7?";
  private static final String THIRD_PASSWORD = "Replaced-Secret-5#";
  private static final String USER_DN = "uid=auditor,ou=people,dc=example,dc=com";

  private GatewayUnderTest gateway;
  private ScimClient scim;

  @BeforeEach
  void start() throws Exception {
    gateway = GatewayUnderTest.embedded();
    scim = gateway.client();
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void everyWriteIsOneLineWithNamesOfChangedAttributesAndNoValues() throws Exception {
    Response created =
        scim.post(
            "/Users",
            """
            {"schemas":["%s"],"userName":"auditor","name":{"givenName":"Au","familyName":"Ditor"},
             "password":"%s","emails":[{"value":"au@example.com","type":"work"}],"active":true}
            """
                .formatted(USER_URN, FIRST_PASSWORD));
    assertEquals(201, created.status(), created.toString());
    String user = created.json().path("id").asText();
    Response patched =
        scim.patch(
            "/Users/" + user,
            """
            {"schemas":["%s"],"Operations":[{"op":"replace","path":"password","value":"%s"},
             {"op":"replace","path":"title","value":"Auditor"}]}
            """
                .formatted(PATCH_URN, SECOND_PASSWORD));
    assertEquals(200, patched.status(), patched.toString());
    Response replaced =
        scim.put(
            "/Users/" + user,
            """
            {"schemas":["%s"],"userName":"auditor","name":{"givenName":"Au","familyName":"Ditor"},
             "password":"%s","title":"Chief Auditor","emails":[{"value":"au@example.com"}]}
            """
                .formatted(USER_URN, THIRD_PASSWORD));
    assertEquals(200, replaced.status(), replaced.toString());
    Response group = scim.post("/Groups", GatewayTest.group("Auditors"));
    assertEquals(201, group.status(), group.toString());
    String groupId = group.json().path("id").asText();
    Response joined =
        scim.patch(
            "/Groups/" + groupId,
            """
            {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}
            """
                .formatted(PATCH_URN, user));
    assertEquals(204, joined.status(), joined.toString());
    Response refused = scim.post("/Users", "{\"schemas\":[\"" + USER_URN + "\"]}");
    assertEquals(400, refused.status(), refused.toString());
    Response deleted = scim.delete("/Users/" + user);
    assertEquals(204, deleted.status(), deleted.toString());
    assertEquals(200, scim.get("/Groups/" + groupId).status());
    assertEquals(
        200,
        scim.post(
                "/Users/.search",
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}")
            .status(),
        "a search is no write");

    String text = Files.readString(gateway.dataDir().resolve("audit.jsonl"));
    assertFalse(text.contains(FIRST_PASSWORD), text);
    assertFalse(text.contains(SECOND_PASSWORD), text);
    assertFalse(text.contains(THIRD_PASSWORD), text);
    assertFalse(text.contains("{SSHA}"), text);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertEquals(7, lines.size(), text);

    JsonNode create = lines.get(0);
    assertEquals("create", create.path("operation").asText());
    assertEquals("Users", create.path("resourceType").asText());
    assertEquals(user, create.path("id").asText());
    assertEquals(201, create.path("status").asInt());
    assertEquals(USER_DN, create.path("dn").asText());
    assertEquals("GATEWAY_TOKEN", create.path("client").asText());
    assertEquals("127.0.0.1", create.path("source").asText());
    assertEquals(created.header("X-Request-Id"), create.path("requestId").asText());
    Instant.parse(create.path("time").asText());
    assertTrue(names(create).containsAll(Set.of("uid", "userPassword", "mail")), text);

    JsonNode patch = lines.get(1);
    assertEquals("patch", patch.path("operation").asText());
    assertEquals(USER_DN, patch.path("dn").asText());
    assertEquals(Set.of("userPassword", "title"), names(patch), text);

    JsonNode replace = lines.get(2);
    assertEquals("replace", replace.path("operation").asText());
    assertEquals(user, replace.path("id").asText());
    assertEquals(200, replace.path("status").asInt());
    assertEquals(USER_DN, replace.path("dn").asText());
    assertTrue(names(replace).containsAll(Set.of("title", "userPassword")), text);
    assertEquals(replaced.header("X-Request-Id"), replace.path("requestId").asText());

    JsonNode join = lines.get(4);
    assertEquals("patch", join.path("operation").asText());
    assertEquals("Groups", join.path("resourceType").asText());
    assertEquals(groupId, join.path("id").asText());
    assertEquals("cn=Auditors,ou=groups,dc=example,dc=com", join.path("dn").asText());
    assertTrue(names(join).contains("member"), text);

    JsonNode bad = lines.get(5);
    assertEquals("create", bad.path("operation").asText());
    assertEquals(400, bad.path("status").asInt());
    assertEquals(0, bad.path("changes").size(), text);

    JsonNode delete = lines.get(6);
    assertEquals("delete", delete.path("operation").asText());
    assertEquals(USER_DN, delete.path("dn").asText());
    assertEquals(204, delete.path("status").asInt());
    assertEquals("delete", last(delete).path("ldap").asText(), text);
  }

  private static Set<String> names(JsonNode line) {
    Set<String> names = new HashSet<>();
    line.path("attributes").forEach(n -> names.add(n.asText()));
    return names;
  }

  private static JsonNode last(JsonNode line) {
    JsonNode changes = line.path("changes");
    return changes.get(changes.size() - 1);
  }
}
