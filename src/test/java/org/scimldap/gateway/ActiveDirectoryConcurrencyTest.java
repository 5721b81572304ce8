package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimldap.gateway.BlackBoxContract.createdId;
import static org.scimldap.gateway.BlackBoxContract.error;
import static org.scimldap.gateway.BlackBoxContract.ok;
import static org.scimldap.gateway.BlackBoxContract.patch;
import static org.scimldap.gateway.BlackBoxContract.userBody;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ActiveDirectoryLikeServer;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Concurrent writes on a directory that has neither the Assertion control nor {@code entryCSN}, and
 * whose {@code modifyTimestamp} moves in whole seconds, as Active Directory and Samba ({@link
 * ActiveDirectoryLikeServer}): versions follow {@code uSNChanged}, so they change with every write;
 * a stale {@code If-Match} is always 412; and writes that race for one entry lose nothing, because
 * each names the values it replaces.
 */
class ActiveDirectoryConcurrencyTest {
  private static ActiveDirectoryLikeServer directory;
  private static GatewayUnderTest gateway;
  private static ScimClient scim;

  @BeforeAll
  static void start() throws Exception {
    directory = ActiveDirectoryLikeServer.start();
    gateway =
        GatewayUnderTest.external(directory.url(), directory.adminDn(), directory.adminPassword());
    scim = gateway.client();
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (directory != null) {
      directory.close();
    }
  }

  @Test
  void aStaleIfMatchIsPreconditionFailedEveryTime() {
    String id = createdId(scim.post("/Users", userBody("stale.match")));
    String current = ok(scim.get("/Users/" + id)).path("meta").path("version").asText();
    List<String> lastModified = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Response fresh = replaceWithIfMatch(id, "title", "Title " + i, current);
      JsonNode meta = ok(fresh).path("meta");
      String next = meta.path("version").asText();
      assertTrue(!next.equals(current), "write " + i + " made a new version");
      lastModified.add(meta.path("lastModified").asText());

      error(replaceWithIfMatch(id, "title", "Stale " + i, current), 412, null);
      current = next;
    }
    assertEquals("Title 19", ok(scim.get("/Users/" + id)).path("title").asText());
    assertTrue(
        new HashSet<>(lastModified).size() < lastModified.size(),
        "some writes fell in the same second, as the test means them to: " + lastModified);
  }

  @Test
  void theVersionChangesWithEveryWriteWithinTheSameSecond() {
    String id = createdId(scim.post("/Users", userBody("many.versions")));
    Set<String> versions = new HashSet<>();
    Set<String> seconds = new HashSet<>();
    int writes = 10;
    for (int i = 0; i < writes; i++) {
      JsonNode meta =
          ok(scim.patch("/Users/" + id, replace("displayName", "Version " + i))).path("meta");
      versions.add(meta.path("version").asText());
      seconds.add(meta.path("lastModified").asText());
    }
    assertEquals(writes, versions.size(), "every write its own version");
    assertTrue(seconds.size() < writes, "some writes fell in the same second: " + seconds);
    JsonNode read = ok(scim.get("/Users/" + id));
    assertTrue(versions.contains(read.path("meta").path("version").asText()));
  }

  @Test
  void concurrentPatchesAddingEmailsAllLand() throws Exception {
    String id = createdId(scim.post("/Users", userBody("mail.racer")));
    int racers = 8;
    List<Response> adds =
        together(
            racers,
            i ->
                scim.patch(
                    "/Users/" + id,
                    patch(
                        "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"r"
                            + i
                            + "@example.com\",\"type\":\"work\"}]}]")));
    adds.forEach(a -> assertEquals(200, a.status(), a.toString()));
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < racers; i++) {
      expected.add("r" + i + "@example.com");
    }
    assertEquals(expected, Set.of(entry("mail.racer").getAttributeValues("mail")), "no write lost");
  }

  @Test
  void racingReplacesOfASingleValuedAttributeEndWithOneOfThem() throws Exception {
    for (int round = 0; round < 4; round++) {
      String userName = "single.racer" + round;
      String id = createdId(scim.post("/Users", userBody(userName)));
      String first = "A" + round;
      String second = "B" + round;
      // employeeNumber is single-valued and absent: both writes add it; the later one meets the
      // other's value (attributeOrValueExists) and is computed again over it.
      List<Response> answers =
          together(
              2,
              i ->
                  scim.patch(
                      "/Users/" + id,
                      replace(
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:"
                              + "employeeNumber",
                          i == 0 ? first : second)));
      answers.forEach(a -> assertEquals(200, a.status(), a.toString()));
      String[] held = entry(userName).getAttributeValues("employeeNumber");
      assertNotNull(held);
      assertEquals(1, held.length);
      assertTrue(Set.of(first, second).contains(held[0]), held[0]);

      // displayName is single-valued and present now: both writes replace the value read.
      List<Response> replaces =
          together(
              2, i -> scim.patch("/Users/" + id, replace("displayName", i == 0 ? first : second)));
      replaces.forEach(a -> assertEquals(200, a.status(), a.toString()));
      String[] shown = entry(userName).getAttributeValues("displayName");
      assertEquals(1, shown.length);
      assertTrue(Set.of(first, second).contains(shown[0]), shown[0]);
    }
  }

  @Test
  void racingPatchesWithTheSameIfMatchLetExactlyOneThrough() throws Exception {
    String employeeNumber =
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber";
    for (int round = 0; round < 4; round++) {
      String userName = "match.racer" + round;
      String id = createdId(scim.post("/Users", userBody(userName)));
      // title holds a value when read: both writes delete it, and only the first finds it.
      String version =
          ok(scim.patch("/Users/" + id, replace("title", "Read " + round)))
              .path("meta")
              .path("version")
              .asText();
      List<Response> answers =
          together(2, i -> replaceWithIfMatch(id, "title", "Racer " + i, version));
      String won = oneThroughOneRefused(answers).path("title").asText();
      assertEquals(won, entry(userName).getAttributeValue("title"));
      assertEquals(1, entry(userName).getAttributeValues("title").length);

      // employeeNumber is single-valued and absent when read: only the first add finds it so.
      String now = ok(scim.get("/Users/" + id)).path("meta").path("version").asText();
      List<Response> adds = together(2, i -> replaceWithIfMatch(id, employeeNumber, "E" + i, now));
      oneThroughOneRefused(adds);
      assertEquals(1, entry(userName).getAttributeValues("employeeNumber").length);
    }
  }

  /** Asserts that one answer is 200 and the other 412, and returns the body of the 200. */
  private static JsonNode oneThroughOneRefused(List<Response> answers) {
    List<Integer> statuses = answers.stream().map(Response::status).sorted().toList();
    assertEquals(List.of(200, 412), statuses, answers.toString());
    Response refused = answers.get(0).status() == 412 ? answers.get(0) : answers.get(1);
    error(refused, 412, null);
    return ok(answers.get(0).status() == 200 ? answers.get(0) : answers.get(1));
  }

  @Test
  void aPasswordIsReplacedAsBefore() throws Exception {
    String id = createdId(scim.post("/Users", userBody("password.changer")));
    for (String password : List.of("First-pa55word", "Second-pa55word")) {
      ok(scim.patch("/Users/" + id, replace("password", password)));
    }
    String[] stored = entry("password.changer").getAttributeValues("userPassword");
    assertEquals(1, stored.length, "one password, the last");
  }

  private static Response replaceWithIfMatch(
      String id, String attribute, String value, String version) {
    return scim.send(
        "PATCH", "/Users/" + id, replace(attribute, value), Map.of("If-Match", version));
  }

  private static String replace(String path, String value) {
    return patch(
        "[{\"op\":\"replace\",\"path\":\""
            + path
            + "\",\"value\":"
            + BlackBoxContract.literal(value)
            + "}]");
  }

  private static SearchResultEntry entry(String uid) throws Exception {
    try (LDAPConnection ldap = directory.admin()) {
      return ldap.getEntry(
          "uid=" + uid + "," + ActiveDirectoryLikeServer.PEOPLE_DN,
          "mail",
          "employeeNumber",
          "displayName",
          "title",
          "userPassword");
    }
  }

  /** Runs {@code call(0)} … {@code call(threads - 1)} on as many threads, released together. */
  private static List<Response> together(int threads, IntFunction<Response> call) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return call.apply(index);
                }));
      }
      List<Response> answers = new ArrayList<>();
      for (Future<Response> f : futures) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
