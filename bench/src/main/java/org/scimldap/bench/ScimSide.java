package org.scimldap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bench's work through the gateway's SCIM API over HTTP/1.1 with keep-alive ({@link LeanHttp}),
 * checking every answer: status, ids, user names, counts.
 */
final class ScimSide implements Side {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private final Names names;
  private final LeanHttp http;
  private final String headers;
  private final String bodyHeaders;
  private final int users;
  private final AtomicReferenceArray<String> userIds;
  private final AtomicReferenceArray<String> groupIds;

  ScimSide(String base, String token, int users, int groups, Names names) {
    this.names = names;
    this.http = new LeanHttp(base);
    this.headers = "Authorization: Bearer " + token + "\r\nAccept: application/scim+json\r\n";
    this.bodyHeaders = headers + "Content-Type: application/scim+json\r\n";
    this.users = users;
    this.userIds = new AtomicReferenceArray<>(users);
    this.groupIds = new AtomicReferenceArray<>(groups);
  }

  @Override
  public String name() {
    return "gateway";
  }

  @Override
  public void create(int i) throws Exception {
    JsonNode created =
        send(
            "POST",
            "/Users",
            """
            {"schemas":["%s"],"userName":"%s","name":{"givenName":"%s","familyName":"%s"},
             "displayName":"%s","emails":[{"value":"%s","type":"work","primary":true}],
             "active":true}"""
                .formatted(
                    USER,
                    names.userName(i),
                    Names.GIVEN_NAME,
                    names.familyName(i),
                    names.displayName(i),
                    names.email(i)),
            201);
    Check.that(names.userName(i).equals(created.path("userName").asText()), "created " + i);
    userIds.set(i, created.path("id").asText());
  }

  @Override
  public void get(int i) throws Exception {
    JsonNode user = send("GET", "/Users/" + userIds.get(i), null, 200);
    Check.that(userIds.get(i).equals(user.path("id").asText()), "id of " + i);
    Check.that(names.userName(i).equals(user.path("userName").asText()), "userName of " + i);
  }

  @Override
  public void filter(int i) throws Exception {
    String filter = "userName eq \"" + names.userName(i) + "\"";
    JsonNode list =
        send(
            "GET", "/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8), null, 200);
    Check.that(list.path("totalResults").asInt() == 1, "one result for " + filter);
    Check.that(
        userIds.get(i).equals(list.path("Resources").path(0).path("id").asText()),
        "the id of " + names.userName(i));
  }

  @Override
  public void patch(int i) throws Exception {
    JsonNode patched =
        send(
            "PATCH",
            "/Users/" + userIds.get(i),
            """
            {"schemas":["%s"],"Operations":[{"op":"replace","path":"active","value":false},
             {"op":"replace","path":"title","value":"%s"}]}"""
                .formatted(PATCH_OP, names.title(i)),
            200);
    Check.that(!patched.path("active").asBoolean(true), "disabled " + i);
    Check.that(names.title(i).equals(patched.path("title").asText()), "title of " + i);
  }

  @Override
  public int listPage(int client, int page) throws Exception {
    JsonNode list =
        send("GET", "/Users?startIndex=" + (page * PAGE + 1) + "&count=" + PAGE, null, 200);
    Check.that(list.path("totalResults").asInt() == users, "totalResults on page " + page);
    int expected = Math.min(PAGE, users - page * PAGE);
    Check.that(list.path("Resources").size() == expected, "users on page " + page);
    return expected;
  }

  @Override
  public void createGroup(int g) throws Exception {
    JsonNode created =
        send(
            "POST",
            "/Groups",
            """
            {"schemas":["%s"],"displayName":"%s"}"""
                .formatted(GROUP, names.groupName(g)),
            201);
    groupIds.set(g, created.path("id").asText());
  }

  @Override
  public void addMembers(int batch, int groups) throws Exception {
    StringJoiner members = new StringJoiner(",");
    for (int i = batch * MEMBERS_PER_CHANGE; i < (batch + 1) * MEMBERS_PER_CHANGE; i++) {
      members.add("{\"value\":\"" + userIds.get(i) + "\"}");
    }
    send(
        "PATCH",
        "/Groups/" + groupIds.get(batch % groups) + "?excludedAttributes=members",
        """
        {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[%s]}]}"""
            .formatted(PATCH_OP, members),
        200,
        204);
  }

  @Override
  public void delete(int i) throws Exception {
    send("DELETE", "/Users/" + userIds.get(i), null, 204);
  }

  @Override
  public void cleanUp(int groups) throws Exception {
    for (int g = 0; g < groups; g++) {
      send("DELETE", "/Groups/" + groupIds.get(g), null, 204);
    }
  }

  /** Whether the gateway answers an authenticated request. */
  boolean answers() {
    try {
      send("GET", "/ServiceProviderConfig", null, 200);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** The time in milliseconds of the first page of an unfiltered list. */
  double firstPageMillis() throws Exception {
    long t = System.nanoTime();
    JsonNode list = send("GET", "/Users?startIndex=1&count=" + PAGE, null, 200);
    double ms = (System.nanoTime() - t) / 1e6;
    Check.that(list.path("totalResults").asInt() == users, "totalResults of the first page");
    return ms;
  }

  /** Sends a request; the answer's JSON when its status is one of {@code expected}. */
  JsonNode send(String method, String path, String body, int... expected) throws Exception {
    LeanHttp.Answer answer = http.send(method, path, body == null ? headers : bodyHeaders, body);
    for (int status : expected) {
      if (answer.status() == status) {
        return answer.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer.body());
      }
    }
    String text = answer.body();
    throw new IllegalStateException(
        method
            + " "
            + path
            + ": "
            + answer.status()
            + " "
            + text.substring(0, Math.min(300, text.length())));
  }

  @Override
  public void close() {
    http.close();
  }
}
