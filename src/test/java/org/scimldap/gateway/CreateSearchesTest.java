package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.SampleDirectory;
import org.scimldap.testsupport.ScimClient;

/**
 * A create checks that its name is free and that no reference was left at its DN by an entry
 * deleted behind the gateway's back; one search asks both, for the references of every type.
 * Whatever that search finds, the name and the references are looked at again on their own.
 */
class CreateSearchesTest {
  private static final String GROUPS = "ou=groups,dc=example,dc=com";
  private static final String PEOPLE = "ou=people,dc=example,dc=com";
  private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

  /** The sync request control of the gateway's follower (RFC 4533), whose search goes on. */
  private static final String SYNC = "1.3.6.1.4.1.4203.1.9.1.1";

  private final AtomicInteger searches = new AtomicInteger();
  private InMemoryDirectoryServer directory;
  private GatewayUnderTest gateway;
  private ScimClient scim;

  @BeforeEach
  void start() throws Exception {
    directory =
        SampleDirectory.start(
            new InMemoryOperationInterceptor() {
              @Override
              public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                if (!request.getRequest().hasControl(SYNC)) {
                  searches.incrementAndGet();
                }
              }
            });
    gateway = SampleDirectory.gatewayOn(directory);
    scim = gateway.client();
  }

  @AfterEach
  void stop() {
    gateway.close();
    directory.shutDown(true);
  }

  @Test
  void aFreeNameAndNoReferenceLeftTakeOneSearch() {
    searches.set(0);
    assertEquals(201, scim.post("/Groups", group("Fresh Team")).status());
    assertEquals(1, searches.get(), "searches during a group's create");
    searches.set(0);
    assertEquals(201, scim.post("/Users", user("fresh")).status());
    assertEquals(1, searches.get(), "searches during a user's create");
  }

  /**
   * An entry outside every type's container that the one search finds, such as another
   * application's group of the same name, is none that the separate searches would have found.
   */
  @Test
  void whatTheSearchFindsOutsideTheContainersDoesNotCount() throws Exception {
    try (LDAPConnection ldap = gateway.ldap()) {
      ldap.add("dn: ou=elsewhere,dc=example,dc=com", "objectClass: organizationalUnit");
      ldap.add(
          "dn: cn=Twin,ou=elsewhere,dc=example,dc=com",
          "objectClass: groupOfNames",
          "cn: Twin",
          "member: cn=Twin," + GROUPS);
    }
    searches.set(0);
    assertEquals(201, scim.post("/Groups", group("Twin")).status());
    assertEquals(1, searches.get(), "searches during the create");
  }

  @Test
  void aTakenNameIsStillRefused() {
    assertEquals(201, scim.post("/Groups", group("Taken")).status());
    ScimClient.Response again = scim.post("/Groups", group("Taken"));
    assertEquals(409, again.status(), again.raw());
    assertEquals("uniqueness", again.json().path("scimType").asText(), again.raw());
    ScimClient.Response folded = scim.post("/Groups", group("TAKEN"));
    assertEquals(409, folded.status(), folded.raw());
  }

  /**
   * A group left listing the DN of a group deleted directly no longer lists it once it is taken.
   */
  @Test
  void referencesOfTheSameTypeLeftAtTheDnAreRemoved() throws Exception {
    try (LDAPConnection ldap = gateway.ldap()) {
      ldap.add(
          "dn: cn=Parent," + GROUPS,
          "objectClass: groupOfNames",
          "cn: Parent",
          "member: cn=Reused," + GROUPS,
          "member: cn=Other," + GROUPS);
      assertEquals(201, scim.post("/Groups", group("Reused")).status());
      List<String> members =
          List.of(ldap.getEntry("cn=Parent," + GROUPS).getAttributeValues("member"));
      assertFalse(members.stream().anyMatch(m -> m.equalsIgnoreCase("cn=Reused," + GROUPS)));
      assertTrue(members.contains("cn=Other," + GROUPS), members.toString());
    }
  }

  /**
   * A group left listing the DN of a user deleted directly no longer lists it once a new user takes
   * the DN, no user having it as manager.
   */
  @Test
  void referencesOfAnotherTypeLeftAtTheDnAreRemoved() throws Exception {
    try (LDAPConnection ldap = gateway.ldap()) {
      ldap.add(
          "dn: uid=stays," + PEOPLE,
          "objectClass: inetOrgPerson",
          "uid: stays",
          "cn: Stays",
          "sn: Stays");
      ldap.add(
          "dn: cn=Crew," + GROUPS,
          "objectClass: groupOfNames",
          "cn: Crew",
          "member: uid=left," + PEOPLE,
          "member: uid=stays," + PEOPLE);
      assertEquals(201, scim.post("/Users", user("left")).status());
      assertEquals(
          List.of("uid=stays," + PEOPLE),
          List.of(ldap.getEntry("cn=Crew," + GROUPS).getAttributeValues("member")));
    }
  }

  /**
   * A group left listing the DN of a user deleted directly, and a user left with it as manager, no
   * longer do once a new user takes the DN.
   */
  @Test
  void referencesOfEveryTypeLeftAtTheDnAreRemoved() throws Exception {
    try (LDAPConnection ldap = gateway.ldap()) {
      ldap.add(
          "dn: uid=report," + PEOPLE,
          "objectClass: inetOrgPerson",
          "uid: report",
          "cn: Report",
          "sn: Report",
          "manager: uid=gone," + PEOPLE);
      ldap.add(
          "dn: cn=Team," + GROUPS,
          "objectClass: groupOfNames",
          "cn: Team",
          "member: uid=gone," + PEOPLE,
          "member: uid=report," + PEOPLE);
      assertEquals(201, scim.post("/Users", user("gone")).status());
      assertFalse(
          ldap.getEntry("uid=report," + PEOPLE).hasAttribute("manager"), "manager left behind");
      assertEquals(
          List.of("uid=report," + PEOPLE),
          List.of(ldap.getEntry("cn=Team," + GROUPS).getAttributeValues("member")));
    }
  }

  private static String group(String name) {
    return "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + name + "\"}";
  }

  private static String user(String name) {
    return "{\"schemas\":[\""
        + USER
        + "\"],\"userName\":\""
        + name
        + "\",\"name\":{\"givenName\":\"G\",\"familyName\":\"One\"}}";
  }
}
