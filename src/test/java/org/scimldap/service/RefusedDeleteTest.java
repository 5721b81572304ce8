package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.ldap.ForwardingDirectory;
import org.scimldap.scim.ScimException;

/**
 * A DELETE the directory refuses (here: the gateway's account may not delete) leaves the user in
 * its groups, and a group it was the only member of without the placeholder it would have got.
 */
class RefusedDeleteTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private ServiceFixture fixture;

  /** A directory whose account may not delete entries. */
  private static final class NoDeletes extends ForwardingDirectory {
    NoDeletes(Directory real) {
      super(real);
    }

    @Override
    public void delete(DN dn) {
      throw new DirectoryException(
          "delete " + dn, ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "no delete right", null);
    }
  }

  @BeforeEach
  void start() {
    fixture = new ServiceFixture(data, NoDeletes::new, s -> s);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private String createUser(String userName) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
    body.put("userName", userName);
    body.putObject("name").put("familyName", "D");
    return fixture.users.create(body).body().path("id").asText();
  }

  private void createGroup(String name, String... memberIds) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    body.put("displayName", name);
    var members = body.putArray("members");
    for (String id : memberIds) {
      members.addObject().put("value", id);
    }
    fixture.groups.create(body);
  }

  private Set<String> members(String groupCn) throws Exception {
    try (LDAPConnection c = new LDAPConnection("127.0.0.1", fixture.embedded.port())) {
      String[] values =
          c.getEntry("cn=" + groupCn + ",ou=groups,dc=example,dc=com", "member")
              .getAttributeValues("member");
      return Set.copyOf(List.of(values));
    }
  }

  @Test
  void theMembershipsAreBackAfterTheDirectoryRefusedTheDelete() throws Exception {
    String kept = createUser("kept");
    String other = createUser("other");
    createGroup("alone", kept);
    createGroup("shared", kept, other);

    ScimException e =
        assertThrows(ScimException.class, () -> fixture.users.delete(kept, Optional.empty()));

    assertEquals(403, e.status());
    assertEquals(Set.of("uid=kept,ou=people,dc=example,dc=com"), members("alone"));
    assertEquals(
        Set.of("uid=kept,ou=people,dc=example,dc=com", "uid=other,ou=people,dc=example,dc=com"),
        members("shared"));
  }
}
