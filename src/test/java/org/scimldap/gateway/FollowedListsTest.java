package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.DirectoryKind;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;

/**
 * On OpenLDAP with the {@code syncprov} overlay, the gateway follows the directory's changes (RFC
 * 4533) and keeps the ids of every user in list order, the directory's own (OpenLDAP's: the order
 * the entries were added in, a renamed entry keeping its place): the first page of an unfiltered
 * list needs no scan, and is as exact as one, also right after changes made directly in the
 * directory.
 */
class FollowedListsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern SEARCHES =
      Pattern.compile(
          "ldap_operations_seconds_count\\{operation=\"search\",outcome=\"success\"} ([0-9.E]+)");

  private GatewayUnderTest gateway;
  private ScimClient scim;

  @BeforeEach
  void start() throws Exception {
    gateway = DirectoryKind.OPENLDAP.gateway();
    gateway.wipe();
    scim = gateway.client();
    for (String name : List.of("carol", "alice", "erin", "bob", "dave")) {
      BlackBoxContract.createdId(scim.post("/Users", BlackBoxContract.userBody(name)));
    }
  }

  @Test
  void theFirstPageFollowsChangesMadeDirectlyInTheDirectory() throws Exception {
    String people = "ou=people,dc=example,dc=com";
    assertEquals(List.of("carol", "alice", "erin", "bob", "dave"), firstPages());
    try (LDAPConnection ldap = gateway.ldap()) {
      ldap.add(
          "dn: uid=amy," + people,
          "objectClass: inetOrgPerson",
          "uid: amy",
          "cn: Amy",
          "sn: Direct");
      assertEquals(List.of("carol", "alice", "erin", "bob", "dave", "amy"), firstPages());

      ldap.delete("uid=bob," + people);
      assertEquals(List.of("carol", "alice", "erin", "dave", "amy"), firstPages());

      ldap.modifyDN("uid=alice," + people, "uid=zoe", true);
      assertEquals(List.of("carol", "zoe", "erin", "dave", "amy"), firstPages());

      ldap.modifyDN("uid=carol," + people, "uid=carol", true, "ou=groups,dc=example,dc=com");
      assertEquals(List.of("zoe", "erin", "dave", "amy"), firstPages());
    }
    BlackBoxContract.createdId(scim.post("/Users", BlackBoxContract.userBody("ben")));
    assertEquals(List.of("zoe", "erin", "dave", "amy", "ben"), firstPages());
  }

  /**
   * The unfiltered first page gives the users that a first page filtered by a condition every user
   * meets gives (which scans, and orders them by DN), with one search fewer: the scan.
   */
  @Test
  void theUnfilteredFirstPageDoesNotScan() throws Exception {
    JsonNode filtered = scim.get("/Users?filter=userName%20pr&startIndex=1&count=5").json();
    double before = searches();
    JsonNode unfiltered = scim.get("/Users?startIndex=1&count=5").json();
    double unfilteredSearches = searches() - before;
    before = searches();
    filtered = scim.get("/Users?filter=userName%20pr&startIndex=1&count=5").json();
    double filteredSearches = searches() - before;

    assertEquals(5, unfiltered.path("totalResults").asInt());
    assertEquals(filtered.path("totalResults"), unfiltered.path("totalResults"));
    assertEquals(
        ids(filtered).stream().sorted().toList(), ids(unfiltered).stream().sorted().toList());
    assertEquals(filteredSearches - 1, unfilteredSearches, 0.0);
  }

  /** Operators see how many entries are followed: here the five users (and no group). */
  @Test
  void metricsCountTheFollowedEntries() throws Exception {
    System.gc(); // a gauge that held its supplier weakly would show NaN from now on
    double followed = 0;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (followed != 5 && System.nanoTime() < deadline) {
      Matcher m = Pattern.compile("(?m)^ldap_followed_entries ([0-9.E]+)$").matcher(metrics());
      followed = m.find() ? Double.parseDouble(m.group(1)) : -1;
      Thread.sleep(50);
    }
    assertEquals(5, followed, 0.0);
  }

  /**
   * The user names of an unfiltered list, read as the first page (count=2) and then the rest page
   * by page, each first page's totalResults checked against what was read.
   */
  private List<String> firstPages() {
    JsonNode first = scim.get("/Users?startIndex=1&count=2").json();
    int total = first.path("totalResults").asInt();
    List<String> names = new ArrayList<>();
    first.path("Resources").forEach(r -> names.add(r.path("userName").asText()));
    for (int start = 3; start <= total; start += 2) {
      scim.get("/Users?startIndex=" + start + "&count=2")
          .json()
          .path("Resources")
          .forEach(r -> names.add(r.path("userName").asText()));
    }
    assertEquals(total, names.size(), names.toString());
    return names;
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("Resources").forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }

  private String metrics() throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.httpPort() + "/metrics"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private double searches() throws Exception {
    Matcher m = SEARCHES.matcher(metrics());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
