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
    ShallowJson created =
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
    Check.that(names.userName(i).equals(created.text("userName")), "created " + i);
    userIds.set(i, created.text("id"));
  }

  @Override
  public void get(int i) throws Exception {
    ShallowJson user = send("GET", "/Users/" + userIds.get(i), null, 200);
    Check.that(userIds.get(i).equals(user.text("id")), "id of " + i);
    Check.that(names.userName(i).equals(user.text("userName")), "userName of " + i);
  }

  @Override
  public void filter(int i) throws Exception {
    String filter = "userName eq \"" + names.userName(i) + "\"";
    ShallowJson list =
        send(
            "GET", "/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8), null, 200);
    Check.that(list.number("totalResults") == 1, "one result for " + filter);
    Check.that(list.length("Resources") == 1, "one resource for " + filter);
    Check.that(
        userIds.get(i).equals(list.first("Resources", "id")), "the id of " + names.userName(i));
  }

  @Override
  public void patch(int i, int pass) throws Exception {
    ShallowJson patched =
        send(
            "PATCH",
            "/Users/" + userIds.get(i),
            """
            {"schemas":["%s"],"Operations":[{"op":"replace","path":"active","value":false},
             {"op":"replace","path":"title","value":"%s"}]}"""
                .formatted(PATCH_OP, names.title(i, pass)),
            200);
    Check.that("false".equals(patched.text("active")), "disabled " + i);
    Check.that(names.title(i, pass).equals(patched.text("title")), "title of " + i);
  }

  @Override
  public int listPage(int client, int page) throws Exception {
    ShallowJson list =
        send("GET", "/Users?startIndex=" + (page * PAGE + 1) + "&count=" + PAGE, null, 200);
    Check.that(list.number("totalResults") == users, "totalResults on page " + page);
    int expected = Math.min(PAGE, users - page * PAGE);
    Check.that(list.length("Resources") == expected, "users on page " + page);
    return expected;
  }

  @Override
  public void createGroup(int g) throws Exception {
    ShallowJson created =
        send(
            "POST",
            "/Groups",
            """
            {"schemas":["%s"],"displayName":"%s"}"""
                .formatted(GROUP, names.groupName(g)),
            201);
    groupIds.set(g, created.text("id"));
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
    ShallowJson list = send("GET", "/Users?startIndex=1&count=" + PAGE, null, 200);
    double ms = (System.nanoTime() - t) / 1e6;
    Check.that(list.number("totalResults") == users, "totalResults of the first page");
    return ms;
  }

  /**
   * Sends a request; what the checks read of its answer when its status is one of {@code expected}.
   */
  ShallowJson send(String method, String path, String body, int... expected) throws Exception {
    return ShallowJson.parse(answer(method, path, body, expected).body());
  }

  /** Sends a request; its answer as a JSON tree when its status is one of {@code expected}. */
  JsonNode tree(String method, String path, String body, int... expected) throws Exception {
    String text = answer(method, path, body, expected).body();
    return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
  }

  private LeanHttp.Answer answer(String method, String path, String body, int... expected)
      throws Exception {
    LeanHttp.Answer answer = http.send(method, path, body == null ? headers : bodyHeaders, body);
    for (int status : expected) {
      if (answer.status() == status) {
        return answer;
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

  /** The id the gateway gave user {@code i}. */
  String idOf(int i) {
    return userIds.get(i);
  }

  @Override
  public void close() {
    http.close();
  }
}
