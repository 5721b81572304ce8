package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ResultCode;
import java.nio.file.Path;
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

  @Test
  void theMembershipsAreBackAfterTheDirectoryRefusedTheDelete() throws Exception {
    String kept = fixture.createUser("kept");
    String other = fixture.createUser("other");
    fixture.groups.create(ServiceFixture.group("alone", kept));
    fixture.groups.create(ServiceFixture.group("shared", kept, other));

    ScimException e =
        assertThrows(ScimException.class, () -> fixture.users.delete(kept, Optional.empty()));

    assertEquals(403, e.status());
    assertEquals(
        Set.of("uid=kept,ou=people,dc=example,dc=com"), Set.copyOf(fixture.members("alone")));
    assertEquals(
        Set.of("uid=kept,ou=people,dc=example,dc=com", "uid=other,ou=people,dc=example,dc=com"),
        Set.copyOf(fixture.members("shared")));
  }
}
