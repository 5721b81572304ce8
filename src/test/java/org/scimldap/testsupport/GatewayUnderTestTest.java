package org.scimldap.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * {@link GatewayUnderTest#wipe()}, which every black-box test runs first, leaves the next test
 * nothing: no entries below the containers and no rows in the correlation store.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(DirectoryKind.class)
class GatewayUnderTestTest {
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

  @Parameter DirectoryKind directory;

  @BeforeEach
  void startEmpty() throws Exception {
    directory.gateway().wipe();
  }

  @Test
  void wipeEmptiesTheDirectoryAndTheCorrelationStore() throws Exception {
    GatewayUnderTest gateway = directory.gateway();
    ScimClient scim = gateway.client();
    String userId = created(scim.post("/Users", user("wipe-me")));
    created(scim.post("/Groups", group("wipe-us", userId)));
    assertTrue(gateway.correlationRows() >= 2, "the gateway keeps a row per resource");

    gateway.wipe();

    assertEquals(0, gateway.correlationRows());
    assertEquals(0, entriesBelow(gateway, "ou=people,dc=example,dc=com"));
    assertEquals(0, entriesBelow(gateway, "ou=groups,dc=example,dc=com"));
    assertEquals(0, scim.get("/Users").json().path("totalResults").asInt());
    assertEquals(0, scim.get("/Groups").json().path("totalResults").asInt());
    assertEquals(404, scim.get("/Users/" + userId).status());
  }

  @Test
  void afterAWipeTheGatewayCreatesTheSameNamesAfresh() throws Exception {
    GatewayUnderTest gateway = directory.gateway();
    ScimClient scim = gateway.client();
    String before = created(scim.post("/Users", user("born-again")));

    gateway.wipe();
    String after = created(scim.post("/Users", user("born-again")));

    assertNotEquals(before, after, "a new entry is a new resource");
    assertEquals(1, gateway.correlationRows());
    assertEquals(200, scim.get("/Users/" + after).status());
    assertEquals(404, scim.get("/Users/" + before).status());
  }

  private static long entriesBelow(GatewayUnderTest gateway, String container) throws Exception {
    try (LDAPConnection ldap = gateway.ldap()) {
      return ldap.search(container, SearchScope.ONE, "(objectClass=*)", "1.1").getEntryCount();
    }
  }

  private static String created(Response r) {
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }

  private static String user(String userName) {
    return "{\"schemas\":[\""
        + USER
        + "\"],\"userName\":\""
        + userName
        + "\",\"name\":{\"givenName\":\"Wipe\",\"familyName\":\"Test\"}}";
  }

  private static String group(String displayName, String memberId) {
    return "{\"schemas\":[\""
        + GROUP
        + "\"],\"displayName\":\""
        + displayName
        + "\",\"members\":[{\"value\":\""
        + memberId
        + "\"}]}";
  }
}
