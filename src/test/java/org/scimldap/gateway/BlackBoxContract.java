package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.scimldap.testsupport.DirectoryKind;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * What the black-box tests share: each runs once per {@link DirectoryKind} (the embedded default
 * and a real OpenLDAP), against a gateway on that directory, emptied before each test; a SCIM
 * client; and ways to look at the directory behind the gateway's back.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(DirectoryKind.class)
abstract class BlackBoxContract {
  static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  static final String LIST_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
  static final String BASE = "dc=example,dc=com";
  static final String PEOPLE = "ou=people," + BASE;
  static final String GROUPS = "ou=groups," + BASE;
  static final DN PLACEHOLDER = dn("cn=nobody");

  static final ObjectMapper JSON = new ObjectMapper();

  @Parameter DirectoryKind directory;

  GatewayUnderTest gateway() {
    return directory.gateway();
  }

  ScimClient scim;

  @BeforeEach
  void cleanDirectory() throws Exception {
    gateway().wipe();
    scim = gateway().client();
  }

  /** A small user: schemas, userName and a name. */
  static String userBody(String userName) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add(USER_URN);
    body.put("userName", userName);
    body.putObject("name").put("givenName", "Edge").put("familyName", "Case");
    return body.toString();
  }

  /** An empty group. */
  static String groupBody(String displayName) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add(GROUP_URN);
    body.put("displayName", displayName);
    body.putArray("members");
    return body.toString();
  }

  /** A SCIM filter string literal (RFC 7644 §3.4.2.2: JSON string syntax) for {@code value}. */
  static String literal(String value) {
    return JSON.getNodeFactory().textNode(value).toString();
  }

  /** Creates a small user and returns its id. */
  String newUser(String userName) {
    return createdId(scim.post("/Users", userBody(userName)));
  }

  /** The ids of the users a SCIM filter selects. */
  Set<String> usersWhere(String scimFilter) {
    return ids(scim.get("/Users?" + filter(scimFilter)));
  }

  static String patch(String operations) {
    return "{\"schemas\":[\"" + PATCH_URN + "\"],\"Operations\":" + operations + "}";
  }

  static String filter(String scimFilter) {
    return "filter=" + ScimClient.q(scimFilter);
  }

  static JsonNode created(Response r) {
    assertEquals(201, r.status(), r.toString());
    return r.json();
  }

  /** The id of the resource a 201 answer created. */
  static String createdId(Response r) {
    return created(r).path("id").asText();
  }

  static JsonNode ok(Response r) {
    assertEquals(200, r.status(), r.toString());
    assertTrue(
        r.header("Content-Type").startsWith("application/scim+json"), r.header("Content-Type"));
    return r.json();
  }

  /**
   * The group after a PATCH: a membership PATCH answers 204 (with the new ETag) and the group is
   * read back; any other PATCH answers 200 with the group.
   */
  static JsonNode patchedGroup(ScimClient client, String id, Response r) {
    if (r.status() == 204) {
      assertTrue(
          r.header("ETag") != null && r.header("ETag").startsWith("W/"),
          "204 carries the new ETag");
      return ok(client.get("/Groups/" + id));
    }
    return ok(r);
  }

  /** Asserts a SCIM Error response (RFC 7644 §3.12) with this status and, if given, scimType. */
  static JsonNode error(Response r, int status, String scimType) {
    assertEquals(status, r.status(), r.toString());
    JsonNode body = r.json();
    assertEquals(ERROR_URN, body.path("schemas").path(0).asText(), r.toString());
    assertEquals(String.valueOf(status), body.path("status").asText(), r.toString());
    if (scimType != null) {
      assertEquals(scimType, body.path("scimType").asText(), r.toString());
    }
    assertFalse(r.raw().contains("\tat "), "no stack trace in an error: " + r.raw());
    return body;
  }

  /** The ids of a ListResponse, checking that it is one and that itemsPerPage is honest. */
  static Set<String> ids(Response list) {
    JsonNode body = ok(list);
    assertEquals(LIST_URN, body.path("schemas").path(0).asText(), list.toString());
    Set<String> ids = new HashSet<>();
    body.path("Resources").forEach(r -> ids.add(r.path("id").asText()));
    assertEquals(body.path("Resources").size(), body.path("itemsPerPage").asInt(), list.toString());
    return ids;
  }

  static Set<String> memberIds(JsonNode group) {
    Set<String> ids = new HashSet<>();
    group.path("members").forEach(m -> ids.add(m.path("value").asText()));
    return ids;
  }

  /** The entry at {@code dn} with user and operational attributes, or null. */
  SearchResultEntry entry(String dn) throws Exception {
    try (LDAPConnection c = gateway().ldap()) {
      return c.getEntry(dn, "*", "+");
    }
  }

  /** The entry at {@code dn} with user and operational attributes, or null. */
  SearchResultEntry entry(DN dn) throws Exception {
    return entry(dn.toString());
  }

  /** The entry whose immutable id is the SCIM {@code id}, or null. */
  SearchResultEntry entryOf(String id) throws Exception {
    try (LDAPConnection c = gateway().ldap()) {
      List<SearchResultEntry> found =
          c.search(BASE, SearchScope.SUB, Filter.createEqualityFilter("entryUUID", id), "*", "+")
              .getSearchEntries();
      assertTrue(found.size() <= 1, "one entry per id");
      return found.isEmpty() ? null : found.get(0);
    }
  }

  /** How many entries under {@code base} match {@code filter}. */
  int count(String base, Filter filter) throws Exception {
    try (LDAPConnection c = gateway().ldap()) {
      return c.search(base, SearchScope.ONE, filter, "1.1").getEntryCount();
    }
  }

  Set<DN> memberDns(String groupDn) throws Exception {
    Set<DN> dns = new HashSet<>();
    for (String v : entry(groupDn).getAttributeValues("member")) {
      dns.add(new DN(v));
    }
    return dns;
  }

  /** Membership after a rename or delete may be fixed up by the directory just after the reply. */
  void waitForMembers(String groupDn, Set<DN> expected) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    Set<DN> now = memberDns(groupDn);
    while (!now.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      now = memberDns(groupDn);
    }
    assertEquals(expected, now);
  }

  static DN dn(String dn) {
    try {
      return new DN(dn);
    } catch (LDAPException e) {
      throw new IllegalArgumentException(dn, e);
    }
  }

  /** The DN of user {@code uid}, built from components so any character is escaped. */
  static DN userDn(String uid) {
    return new DN(new RDN("uid", uid), dn(PEOPLE));
  }

  /** The DN of group {@code cn}, built from components so any character is escaped. */
  static DN groupDn(String cn) {
    return new DN(new RDN("cn", cn), dn(GROUPS));
  }
}
