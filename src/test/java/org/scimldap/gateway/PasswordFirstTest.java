package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ReadOnlyAddRequest;
import com.unboundid.ldap.sdk.ResultCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.SampleDirectory;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * A directory that refuses to enable an account without a password, as a Windows domain controller
 * does ({@code 0000052D}): a user created active but without a password is created disabled, reads
 * back {@code active: false}, and is enabled once it has one. (Samba does not refuse, so this runs
 * on the in-memory directory with the OpenLDAP preset, whose disabled accounts carry {@code
 * pwdAccountLockedTime}.)
 */
class PasswordFirstTest {
  private static final String ADMIN = "cn=admin,dc=example,dc=com";
  private static final String PEOPLE = "ou=people,dc=example,dc=com";
  private static final String PATCH =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";

  private InMemoryDirectoryServer directory;
  private GatewayUnderTest gateway;
  private ScimClient scim;

  @BeforeEach
  void start() throws Exception {
    directory = SampleDirectory.start(new PasswordBeforeEnabling());
    gateway =
        GatewayUnderTest.external(
            "ldap://127.0.0.1:" + directory.getListenPort(), ADMIN, "secret", Map.of());
    scim = gateway.client();
  }

  @AfterEach
  void stop() {
    gateway.close();
    directory.shutDown(true);
  }

  /** Refuses a new person that is neither locked nor given a password, in Windows' words. */
  private static final class PasswordBeforeEnabling extends InMemoryOperationInterceptor {
    @Override
    public void processAddRequest(InMemoryInterceptedAddRequest request) throws LDAPException {
      ReadOnlyAddRequest add = request.getRequest();
      if (add.hasAttributeValue("objectClass", "inetOrgPerson")
          && !add.hasAttribute("userPassword")
          && !add.hasAttribute("pwdAccountLockedTime")) {
        throw new LDAPException(
            ResultCode.UNWILLING_TO_PERFORM,
            "0000052D: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0");
      }
    }
  }

  @Test
  void anActiveUserWithoutAPasswordIsCreatedDisabledAndEnabledOnceItHasOne() throws Exception {
    Response created =
        scim.post(
            "/Users",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"newbie",
             "active":true}""");
    assertEquals(201, created.status(), created.raw());
    assertFalse(created.json().get("active").asBoolean(), "it says what it is: disabled");
    String id = created.json().get("id").asText();
    Entry entry = directory.getEntry("uid=newbie," + PEOPLE, "*", "+");
    assertTrue(entry.hasAttribute("pwdAccountLockedTime"), entry.toLDIFString());

    Response enabled =
        scim.patch(
            "/Users/" + id,
            PATCH.formatted(
                "{\"op\":\"replace\",\"value\":{\"password\":\"Passw0rd-1\",\"active\":true}}"));
    assertEquals(200, enabled.status(), enabled.raw());
    assertTrue(enabled.json().get("active").asBoolean());
    assertFalse(directory.getEntry("uid=newbie," + PEOPLE).hasAttribute("pwdAccountLockedTime"));
  }

  @Test
  void aUserCreatedDisabledKeepsTheFreeValueFoundForAUniqueSuffix(@TempDir Path dir)
      throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("mappings/openldap.yaml")));
    int users = lines.indexOf("    attributes:");
    lines.addAll(
        users + 1,
        List.of(
            "      - scim: userName",
            "        ldap: description",
            "        direction: toLdap",
            "        transform: {sanitize: {maxLength: 6}}",
            "        unique: suffix"));
    Path mapping = dir.resolve("suffixed.yaml");
    Files.write(mapping, lines);
    try (GatewayUnderTest suffixed =
        GatewayUnderTest.external(
            "ldap://127.0.0.1:" + directory.getListenPort(),
            ADMIN,
            "secret",
            Map.of("GATEWAY_MAPPING", mapping.toString()))) {
      ScimClient client = suffixed.client();
      for (String name : List.of("newbie", "newbie2")) {
        Response created =
            client.post(
                "/Users",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "active":true}"""
                    .formatted(name));
        assertEquals(201, created.status(), created.raw());
        assertFalse(created.json().get("active").asBoolean());
      }
      assertEquals(
          "newbie", directory.getEntry("uid=newbie," + PEOPLE).getAttributeValue("description"));
      assertEquals(
          "newbi1",
          directory.getEntry("uid=newbie2," + PEOPLE).getAttributeValue("description"),
          "the suffixed value, not the mapped one that is taken");
    }
  }

  @Test
  void aUserSentWithAPasswordOrDisabledGetsTheDirectorysAnswer() {
    Response withPassword =
        scim.post(
            "/Users",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"withpw",
             "password":"Passw0rd-1","active":true}""");
    assertEquals(201, withPassword.status(), withPassword.raw());
    assertTrue(withPassword.json().get("active").asBoolean());
    Response disabled =
        scim.post(
            "/Users",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"off",
             "active":false}""");
    assertEquals(201, disabled.status(), disabled.raw());
    assertFalse(disabled.json().get("active").asBoolean());
  }
}
