package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.ForwardingDirectory;
import org.scimldap.scim.filter.PathParser;
import org.scimldap.scim.patch.PatchOperation;

/**
 * A user deleted between the moment a member add resolved its id and the moment the group was
 * written (the DELETE ran in between, as another request would) does not stay in the group: the add
 * looks its members up again and takes the vanished DN out.
 */
class MemberDeleteRaceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private ServiceFixture fixture;

  /** What runs, once, just before the next write of a member value. */
  private final AtomicReference<Runnable> beforeMemberWrite = new AtomicReference<>();

  /** A directory that lets a test run something just before a member value is written. */
  private final class RacingDirectory extends ForwardingDirectory {
    RacingDirectory(Directory real) {
      super(real);
    }

    @Override
    public void modify(
        DN dn,
        List<Modification> modifications,
        boolean permissive,
        Optional<com.unboundid.ldap.sdk.Filter> assertion) {
      boolean addsMember =
          modifications.stream()
              .anyMatch(
                  m ->
                      m.getModificationType() == ModificationType.ADD
                          && m.getAttributeName().equalsIgnoreCase("member")
                          && Arrays.stream(m.getValues()).noneMatch(v -> v.equals("cn=nobody")));
      Runnable race = addsMember ? beforeMemberWrite.getAndSet(null) : null;
      if (race != null) {
        race.run();
      }
      super.modify(dn, modifications, permissive, assertion);
    }

    @Override
    public void add(Entry entry) {
      Runnable race = entry.hasAttribute("member") ? beforeMemberWrite.getAndSet(null) : null;
      if (race != null) {
        race.run();
      }
      super.add(entry);
    }
  }

  @BeforeEach
  void start() {
    fixture = new ServiceFixture(data, RacingDirectory::new, s -> s);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aUserDeletedWhileAPatchAddedItLeavesTheGroupAgain() throws Exception {
    String user = fixture.createUser("racer");
    String group = fixture.groups.create(ServiceFixture.group("racing")).body().path("id").asText();
    beforeMemberWrite.set(() -> fixture.users.delete(user, Optional.empty()));

    ArrayNode value = JSON.createArrayNode();
    value.addObject().put("value", user);
    fixture.groups.patch(
        group,
        List.of(PatchOperation.add(PathParser.parse("members"), value)),
        Optional.empty(),
        false,
        false);

    assertTrue(beforeMemberWrite.get() == null, "the delete ran");
    assertEquals(List.of("cn=nobody"), fixture.members("racing"));
  }

  @Test
  void aUserDeletedWhileAGroupWasCreatedWithItIsNoMember() throws Exception {
    String stays = fixture.createUser("stays");
    String user = fixture.createUser("racer2");
    beforeMemberWrite.set(() -> fixture.users.delete(user, Optional.empty()));

    fixture.groups.create(ServiceFixture.group("racing2", stays, user));

    assertTrue(beforeMemberWrite.get() == null, "the delete ran");
    List<String> now = fixture.members("racing2");
    assertEquals(1, now.size(), now.toString());
    assertFalse(now.get(0).contains("racer2"), now.toString());
  }
}
