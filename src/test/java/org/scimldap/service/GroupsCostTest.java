package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.ForwardingDirectory;

/**
 * Users' {@code groups} from the groups' member values (the default preset) cost one search over
 * the groups per hundred users of a page, never one per user. Counted, not timed.
 */
class GroupsCostTest {
  private static final int USERS = 150;

  @TempDir Path data;
  private ServiceFixture fixture;
  private GroupSearches counting;
  private final List<String> ids = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    fixture = new ServiceFixture(data, d -> counting = new GroupSearches(d), s -> s);
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < USERS; i++) {
      ObjectNode user =
          (ObjectNode)
              json.readTree("{\"userName\":\"user" + i + "\",\"name\":{\"familyName\":\"F\"}}");
      ids.add(fixture.users.create(user).body().path("id").asText());
    }
    for (String name : List.of("Odd", "All")) {
      ObjectNode group = json.createObjectNode().put("displayName", name);
      var members = group.putArray("members");
      for (int i = 0; i < USERS; i++) {
        if (name.equals("All") || i % 2 == 1) {
          members.addObject().put("value", ids.get(i));
        }
      }
      fixture.groups.create(group);
    }
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aPageOfUsersFindsItsGroupsWithOneSearchPerHundredUsers() {
    counting.searches.set(0);
    ListPage page = fixture.users.list(new ListQuery(null, 1, USERS, true));
    assertEquals(USERS, page.resources().size());
    assertEquals(2, counting.searches.get(), "150 users: two searches over the groups");
    for (ObjectNode user : page.resources()) {
      int n = Integer.parseInt(user.path("userName").asText().substring(4));
      assertEquals(n % 2 == 1 ? 2 : 1, user.path("groups").size(), user.toString());
    }
  }

  @Test
  void oneUserFindsItsGroupsWithOneSearchAndAListWithoutThemWithNone() {
    counting.searches.set(0);
    assertEquals(2, fixture.users.get(ids.get(1), true).body().path("groups").size());
    assertEquals(1, counting.searches.get());
    counting.searches.set(0);
    fixture.users.list(new ListQuery(null, 1, USERS, false));
    assertEquals(0, counting.searches.get(), "groups not asked for: not looked up");
  }

  /** Counts the searches over the groups that ask for members. */
  private static final class GroupSearches extends ForwardingDirectory {
    final AtomicInteger searches = new AtomicInteger();

    GroupSearches(Directory real) {
      super(real);
    }

    @Override
    public void search(
        DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
      if (filter.toString().contains("(member=")) {
        searches.incrementAndGet();
      }
      wrapped().search(base, scope, filter, attributes, sink);
    }
  }
}
