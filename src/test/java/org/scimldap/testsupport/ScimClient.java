package org.scimldap.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small HTTP client for black-box tests: sends SCIM requests, parses JSON answers. */
public final class ScimClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String base;
  private final String token;
  private final Map<String, String> defaults;

  public ScimClient(String base, String token) {
    this(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        base,
        token,
        Map.of());
  }

  private ScimClient(HttpClient http, String base, String token, Map<String, String> defaults) {
    this.http = http;
    this.base = base;
    this.token = token;
    this.defaults = Map.copyOf(defaults);
  }

  /**
   * A client that puts {@code headers} on every request, e.g. an identity provider's {@code
   * User-Agent} and {@code Content-Type}; headers given to {@link #send} win over them.
   */
  public ScimClient withHeaders(Map<String, String> headers) {
    return new ScimClient(http, base, token, headers);
  }

  /** A response: status, headers and the body parsed as JSON (a missing node when empty). */
  public record Response(int status, Map<String, List<String>> headers, String raw) {
    public JsonNode json() {
      try {
        return raw.isEmpty() ? JSON.missingNode() : JSON.readTree(raw);
      } catch (IOException e) {
        throw new AssertionError("response is not JSON: " + raw, e);
      }
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .findFirst()
          .map(e -> e.getValue().get(0))
          .orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + raw;
    }
  }

  public Response get(String path) {
    return send("GET", path, null, Map.of());
  }

  public Response post(String path, String body) {
    return send("POST", path, body, Map.of());
  }

  public Response put(String path, String body) {
    return send("PUT", path, body, Map.of());
  }

  public Response patch(String path, String body) {
    return send("PATCH", path, body, Map.of());
  }

  public Response delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  public Response send(
      String method, String path, String body, Map<String, String> requestHeaders) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(defaults);
    headers.putAll(requestHeaders);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null && !headers.containsKey("Content-Type")) {
      b.header("Content-Type", "application/scim+json; charset=utf-8");
    }
    headers.forEach(b::header);
    try {
      HttpResponse<String> r =
          http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.headers().map(), r.body() == null ? "" : r.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** URL-encodes a query parameter value. */
  public static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
