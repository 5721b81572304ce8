package org.scimldap.activedirectory;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.SambaDc;
import org.scimldap.testsupport.SambaExtension;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Black-box tests of the Active Directory preset on a real AD domain controller (Samba): one
 * gateway per test class, over LDAPS, on the DC shared by the whole run; the domain is back to its
 * provisioned state and the correlation store empty before each test.
 */
@ExtendWith(SambaExtension.class)
abstract class AdContract {
  static final String BASE = SambaDc.BASE_DN;
  static final String USERS = SambaDc.USERS_DN;
  static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String PATCH =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";

  static SambaDc dc;
  static GatewayUnderTest gateway;
  static ScimClient scim;

  @BeforeAll
  static void startGateway() throws Exception {
    dc = SambaDc.shared();
    gateway = start(Map.of());
    scim = gateway.client();
  }

  /** A gateway of its own on the DC with the AD preset and these extra variables. */
  static GatewayUnderTest start(Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_MAPPING", "active-directory");
    env.put("GATEWAY_BASE_DN", BASE);
    env.put("GATEWAY_LDAP_CA_FILE", dc.certificatePem().toString());
    env.put("GATEWAY_LDAP_TRUSTSTORE", dc.certificatesForTrustStore().keyStore().toString());
    env.put("GATEWAY_LDAP_TRUSTSTORE_PASSWORD", dc.certificatesForTrustStore().keyStorePassword());
    env.putAll(extra);
    return GatewayUnderTest.external(dc.url(), SambaDc.ADMIN, dc.adminPassword(), env);
  }

  @AfterAll
  static void stopGateway() {
    if (gateway != null) {
      gateway.close();
      gateway = null;
    }
  }

  @BeforeEach
  void emptyStore() {
    gateway.wipeStore();
  }

  static String patch(String operations) {
    return PATCH.formatted(operations);
  }

  /** Creates a user through SCIM and returns its id. */
  static String createUser(String body) {
    Response created = scim.post("/Users", body);
    if (created.status() != 201) {
      throw new AssertionError("create failed: " + created);
    }
    return created.json().get("id").asText();
  }

  /** Creates a group with these members through SCIM and returns its id. */
  static String createGroup(String displayName, String... memberIds) {
    StringBuilder members = new StringBuilder();
    for (String id : memberIds) {
      members.append(members.length() == 0 ? "" : ",").append("{\"value\":\"" + id + "\"}");
    }
    Response created =
        scim.post(
            "/Groups",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s",
             "members":[%s]}"""
                .formatted(displayName, members));
    if (created.status() != 201) {
      throw new AssertionError("create failed: " + created);
    }
    return created.json().get("id").asText();
  }

  static String user(String userName, String given, String family) {
    return """
        {"schemas":["%s"],"userName":"%s","name":{"givenName":"%s","familyName":"%s"},
         "displayName":"%s %s","emails":[{"value":"%s","type":"work","primary":true}],
         "active":true}"""
        .formatted(USER_SCHEMA, userName, given, family, given, family, userName);
  }

  /** The entry whose {@code userPrincipalName} (or, for groups, {@code cn}) is given. */
  static Optional<SearchResultEntry> entry(String filter, String... attributes)
      throws LDAPException {
    try (LDAPConnection c = dc.connect()) {
      return Optional.ofNullable(
          c.searchForEntry(BASE, SearchScope.SUB, Filter.create(filter), attributes));
    }
  }

  static SearchResultEntry userEntry(String upn, String... attributes) throws LDAPException {
    return entry(Filter.createEqualityFilter("userPrincipalName", upn).toString(), attributes)
        .orElseThrow(() -> new AssertionError("no entry with userPrincipalName " + upn));
  }

  /** The SCIM id of an AD entry: its objectGUID as a UUID, in AD's byte order. */
  static String idOf(SearchResultEntry entry) {
    byte[] guid = entry.getAttributeValueBytes("objectGUID");
    ByteBuffer b = ByteBuffer.wrap(guid);
    b.order(ByteOrder.LITTLE_ENDIAN);
    long high = ((long) b.getInt(0) & 0xffffffffL) << 32;
    high |= ((long) b.getShort(4) & 0xffffL) << 16;
    high |= (long) b.getShort(6) & 0xffffL;
    b.order(ByteOrder.BIG_ENDIAN);
    long low = b.getLong(8);
    return new UUID(high, low).toString();
  }

  static JsonNode get(String path) {
    Response r = scim.get(path);
    if (r.status() != 200) {
      throw new AssertionError("GET " + path + ": " + r);
    }
    return r.json();
  }
}
