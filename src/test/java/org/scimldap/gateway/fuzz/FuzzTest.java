package org.scimldap.gateway.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.FreezableDirectory;
import org.scimldap.testsupport.GatewayUnderTest;

/**
 * Thousands of hostile requests (seeded, so every run sends the same ones) against a gateway on an
 * in-memory directory: none may get a 5xx; every refusal must be a SCIM Error (RFC 7644 §3.12)
 * whose {@code status} is the HTTP status; and a refused request must leave the directory exactly
 * as it was (its LDIF export before and after is the same).
 */
class FuzzTest {
  /** Fixed, so that every run sends the same requests; {@code -Dfuzz.seed=…} tries others. */
  private static final long SEED = Long.getLong("fuzz.seed", 20_261_129L);

  private static final int REQUESTS = 2_000;
  private static final Duration AT_MOST = Duration.ofSeconds(20);
  private static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
  private static final ObjectMapper JSON = new ObjectMapper();

  private FreezableDirectory directory;
  private GatewayUnderTest gateway;
  private HttpClient http;
  private String base;
  private final List<String> userIds = new ArrayList<>();
  private final List<String> groupIds = new ArrayList<>();

  /** One request sent, and what came back. */
  private record Exchange(String method, String path, byte[] body, int status, String answer) {
    String describe() {
      String sent = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return method
          + " "
          + abbreviate(path)
          + " "
          + abbreviate(sent)
          + " -> "
          + status
          + " "
          + abbreviate(answer);
    }

    private static String abbreviate(String s) {
      return s.length() > 400 ? s.substring(0, 400) + "…(" + s.length() + " chars)" : s;
    }
  }

  @BeforeEach
  void start() throws Exception {
    directory = FreezableDirectory.start();
    gateway =
        GatewayUnderTest.external(
            directory.url(), FreezableDirectory.ADMIN_DN, FreezableDirectory.PASSWORD);
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    base = "http://127.0.0.1:" + gateway.httpPort() + "/scim/v2";
    for (int i = 0; i < 3; i++) {
      ObjectNode user = JSON.createObjectNode();
      user.putArray("schemas").add(HostileInputs.USER_URN);
      user.put("userName", "seed" + i);
      user.putObject("name").put("givenName", "Seed").put("familyName", "User" + i);
      user.putArray("emails").addObject().put("value", "seed" + i + "@example.com");
      userIds.add(created("/Users", user));
    }
    ObjectNode group = JSON.createObjectNode();
    group.putArray("schemas").add(HostileInputs.GROUP_URN);
    group.put("displayName", "seed-group");
    group.putArray("members").addObject().put("value", userIds.get(0));
    groupIds.add(created("/Groups", group));
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (directory != null) {
      directory.close();
    }
  }

  @Test
  void hostileRequestsAreRefusedCleanlyAndChangeNothing() throws Exception {
    HostileInputs in = new HostileInputs(SEED);
    String before = directory.ldif();
    long endsAt = System.nanoTime() + AT_MOST.toNanos();
    int sent = 0;
    int refused = 0;
    for (; sent < REQUESTS && System.nanoTime() < endsAt; sent++) {
      Exchange e = next(in);
      if (e.status() >= 500) {
        fail("5xx for request #" + sent + " (seed " + SEED + "): " + e.describe());
      }
      if (e.status() >= 400) {
        refused++;
        requireScimError(sent, e);
        String after = directory.ldif();
        if (!after.equals(before)) {
          fail("refused request #" + sent + " changed the directory: " + e.describe());
        }
      } else {
        before = directory.ldif();
      }
    }
    assertTrue(sent >= 500, "only " + sent + " requests were sent in " + AT_MOST);
    assertTrue(refused > sent / 2, refused + " of " + sent + " refused: the inputs are too tame");
  }

  private static void requireScimError(int n, Exchange e) {
    JsonNode body;
    try {
      body = JSON.readTree(e.answer());
    } catch (IOException notJson) {
      throw new AssertionError("refusal #" + n + " is not JSON: " + e.describe(), notJson);
    }
    boolean hasUrn = false;
    for (JsonNode s : body.path("schemas")) {
      hasUrn |= ERROR_URN.equals(s.asText());
    }
    assertTrue(hasUrn, "refusal #" + n + " without the Error schema: " + e.describe());
    assertEquals(
        String.valueOf(e.status()),
        body.path("status").asText(),
        "refusal #" + n + " status: " + e.describe());
    assertTrue(body.path("detail").isTextual(), "refusal #" + n + " detail: " + e.describe());
  }

  /** One request of a random kind. */
  private Exchange next(HostileInputs in) throws Exception {
    String user = in.pick(userIds);
    String group = in.pick(groupIds);
    return switch (in.random().nextInt(12)) {
      case 0 -> send("POST", "/Users", in.bytes(in.user(name(in))));
      case 1 -> send("POST", "/Groups", in.bytes(in.group(name(in))));
      case 2 -> send("PUT", "/Users/" + user, in.bytes(in.user("seed" + in.random().nextInt(3))));
      case 3 -> send("PUT", "/Groups/" + group, in.bytes(in.group("seed-group")));
      case 4 -> send("PATCH", "/Users/" + user, in.bytes(in.patch(false)));
      case 5 -> send("PATCH", "/Groups/" + group, in.bytes(in.patch(true)));
      case 6 -> send("GET", "/Users?" + listQuery(in), null);
      case 7 -> send("GET", "/Groups?" + listQuery(in), null);
      case 8 -> send("POST", in.pick(List.of("/Users/.search", "/.search")), in.bytes(search(in)));
      case 9 -> send(in.pick(List.of("GET", "DELETE", "PUT", "PATCH")), hostileId(in), null);
      case 10 -> send("GET", "/Users/" + user + "?" + projection(in), null);
      default -> send("PATCH", "/Users/" + user, in.bytes(in.user("seed0")));
    };
  }

  /** A name for a new resource: plain, or full of DN and filter metacharacters. */
  private static String name(HostileInputs in) {
    return in.chance(50) ? "fz" + in.random().nextInt(50) : "fz" + in.string();
  }

  private static String listQuery(HostileInputs in) {
    List<String> params = new ArrayList<>();
    params.add("filter=" + q(in.filter()));
    if (in.chance(30)) {
      params.add("count=" + q(in.pick(List.of("-1", "0", "99999999999", "abc", "1.5", "5"))));
    }
    if (in.chance(30)) {
      params.add("startIndex=" + q(in.pick(List.of("-5", "0", "1", "x", "9999999999999"))));
    }
    if (in.chance(20)) {
      params.add("sortBy=" + q(in.pick(List.of("userName", "name.givenName", in.string()))));
    }
    if (in.chance(20)) {
      params.add(projection(in));
    }
    return String.join("&", params);
  }

  private static String projection(HostileInputs in) {
    return in.pick(List.of("attributes=", "excludedAttributes="))
        + q(in.pick(List.of("userName", "emails[type eq \"work\"]", "name.x.y", in.string())));
  }

  private static ObjectNode search(HostileInputs in) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add(in.chance(90) ? HostileInputs.SEARCH_URN : in.string());
    body.set("filter", in.chance(80) ? JSON.getNodeFactory().textNode(in.filter()) : in.value());
    if (in.chance(40)) {
      body.set("count", in.value());
    }
    if (in.chance(40)) {
      body.set("startIndex", in.value());
    }
    if (in.chance(30)) {
      body.set("attributes", in.value());
    }
    if (in.chance(30)) {
      body.set("sortBy", in.value());
    }
    return body;
  }

  private static String hostileId(HostileInputs in) {
    String id =
        in.pick(
            List.of(
                in.string(),
                "00000000-0000-0000-0000-000000000000",
                "..",
                "%2e%2e",
                "*",
                "uid=seed0,ou=people,dc=example,dc=com"));
    return in.pick(List.of("/Users/", "/Groups/")) + q(id);
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Exchange send(String method, String path, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + GatewayUnderTest.TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", "application/scim+json");
    }
    HttpResponse<String> answer =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Exchange(method, path, body, answer.statusCode(), answer.body());
  }

  private String created(String path, ObjectNode body) throws Exception {
    Exchange e = send("POST", path, body.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(201, e.status(), e.describe());
    return JSON.readTree(e.answer()).path("id").asText();
  }
}
