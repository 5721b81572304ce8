package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Names that look like another: control and invisible format characters are refused in names;
 * full-width and other compatibility forms are the same name as their plain form, on every
 * directory; letters of another script are another name.
 */
class LookAlikeNamesTest extends BlackBoxContract {

  @ParameterizedTest
  @ValueSource(strings = {"ali\u200Bce", "alice\u0000", "ali\tce", "\u202Ealice", "ali\u00ADce"})
  void controlAndFormatCharactersInAUserNameAreRefused(String userName) throws Exception {
    JsonNode error = error(scim.post("/Users", userBody(userName)), 400, "invalidValue");

    assertTrue(error.path("detail").asText().contains("userName"), error.toString());
    assertTrue(error.path("detail").asText().contains("U+"), error.toString());
    assertEquals(0, count(PEOPLE, Filter.createPresenceFilter("uid")), "nothing was created");
  }

  @Test
  void controlCharactersAreRefusedInADisplayNameAndOnRename() throws Exception {
    String id = newUser("plain");
    String ops = "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"pla\\u200Bin\"}]";
    error(scim.patch("/Users/" + id, patch(ops)), 400, "invalidValue");
    String display = "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Pl\\tain\"}]";
    error(scim.patch("/Users/" + id, patch(display)), 400, "invalidValue");
    error(scim.post("/Groups", groupBody("team\u200D")), 400, "invalidValue");
    assertEquals("plain", ok(scim.get("/Users/" + id)).path("userName").asText());
  }

  @Test
  void aFullWidthNameIsTheSameNameAsItsPlainForm() throws Exception {
    newUser("alice");

    Response again = scim.post("/Users", userBody("\uFF41\uFF4C\uFF49\uFF43\uFF45"));

    error(again, 409, "uniqueness");
    assertEquals(1, count(PEOPLE, Filter.createPresenceFilter("uid")));
    String other = newUser("bob");
    String ops =
        "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"\uFF21\uFF2C\uFF29\uFF23\uFF25\"}]";
    error(scim.patch("/Users/" + other, patch(ops)), 409, "uniqueness");
  }

  @Test
  void cyrillicLookAlikesAreDistinctNames() {
    newUser("alice");

    created(scim.post("/Users", userBody("\u0430lice")));
  }
}
