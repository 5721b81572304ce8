package org.scimldap.activedirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Optimistic concurrency on a directory without the Assertion control (RFC 4528) and whose {@code
 * modifyTimestamp} moves in whole seconds: versions follow {@code uSNChanged}, a stale {@code
 * If-Match} is refused every time, and racing updates are never lost.
 */
class AdConcurrencyTest extends AdContract {

  @Test
  void aStaleIfMatchIsRefusedEveryTimeEvenWithinOneSecond() throws Exception {
    String id = createUser(user("eve@corp.example.com", "Eve", "Adams"));
    for (int round = 0; round < 10; round++) {
      String stale = scim.get("/Users/" + id).header("ETag");
      Response fresh =
          scim.patch(
              "/Users/" + id,
              patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"t" + round + "\"}"));
      assertEquals(200, fresh.status(), fresh.raw());
      String now = fresh.header("ETag");
      assertNotEquals(stale, now, "every write gives a new version");
      Response late =
          scim.send(
              "PATCH",
              "/Users/" + id,
              patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"late\"}"),
              Map.of("If-Match", stale));
      assertEquals(412, late.status(), "round " + round + ": " + late.raw());
      Response current =
          scim.send(
              "PATCH",
              "/Users/" + id,
              patch(
                  "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Eve " + round + "\"}"),
              Map.of("If-Match", now));
      assertEquals(200, current.status(), current.raw());
    }
    assertEquals("t9", userEntry("eve@corp.example.com", "title").getAttributeValue("title"));
  }

  @Test
  void racingPatchesOfOneUserLoseNoUpdate() throws Exception {
    String id = createUser(user("race@corp.example.com", "Race", "Condition"));
    int clients = 6;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String path =
            "phoneNumbers[type eq \\\""
                + List.of("work", "mobile", "home", "fax", "pager", "other").get(i)
                + "\\\"].value";
        String body =
            patch("{\"op\":\"add\",\"path\":\"" + path + "\",\"value\":\"+1 555 010" + i + "\"}");
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return scim.patch("/Users/" + id, body);
                }));
      }
      start.countDown();
      for (Future<Response> f : answers) {
        Response r = f.get();
        assertEquals(200, r.status(), r.raw());
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode user = get("/Users/" + id);
    Set<String> numbers = new HashSet<>();
    user.get("phoneNumbers").forEach(p -> numbers.add(p.get("value").asText()));
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < clients; i++) {
      expected.add("+1 555 010" + i);
    }
    assertEquals(expected, numbers, "every client's number is there");
    assertTrue(
        userEntry("race@corp.example.com", "telephoneNumber").hasAttribute("telephoneNumber"));
  }

  @Test
  void twoValuesForAnAttributeAdHoldsOneOfAreRefusedAtOnce() throws Exception {
    String id = createUser(user("two@corp.example.com", "Two", "Phones"));
    Response twoWorkPhones =
        scim.patch(
            "/Users/" + id,
            patch(
                """
                {"op":"add","path":"phoneNumbers","value":[
                  {"type":"work","value":"+1 555 0001"},{"type":"work","value":"+1 555 0002"}]}"""));
    // Not a 412 after retries: the directory's refusal of a second value is no concurrent change.
    assertEquals(400, twoWorkPhones.status(), twoWorkPhones.raw());
    assertEquals("invalidValue", twoWorkPhones.json().get("scimType").asText());
    assertTrue(
        twoWorkPhones.json().get("detail").asText().contains("'telephoneNumber', which holds one"),
        twoWorkPhones.raw());
    assertTrue(
        !userEntry("two@corp.example.com", "telephoneNumber").hasAttribute("telephoneNumber"));

    Response created =
        scim.post(
            "/Users",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"three@corp.example.com",
             "phoneNumbers":[{"type":"work","value":"1"},{"type":"work","value":"2"}]}""");
    assertEquals(400, created.status(), created.raw());
  }
}
