package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.ForwardingDirectory;

/**
 * The last two members of a group deleted at once: each delete saw the other still there, so
 * neither left the placeholder, and the second removal would empty the group, which the directory
 * refuses for a {@code groupOfNames}. The delete goes through, and the group keeps its placeholder.
 */
class LastMembersLeavingTest {
  private static final String GROUP = "cn=pair,ou=groups,dc=example,dc=com";

  @TempDir Path data;

  private ServiceFixture fixture;
  private OtherLeavesFirst directory;

  /** Before the gateway changes the group's members, another request removes {@link #other}. */
  private static final class OtherLeavesFirst extends ForwardingDirectory {
    final AtomicReference<String> other = new AtomicReference<>();

    OtherLeavesFirst(Directory real) {
      super(real);
    }

    @Override
    public void modify(
        DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion) {
      String leaving = dn.toString().equalsIgnoreCase(GROUP) ? other.getAndSet(null) : null;
      if (leaving != null) {
        wrapped()
            .modify(
                dn,
                List.of(new Modification(ModificationType.DELETE, "member", leaving)),
                true,
                Optional.empty());
      }
      super.modify(dn, modifications, permissive, assertion);
    }
  }

  @BeforeEach
  void start() {
    fixture =
        new ServiceFixture(
            data,
            real -> {
              directory = new OtherLeavesFirst(real);
              return directory;
            },
            s -> s);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void theLastMemberLeavesAndThePlaceholderComes() throws Exception {
    String ann = fixture.createUser("ann");
    String bob = fixture.createUser("bob");
    fixture.groups.create(ServiceFixture.group("pair", ann, bob));

    directory.other.set("uid=bob,ou=people,dc=example,dc=com");
    fixture.users.delete(ann, Optional.empty());

    try (LDAPConnection c = new LDAPConnection("127.0.0.1", fixture.embedded.port())) {
      assertEquals(
          Set.of("cn=nobody"), Set.of(c.getEntry(GROUP, "member").getAttributeValues("member")));
      assertEquals(null, c.getEntry("uid=ann,ou=people,dc=example,dc=com"), "ann is gone");
    }
  }
}
