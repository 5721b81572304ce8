package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.scim.filter.FilterParser;

/**
 * A filter on a SCIM attribute that shows the first of an LDAP attribute's values ({@code
 * name.givenName} from {@code givenName}, which may repeat) is checked by the gateway only on the
 * candidates with several values: on the others the directory's answer is exact, and its matching
 * rule decides, as for a filter it answers exactly.
 */
class FirstValueFilterTest {
  private static final String PEOPLE = "ou=people,dc=example,dc=com";

  @TempDir Path data;
  private ServiceFixture fixture;

  @BeforeEach
  void start() {
    fixture = new ServiceFixture(data, d -> d, s -> s);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void candidatesWithSeveralValuesAreCheckedAndTheOthersAreTheDirectorysAnswer() throws Exception {
    String one = user("one", "Scale");
    String spaced = user("spaced", "Scale");
    user("second", "Other");
    String firstOfTwo = user("first", "Scale");
    try (LDAPConnection admin = fixture.admin()) {
      // "Other" first: name.givenName is "Other", though LDAP finds "Scale" among the values.
      admin.modify(
          "uid=second," + PEOPLE, new Modification(ModificationType.ADD, "givenName", "Scale"));
      admin.modify(
          "uid=first," + PEOPLE, new Modification(ModificationType.ADD, "givenName", "Other"));
      // The directory's caseIgnoreMatch ignores the extra spaces; SCIM's comparison does not.
      admin.modify(
          "uid=spaced," + PEOPLE,
          new Modification(ModificationType.REPLACE, "givenName", "Scale  "));
    }
    ListPage page =
        fixture.users.list(
            new ListQuery(
                FilterParser.parse("name.givenName eq \"Scale\""), 1, 100, false, null, false));
    Set<String> ids = new TreeSet<>();
    page.resources().forEach(r -> ids.add(r.path("id").asText()));
    assertEquals(new TreeSet<>(Set.of(one, spaced, firstOfTwo)), ids);
    assertEquals(3, page.totalResults());
  }

  private String user(String userName, String givenName) {
    return fixture
        .users
        .create(
            ServiceFixture.object(
                "{\"userName\":\""
                    + userName
                    + "\",\"name\":{\"givenName\":\""
                    + givenName
                    + "\",\"familyName\":\"F\"}}"))
        .body()
        .path("id")
        .asText();
  }
}
