package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * What third-party conformance suites check of the requests a service provider refuses (RFC 7644
 * §3.12), black box: a PATCH path naming no attribute is {@code invalidPath}, a value of the wrong
 * JSON type is {@code invalidValue} in a POST, PUT or PATCH, and neither changes the directory.
 * Next to each, the leniencies identity providers need: paths of an extension the gateway does not
 * carry are ignored, booleans as strings and a bare manager id are accepted. And a {@code remove}
 * of {@code members} with the value {@code ""} removes every member.
 */
class RequestConformanceTest extends BlackBoxContract {
  static final String CUSTOM_URN =
      "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";

  /** Creates a user with a title and an employee number, and returns its id. */
  String employee(String userName) {
    return createdId(
        scim.post(
            "/Users",
            """
        {"schemas":["%s","%s"],"userName":"%s","name":{"givenName":"Con","familyName":"Form"},
         "title":"Dev","emails":[{"value":"%s@example.com","type":"work","primary":true}],
         "%s":{"employeeNumber":"E-1","department":"R&D"}}
        """
                .formatted(USER_URN, ENTERPRISE_URN, userName, userName, ENTERPRISE_URN)));
  }

  /** The entry behind {@code id} with its operational attributes, to compare before and after. */
  Entry snapshot(String id) throws Exception {
    SearchResultEntry e = entryOf(id);
    return new Entry(e.getDN(), e.getAttributes());
  }

  /** Asserts a 400 with this scimType whose detail holds each of {@code parts}. */
  static void refused(Response r, String scimType, String... parts) {
    String detail = error(r, 400, scimType).path("detail").asText();
    for (String part : parts) {
      assertTrue(detail.contains(part), "detail '" + detail + "' lacks " + part);
    }
  }

  // --- PATCH paths ---------------------------------------------------------------------------

  @Test
  void patchPathNamingNoAttributeIsInvalidPathAndChangesNothing() throws Exception {
    String id = employee("path.target");
    Entry before = snapshot(id);

    refused(
        scim.patch(
            "/Users/" + id,
            patch(
                """
        [{"op":"replace","path":"title","value":"Changed"},
         {"op":"remove","path":"NonExistingAttr"}]""")),
        "invalidPath",
        "Operations[1]",
        "'NonExistingAttr'");
    refused(
        scim.patch(
            "/Users/" + id,
            patch(
                """
        [{"op":"add","path":"%s:employeNumber","value":"7"}]"""
                    .formatted(ENTERPRISE_URN))),
        "invalidPath",
        "Operations[0]",
        ENTERPRISE_URN + ":employeNumber");
    refused(
        scim.patch(
            "/Users/" + id,
            patch(
                """
        [{"op":"replace","path":"%s:shoeSize","value":"42"}]"""
                    .formatted(USER_URN))),
        "invalidPath",
        "'shoeSize'");
    refused(
        scim.patch(
            "/Users/" + id,
            patch("[{\"op\":\"replace\",\"path\":\"name.nickname\",\"value\":\"Con\"}]")),
        "invalidPath",
        "sub-attribute 'nickname'");
    refused(
        scim.patch(
            "/Users/" + id,
            patch("[{\"op\":\"remove\",\"path\":\"emails[label eq \\\"work\\\"]\"}]")),
        "invalidPath",
        "Operations[0]");

    assertEquals(before, snapshot(id), "the entry is unchanged");
    assertEquals("Dev", ok(scim.get("/Users/" + id)).path("title").asText());
  }

  @Test
  void groupPatchWithAnUnknownPathChangesNoMember() throws Exception {
    String stays = newUser("member.stays");
    String added = newUser("member.added");
    String g =
        createdId(
            scim.post(
                "/Groups",
                """
        {"schemas":["%s"],"displayName":"Path Group","members":[{"value":"%s"}]}"""
                    .formatted(GROUP_URN, stays)));
    Entry before = snapshot(g);

    refused(
        scim.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"add","path":"members","value":[{"value":"%s"}]},
         {"op":"replace","path":"shoeSize","value":"9"}]"""
                    .formatted(added))),
        "invalidPath",
        "Operations[1]",
        "'shoeSize'");

    assertEquals(before, snapshot(g), "no member was added");
    assertEquals(Set.of(stays), memberIds(ok(scim.get("/Groups/" + g))));
  }

  @Test
  void pathsOfAnExtensionTheGatewayDoesNotHaveAreIgnored() throws Exception {
    String id = employee("custom.ext");
    Entry before = snapshot(id);
    JsonNode unchanged =
        ok(
            scim.patch(
                "/Users/" + id,
                patch(
                    """
        [{"op":"Add","path":"%1$s:CustomAttribute","value":"z"},
         {"op":"Remove","path":"%1$s"}]"""
                        .formatted(CUSTOM_URN))));
    assertEquals("Dev", unchanged.path("title").asText());
    assertEquals(before, snapshot(id), "nothing to write");

    JsonNode patched =
        ok(
            scim.patch(
                "/Users/" + id,
                patch(
                    """
        [{"op":"Add","path":"%1$s:CustomAttribute","value":"z"},
         {"op":"Replace","path":"title","value":"Lead"},
         {"op":"replace","value":{"%1$s":{"CustomAttribute":"x"},"%1$s:Other":"y",
                                  "displayName":"Con Form"}}]"""
                        .formatted(CUSTOM_URN))));
    assertEquals("Lead", patched.path("title").asText());
    assertFalse(patched.toString().contains("CustomAttribute"), patched.toString());
    SearchResultEntry e = entryOf(id);
    assertEquals("Lead", e.getAttributeValue("title"));
    assertEquals("Con Form", e.getAttributeValue("displayName"));
  }

  // --- value types ---------------------------------------------------------------------------

  @Test
  void valuesOfTheWrongJsonTypeAreInvalidValueInPostAndPut() throws Exception {
    refused(
        scim.post(
            "/Users",
            """
        {"schemas":["%s"],"userName":"typed.post","userType":true}"""
                .formatted(USER_URN)),
        "invalidValue",
        "'userType'",
        "a string",
        "true");
    refused(
        scim.post(
            "/Users",
            """
        {"schemas":["%1$s","%2$s"],"userName":"typed.post","%2$s":{"employeeNumber":42}}"""
                .formatted(USER_URN, ENTERPRISE_URN)),
        "invalidValue",
        ENTERPRISE_URN + ":employeeNumber",
        "a string",
        "42");
    refused(
        scim.post(
            "/Users",
            """
        {"schemas":["%s"],"userName":"typed.post","emails":"SomeIllegalValue"}"""
                .formatted(USER_URN)),
        "invalidValue",
        "'emails'",
        "object");
    assertEquals(0, count(PEOPLE, Filter.createEqualityFilter("uid", "typed.post")));

    String id = employee("typed.put");
    Entry before = snapshot(id);
    refused(
        scim.put(
            "/Users/" + id,
            """
        {"schemas":["%s"],"userName":"typed.put","title":false}"""
                .formatted(USER_URN)),
        "invalidValue",
        "'title'",
        "a string");
    assertEquals(before, snapshot(id), "the entry is unchanged");
  }

  @Test
  void valuesOfTheWrongJsonTypeAreInvalidValueInPatch() throws Exception {
    String id = employee("typed.patch");
    Entry before = snapshot(id);
    String[][] cases = {
      {"{\"op\":\"add\",\"path\":\"emails\",\"value\":\"SomeIllegalValue\"}", "'emails'", "object"},
      {"{\"op\":\"replace\",\"path\":\"userType\",\"value\":true}", "'userType'", "a string"},
      {"{\"op\":\"replace\",\"value\":{\"displayName\":7}}", "'displayName'", "a string"},
      {
        "{\"op\":\"replace\",\"path\":\"" + ENTERPRISE_URN + ":employeeNumber\",\"value\":42}",
        ENTERPRISE_URN + ":employeeNumber",
        "a string"
      },
      {
        "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].primary\",\"value\":\"yes\"}",
        "'emails.primary'",
        "a boolean"
      },
      {
        "{\"op\":\"replace\",\"path\":\"active\",\"value\":{\"value\":false}}",
        "'active'",
        "boolean"
      }
    };
    for (String[] c : cases) {
      refused(
          scim.patch(
              "/Users/" + id,
              patch(
                  "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Changed\"}," + c[0] + "]")),
          "invalidValue",
          "Operations[1]",
          c[1],
          c[2]);
    }
    assertEquals(before, snapshot(id), "the entry is unchanged");
  }

  @Test
  void looseFormsIdentityProvidersSendAreStillAccepted() throws Exception {
    String boss = newUser("loose.boss");
    JsonNode user =
        created(
            scim.post(
                "/Users",
                """
        {"schemas":["%s"],"userName":"loose.user","active":"True",
         "emails":[{"value":"loose@example.com","type":"work","primary":"true"}]}"""
                    .formatted(USER_URN)));
    String id = user.path("id").asText();
    assertTrue(user.path("active").asBoolean());
    assertTrue(user.path("emails").path(0).path("primary").asBoolean());

    JsonNode patched =
        ok(
            scim.patch(
                "/Users/" + id,
                patch(
                    """
        [{"op":"Replace","path":"active","value":"False"},
         {"op":"Replace","path":"%s:manager","value":"%s"}]"""
                        .formatted(ENTERPRISE_URN, boss))));
    assertFalse(patched.path("active").asBoolean(true));
    assertEquals(boss, patched.path(ENTERPRISE_URN).path("manager").path("value").asText());
    assertEquals(userDn("loose.boss"), new DN(entryOf(id).getAttributeValue("manager")));
  }

  // --- remove with an empty value ------------------------------------------------------------

  @Test
  void removeOfMembersWithAnEmptyStringValueRemovesEveryMember() throws Exception {
    String a = newUser("empty.a");
    String b = newUser("empty.b");
    String body =
        """
        {"schemas":["%s"],"displayName":"%s","members":[{"value":"%s"},{"value":"%s"}]}""";
    String g = createdId(scim.post("/Groups", body.formatted(GROUP_URN, "Emptied", a, b)));

    JsonNode after =
        patchedGroup(
            scim,
            g,
            scim.patch(
                "/Groups/" + g,
                patch("[{\"op\":\"remove\",\"path\":\"members\",\"value\":\"\"}]")));
    assertTrue(after.path("members").isMissingNode(), after.toString());
    assertEquals(Set.of(PLACEHOLDER), memberDns(groupDn("Emptied").toString()));

    String kept = createdId(scim.post("/Groups", body.formatted(GROUP_URN, "Kept", a, b)));
    JsonNode same =
        patchedGroup(
            scim,
            kept,
            scim.patch(
                "/Groups/" + kept,
                patch("[{\"op\":\"remove\",\"path\":\"members\",\"value\":[]}]")));
    assertEquals(Set.of(a, b), memberIds(same), "an empty list names no member to remove");
  }
}
