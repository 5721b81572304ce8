package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.schema.Schema;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.embedded.EmbeddedSchema;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * The 389 Directory Server preset ({@code GATEWAY_MAPPING=389ds.yaml}), black box, on an in-memory
 * directory that does what the preset relies on 389-ds for (389-ds itself is too fragile to run in
 * tests here): every new entry gets an {@code nsUniqueId}, {@code nsAccountLock} exists, a {@code
 * groupOfNames} may be empty, and passwords are stored as sent (389-ds would hash them).
 */
class Ds389PresetTest {
  private static final String ADMIN = "cn=Directory Manager";
  private static final String PEOPLE = "ou=people,dc=example,dc=com";
  private static final String GROUPS = "ou=groups,dc=example,dc=com";
  private static final String PATCH =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";

  private InMemoryDirectoryServer directory;
  private GatewayUnderTest gateway;
  private ScimClient scim;

  @BeforeEach
  void start() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials(ADMIN, "secret");
    config.setSchema(Schema.mergeSchemas(EmbeddedSchema.schema(), ds389()));
    config.addInMemoryOperationInterceptor(new UniqueIds());
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
    directory = new InMemoryDirectoryServer(config);
    directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
    directory.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
    directory.add("dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
    directory.startListening();
    gateway =
        GatewayUnderTest.external(
            "ldap://127.0.0.1:" + directory.getListenPort(),
            ADMIN,
            "secret",
            Map.of("GATEWAY_MAPPING", "389ds.yaml"));
    scim = gateway.client();
  }

  @AfterEach
  void stop() {
    gateway.close();
    directory.shutDown(true);
  }

  /**
   * 389-ds's own definitions (01core389.ldif, 02common.ldif, 00core.ldif) of what the preset uses
   * beyond inetOrgPerson. nsUniqueId is NO-USER-MODIFICATION there; here the interceptor, which the
   * in-memory server treats as a client, sets it, so that flag is left out.
   */
  private static Schema ds389() throws Exception {
    return new Schema(
        new Entry(
            "cn=schema",
            new Attribute("objectClass", "top", "subschema"),
            new Attribute(
                "attributeTypes",
                "( 2.16.840.1.113730.3.1.542 NAME 'nsUniqueId' DESC 'Netscape defined attribute"
                    + " type' SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE"
                    + " USAGE directoryOperation X-ORIGIN 'Netscape Directory Server' )",
                "( 2.16.840.1.113730.3.1.610 NAME 'nsAccountLock' DESC 'Operational attribute"
                    + " for Account Inactivation' SYNTAX 1.3.6.1.4.1.1466.115.121.1.15"
                    + " USAGE directoryOperation X-ORIGIN 'Netscape Directory Server' )"),
            new Attribute(
                "objectClasses",
                "( 2.5.6.9 NAME 'groupOfNames' SUP top STRUCTURAL MUST cn"
                    + " MAY ( member $ businessCategory $ seeAlso $ owner $ ou $ o $ description )"
                    + " X-ORIGIN 'RFC 4519' )")));
  }

  /** Gives every new entry an nsUniqueId in 389-ds's form: four groups of eight hex digits. */
  private static final class UniqueIds extends InMemoryOperationInterceptor {
    @Override
    public void processAddRequest(InMemoryInterceptedAddRequest request) {
      byte[] bytes = new byte[16];
      ThreadLocalRandom.current().nextBytes(bytes);
      String hex = HexFormat.of().formatHex(bytes);
      String id =
          String.join(
              "-",
              hex.substring(0, 8),
              hex.substring(8, 16),
              hex.substring(16, 24),
              hex.substring(24, 32));
      AddRequest add = request.getRequest().duplicate();
      add.replaceAttribute("nsUniqueId", id);
      request.setRequest(add);
    }
  }

  @Test
  void aUserIsCreatedDisabledEnabledAndReadTheWay389dsDoesIt() throws Exception {
    Response created =
        scim.post(
            "/Users",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"dsuser",
             "name":{"givenName":"Dana","familyName":"Smith"},
             "emails":[{"value":"dana@example.com","type":"work","primary":true}],
             "password":"Secret-389","active":true}""");
    assertEquals(201, created.status(), created.toString());
    String id = created.json().path("id").asText();
    Entry entry = directory.getEntry("uid=dsuser," + PEOPLE, "*", "+");
    assertEquals(entry.getAttributeValue("nsUniqueId"), id, "the id is the nsUniqueId");
    assertFalse(entry.hasAttribute("nsAccountLock"), "an active account has no lock");
    assertEquals("Secret-389", entry.getAttributeValue("userPassword"), "389-ds hashes it");
    assertEquals("Dana Smith", entry.getAttributeValue("cn"));

    JsonNode disabled = ok(scim.patch("/Users/" + id, patch("active", "false")));
    assertFalse(disabled.path("active").asBoolean(true));
    assertEquals(
        "TRUE",
        directory
            .getEntry("uid=dsuser," + PEOPLE, "nsAccountLock")
            .getAttributeValue("nsAccountLock"));
    JsonNode read = ok(scim.get("/Users/" + id));
    assertFalse(read.path("active").asBoolean(true));
    assertEquals("dsuser", read.path("userName").asText());
    assertEquals("dana@example.com", read.path("emails").path(0).path("value").asText());
    assertEquals(Set.of(id), ids("active eq false"));
    assertEquals(Set.of(), ids("active eq true"));

    JsonNode enabled = ok(scim.patch("/Users/" + id, patch("active", "true")));
    assertTrue(enabled.path("active").asBoolean(false));
    assertFalse(
        directory.getEntry("uid=dsuser," + PEOPLE, "nsAccountLock").hasAttribute("nsAccountLock"));
    assertEquals(Set.of(id), ids("active eq true"));

    assertEquals(204, scim.delete("/Users/" + id).status());
    assertNull(directory.getEntry("uid=dsuser," + PEOPLE));
    assertEquals(404, scim.get("/Users/" + id).status());
  }

  @Test
  void aGroupMayBeEmpty() throws Exception {
    String user =
        createdId(
            "/Users",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"m\"}");
    String group =
        createdId(
            "/Groups",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"ds-team\",\"members\":[]}");
    Entry entry = directory.getEntry("cn=ds-team," + GROUPS, "*", "+");
    assertNotNull(entry);
    assertFalse(entry.hasAttribute("member"), "no placeholder");
    assertEquals(entry.getAttributeValue("nsUniqueId"), group);

    Response added =
        scim.patch(
            "/Groups/" + group,
            PATCH.formatted(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}"));
    assertTrue(added.status() == 200 || added.status() == 204, added.toString());
    assertEquals(
        "uid=m," + PEOPLE,
        directory.getEntry("cn=ds-team," + GROUPS, "member").getAttributeValue("member"));
  }

  private static String patch(String path, String value) {
    return PATCH.formatted(
        "{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":" + value + "}");
  }

  private String createdId(String endpoint, String body) {
    Response r = scim.post(endpoint, body);
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }

  private Set<String> ids(String filter) {
    Set<String> ids = new HashSet<>();
    ok(scim.get("/Users?filter=" + ScimClient.q(filter)))
        .path("Resources")
        .forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }

  private static JsonNode ok(Response r) {
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }
}
