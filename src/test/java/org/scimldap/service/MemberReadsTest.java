package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.ForwardingDirectory;
import org.scimldap.scim.patch.PatchRequestParser;

/**
 * Large groups: reading a group without its members, or changing its membership, never asks the
 * directory for the member list.
 */
class MemberReadsTest {
  @TempDir Path data;
  private ServiceFixture fixture;
  private RecordingDirectory recording;
  private final ObjectMapper json = new ObjectMapper();
  private String groupId;
  private String userId;

  @BeforeEach
  void start() throws Exception {
    fixture = new ServiceFixture(data, d -> recording = new RecordingDirectory(d), s -> s);
    userId =
        fixture
            .users
            .create(body("{\"userName\":\"m1\",\"name\":{\"familyName\":\"M\"}}"))
            .body()
            .path("id")
            .asText();
    String other =
        fixture
            .users
            .create(body("{\"userName\":\"m2\",\"name\":{\"familyName\":\"M\"}}"))
            .body()
            .path("id")
            .asText();
    groupId =
        fixture
            .groups
            .create(body("{\"displayName\":\"Big\",\"members\":[{\"value\":\"" + other + "\"}]}"))
            .body()
            .path("id")
            .asText();
    recording.requested.clear();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void readingWithoutMembersDoesNotFetchThem() {
    assertFalse(fixture.groups.get(groupId, false).body().has("members"));
    fixture.groups.list(new ListQuery(null, 1, 10, false));
    assertTrue(recording.requested.size() >= 2);
    assertFalse(recording.askedForMembers(), recording.requested.toString());
  }

  @Test
  void membershipPatchesDoNotReadTheMemberList() throws Exception {
    PatchResult added =
        fixture.groups.patch(
            groupId,
            PatchRequestParser.parse(
                body(
                    """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}"""
                        .formatted(userId))),
            Optional.empty(),
            false,
            false);
    assertTrue(added.resource().isEmpty());
    fixture.groups.patch(
        groupId,
        PatchRequestParser.parse(
            body(
                """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}"""
                    .formatted(userId))),
        Optional.empty(),
        false,
        false);
    assertFalse(recording.askedForMembers(), recording.requested.toString());
    assertEquals(1, fixture.groups.get(groupId, true).body().path("members").size());
  }

  private ObjectNode body(String text) throws Exception {
    return (ObjectNode) json.readTree(text);
  }

  /** Records the attribute lists of every read and search. */
  private static final class RecordingDirectory extends ForwardingDirectory {
    final List<List<String>> requested = new ArrayList<>();

    RecordingDirectory(Directory real) {
      super(real);
    }

    boolean askedForMembers() {
      return requested.stream()
          .flatMap(List::stream)
          .anyMatch(a -> a.equalsIgnoreCase("member") || a.equals("*"));
    }

    @Override
    public Optional<Entry> read(DN dn, List<String> attributes) {
      requested.add(List.copyOf(attributes));
      return wrapped().read(dn, attributes);
    }

    @Override
    public void search(
        DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
      requested.add(List.copyOf(attributes));
      wrapped().search(base, scope, filter, attributes, sink);
    }
  }
}
