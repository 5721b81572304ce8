package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.testsupport.Slapd;

/**
 * A filter on a SCIM attribute that shows the first of an LDAP attribute's values ({@code
 * name.givenName} from {@code givenName}, which may repeat) is checked by the gateway only on the
 * candidates with several values: on the others the directory's answer is exact, and its matching
 * rule decides, as for a filter it answers exactly.
 */
class FirstValueFilterTest {
  private static final String PEOPLE = "ou=people,dc=example,dc=com";

  @TempDir Path data;

  @Test
  void onTheInMemoryServer() throws Exception {
    try (ServiceFixture fixture = new ServiceFixture(data, d -> d, s -> s);
        LDAPConnection admin = fixture.admin()) {
      candidatesWithSeveralValuesAreCheckedAndTheOthersAreTheDirectorysAnswer(
          fixture, admin, "Scale");
      aUserNameIsTheFirstUidWhenThereAreSeveral(fixture, admin, "scale");
    }
  }

  /** slapd compares values under options too ({@code givenName;lang-de}), as RFC 4512 says. */
  @Test
  void onOpenLdap() throws Exception {
    Slapd slapd = Slapd.shared();
    try (ServiceFixture fixture =
            new ServiceFixture(
                data,
                slapd.url(),
                slapd.adminDn(),
                slapd.adminPassword(),
                ServiceFixture.openLdapMappers());
        LDAPConnection admin = slapd.connect()) {
      String scale = "Scale" + UUID.randomUUID().toString().substring(0, 8);
      candidatesWithSeveralValuesAreCheckedAndTheOthersAreTheDirectorysAnswer(
          fixture, admin, scale);
      aUserNameIsTheFirstUidWhenThereAreSeveral(fixture, admin, scale.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * {@code userName eq}, which names one user, reads candidates whole for the page: one with a
   * single {@code uid} is the directory's answer (and is presented once, for the page, not checked
   * again), one with several is checked as SCIM shows it.
   */
  private void aUserNameIsTheFirstUidWhenThereAreSeveral(
      ServiceFixture fixture, LDAPConnection admin, String scale) throws Exception {
    String single = user(fixture, scale + "-single", "S");
    String named = user(fixture, scale + "-named", "N");
    // A second uid: LDAP finds the entry by either, SCIM's userName is the first.
    admin.modify(
        "uid=" + scale + "-named," + PEOPLE,
        new Modification(ModificationType.ADD, "uid", scale + "-alias"));

    assertEquals(Set.of(single), userNamed(fixture, scale + "-single"));
    // With one uid, the directory's matching rule decides, as it does for a filter it answers
    // exactly: it ignores the trailing space, which SCIM's own comparison would not.
    assertEquals(Set.of(single), userNamed(fixture, scale + "-single "));
    assertEquals(Set.of(single), userNamed(fixture, scale.toUpperCase(Locale.ROOT) + "-SINGLE"));
    assertEquals(Set.of(named), userNamed(fixture, scale + "-named"));
    assertEquals(Set.of(), userNamed(fixture, scale + "-alias"));
  }

  private static Set<String> userNamed(ServiceFixture fixture, String userName) {
    return found(fixture, "userName eq \"" + userName + "\"");
  }

  /** The ids of the users the filter finds, as many as the page's {@code totalResults}. */
  private static Set<String> found(ServiceFixture fixture, String filter) {
    ListPage page =
        fixture.users.list(new ListQuery(FilterParser.parse(filter), 1, 100, false, null, false));
    Set<String> ids = new TreeSet<>();
    page.resources().forEach(r -> ids.add(r.path("id").asText()));
    assertEquals(ids.size(), page.totalResults());
    return ids;
  }

  private void candidatesWithSeveralValuesAreCheckedAndTheOthersAreTheDirectorysAnswer(
      ServiceFixture fixture, LDAPConnection admin, String scale) throws Exception {
    String prefix = scale.toLowerCase(Locale.ROOT) + "-";
    String one = user(fixture, prefix + "one", scale);
    String spaced = user(fixture, prefix + "spaced", scale);
    user(fixture, prefix + "second", "Other");
    String firstOfTwo = user(fixture, prefix + "first", scale);
    user(fixture, prefix + "tagged", "Other");
    // "Other" first: name.givenName is "Other", though LDAP finds the name among the values.
    admin.modify(
        "uid=" + prefix + "second," + PEOPLE,
        new Modification(ModificationType.ADD, "givenName", scale));
    admin.modify(
        "uid=" + prefix + "first," + PEOPLE,
        new Modification(ModificationType.ADD, "givenName", "Other"));
    // A value with an option is one LDAP compares, not one the mapping reads.
    admin.modify(
        "uid=" + prefix + "tagged," + PEOPLE,
        new Modification(ModificationType.ADD, "givenName;lang-de", scale));
    // The directory's caseIgnoreMatch ignores the extra spaces; SCIM's comparison does not.
    admin.modify(
        "uid=" + prefix + "spaced," + PEOPLE,
        new Modification(ModificationType.REPLACE, "givenName", scale + "  "));
    assertEquals(
        Set.of(one, spaced, firstOfTwo), found(fixture, "name.givenName eq \"" + scale + "\""));
  }

  private static String user(ServiceFixture fixture, String userName, String givenName) {
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
