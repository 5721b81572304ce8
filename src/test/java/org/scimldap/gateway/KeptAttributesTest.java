package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Nothing an identity provider sends is lost on the default preset ({@code unmapped: keep}): what
 * inetOrgPerson cannot hold lives in the correlation store, comes back on every read exactly as
 * sent, and can be filtered on; the directory holds what it can.
 */
class KeptAttributesTest extends BlackBoxContract {

  @Test
  void anOktaPutWithAMiddleNameRoundTrips() {
    String id = newUser("okta.put");
    Response put =
        scim.put(
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"okta.put",
             "name":{"givenName":"Ada","middleName":"Augusta","familyName":"King",
                     "honorificPrefix":"Countess"},
             "locale":"en-GB","timezone":"Europe/London","active":true}"""
                .formatted(id));
    JsonNode user = ok(put);
    assertEquals("Augusta", user.at("/name/middleName").asText());
    JsonNode read = ok(scim.get("/Users/" + id));
    assertEquals(user.path("name"), read.path("name"));
    assertEquals("Europe/London", read.path("timezone").asText());
    assertEquals("en-GB", read.path("locale").asText());
  }

  @Test
  void anEntraAddNickNameRoundTripsAndChangesTheVersion() {
    String id = newUser("entra.nick");
    String before = scim.get("/Users/" + id).header("ETag");
    Response patched =
        scim.patch(
            "/Users/" + id, patch("[{\"op\":\"Add\",\"path\":\"nickName\",\"value\":\"Nicky\"}]"));
    assertEquals("Nicky", ok(patched).path("nickName").asText());
    assertNotEquals(before, patched.header("ETag"), "the kept nickName is part of the version");
    assertEquals("Nicky", ok(scim.get("/Users/" + id)).path("nickName").asText());
    assertEquals(Set.of(id), usersWhere("nickName eq \"nicky\""));
  }

  @Test
  void workHomeAndOtherEmailsRoundTripAndOnlyWorkIsInTheDirectory() throws Exception {
    String emails =
        """
        [{"value":"w@example.com","type":"work","primary":true},
         {"value":"h@home.example","type":"home"},
         {"value":"o@other.example","type":"other","display":"Other"}]""";
    String id =
        createdId(
            scim.post(
                "/Users",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"mails",
                 "emails":%s}"""
                    .formatted(emails)));
    JsonNode read = ok(scim.get("/Users/" + id));
    assertEquals(JSON.readTree(emails), read.path("emails"));
    SearchResultEntry entry = entry(userDn("mails"));
    assertEquals(List.of("w@example.com"), List.of(entry.getAttributeValues("mail")));

    assertEquals(
        Set.of(id), usersWhere("emails[type eq \"home\" and value eq \"h@home.example\"]"));
    assertEquals(Set.of(id), usersWhere("emails.value eq \"o@other.example\""));
    assertEquals(Set.of(id), usersWhere("emails[type eq \"work\"].value eq \"w@example.com\""));
    assertEquals(Set.of(), usersWhere("emails[type eq \"home\"].value eq \"w@example.com\""));
  }

  @Test
  void aHomeEmailStaysHome() {
    String id =
        createdId(
            scim.post(
                "/Users",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"homebody",
                 "emails":[{"value":"me@home.example","type":"home"}]}"""));
    JsonNode email = ok(scim.get("/Users/" + id)).path("emails");
    assertEquals(1, email.size());
    assertEquals("home", email.get(0).path("type").asText());
  }
}
