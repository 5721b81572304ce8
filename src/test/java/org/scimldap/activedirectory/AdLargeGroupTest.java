package org.scimldap.activedirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * A group of 3,000 members, made directly in AD, read in full through SCIM and changed by small
 * membership PATCHes that touch only the values they name. (A Windows DC sends such a group's
 * members in ranges of 1,500 unless asked otherwise; that behaviour is simulated on the in-memory
 * directory, as Samba sends them all.)
 */
class AdLargeGroupTest extends AdContract {
  private static final int MEMBERS = 3_000;

  @Test
  void aGroupOfThreeThousandIsReadWholeAndChangedValueByValue() throws Exception {
    String unit = dc.createUnit("Crowd");
    List<String> memberDns = new ArrayList<>();
    for (int i = 0; i < MEMBERS + 2; i++) {
      memberDns.add("CN=member" + i + "," + unit);
    }
    addUsers(memberDns);
    try (LDAPConnection c = dc.connect()) {
      c.add(
          new AddRequest(
              "CN=Everyone Big," + unit,
              new Attribute("objectClass", "group"),
              new Attribute("sAMAccountName", "everyone-big"),
              new Attribute("member", memberDns.subList(0, MEMBERS))));
    }
    Map<String, String> idByDn = new HashMap<>();
    try (LDAPConnection c = dc.connect()) {
      for (SearchResultEntry e :
          c.search(unit, SearchScope.ONE, "(objectClass=user)", "objectGUID").getSearchEntries()) {
        idByDn.put(e.getDN(), idOf(e));
      }
    }
    String groupId = idOf(entry("(cn=Everyone Big)", "objectGUID").orElseThrow());

    JsonNode group = get("/Groups/" + groupId);
    Set<String> members = new HashSet<>();
    group.get("members").forEach(m -> members.add(m.get("value").asText()));
    Set<String> expected = new HashSet<>();
    memberDns.subList(0, MEMBERS).forEach(dn -> expected.add(idByDn.get(dn)));
    assertEquals(MEMBERS, members.size());
    assertEquals(expected, members);

    // More users than AD hands out in one page (MaxPageSize 1,000): counted and paged in full.
    JsonNode tail = get("/Users?startIndex=2951&count=100&attributes=userName");
    assertEquals(MEMBERS + 2, tail.get("totalResults").asInt());
    assertEquals(MEMBERS + 2 - 2950, tail.get("Resources").size());

    String first = idByDn.get(memberDns.get(0));
    String last = idByDn.get(memberDns.get(MEMBERS - 1));
    String newcomer = idByDn.get(memberDns.get(MEMBERS));
    String other = idByDn.get(memberDns.get(MEMBERS + 1));
    assertEquals(
        1,
        get("/Groups?excludedAttributes=members&filter="
                + ScimClient.q("members.value eq \"" + last + "\""))
            .get("totalResults")
            .asInt());

    Response changed =
        scim.patch(
            "/Groups/" + groupId,
            patch(
                """
                {"op":"Add","path":"members","value":[{"value":"%s"},{"value":"%s"}]},
                {"op":"Remove","path":"members[value eq \\"%s\\"]"},
                {"op":"Remove","path":"members","value":[{"value":"%s"}]}"""
                    .formatted(newcomer, other, first, last)));
    assertTrue(changed.status() == 204 || changed.status() == 200, changed.raw());
    Set<String> now = new HashSet<>();
    try (LDAPConnection c = dc.connect()) {
      String[] values =
          c.getEntry("CN=Everyone Big," + unit, "member").getAttributeValues("member");
      for (String v : values) {
        now.add(v.toLowerCase());
      }
    }
    assertEquals(MEMBERS, now.size());
    assertTrue(now.contains(memberDns.get(MEMBERS).toLowerCase()));
    assertTrue(now.contains(memberDns.get(MEMBERS + 1).toLowerCase()));
    assertTrue(!now.contains(memberDns.get(0).toLowerCase()));
    assertTrue(!now.contains(memberDns.get(MEMBERS - 1).toLowerCase()));
    assertTrue(now.contains(memberDns.get(1).toLowerCase()), "the others stay");
  }

  /**
   * Deletes what the test made, the group first and then the users over a few connections at once:
   * one subtree delete of so many accounts takes the DC longer than a request may.
   */
  @AfterEach
  void deleteTheCrowd() throws Exception {
    String unit = "OU=Crowd," + BASE;
    List<String> users = new ArrayList<>();
    try (LDAPConnection c = dc.connect()) {
      if (c.getEntry(unit) == null) {
        return;
      }
      c.delete("CN=Everyone Big," + unit);
      c.search(unit, SearchScope.ONE, "(objectClass=user)", "1.1")
          .getSearchEntries()
          .forEach(e -> users.add(e.getDN()));
    }
    inLanes(users, (c, dn) -> c.delete(dn));
    try (LDAPConnection c = dc.connect()) {
      c.delete(unit);
    }
  }

  /** Adds the users over a few connections at once: AD creates accounts slowly, one by one. */
  private static void addUsers(List<String> dns) throws Exception {
    inLanes(
        dns,
        (c, dn) -> {
          String name = dn.substring(3, dn.indexOf(','));
          c.add(
              new AddRequest(
                  dn,
                  new Attribute("objectClass", "user"),
                  new Attribute("sAMAccountName", name),
                  new Attribute("userPrincipalName", name + "@corp.example.com")));
        });
  }

  private interface Step {
    void run(LDAPConnection connection, String dn) throws Exception;
  }

  /** Runs {@code step} for every DN, over four connections at once. */
  private static void inLanes(List<String> dns, Step step) throws Exception {
    int lanes = 4;
    ExecutorService pool = Executors.newFixedThreadPool(lanes);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int lane = 0; lane < lanes; lane++) {
        int start = lane;
        done.add(
            pool.submit(
                () -> {
                  try (LDAPConnection c = dc.connect()) {
                    for (int i = start; i < dns.size(); i += lanes) {
                      step.run(c, dns.get(i));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
