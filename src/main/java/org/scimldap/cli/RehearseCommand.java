package org.scimldap.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scimldap.config.ConfigLoader;
import org.scimldap.config.GatewayConfig;

/**
 * {@code rehearse}: starts the gateway on a throwaway embedded directory (a temporary folder, free
 * loopback ports, the bundled OpenLDAP preset and otherwise the built-in defaults: neither a
 * configuration file nor the {@code GATEWAY_*} variables of the configuration are read), sends it
 * one request of each common kind over HTTP, checking each answer's status, then stops it and
 * removes the folder (also when the process is stopped meanwhile).
 *
 * <p>It exists for the class archive: run under {@code -XX:ArchiveClassesAtExit=FILE}, the JVM
 * writes every class the rehearsal loaded to FILE, and a gateway started with {@code
 * -XX:SharedArchiveFile=FILE} maps them instead of loading and verifying them from the jar, which
 * is most of its start. The build does that after packaging the jar.
 */
final class RehearseCommand {
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

  private final CommandLine.Server server;
  private final PrintStream out;
  private final PrintStream err;

  RehearseCommand(CommandLine.Server server, PrintStream out, PrintStream err) {
    this.server = server;
    this.out = out;
    this.err = err;
  }

  int run() {
    Path folder;
    try {
      folder = Files.createTempDirectory("scim-ldap-gateway-rehearsal");
    } catch (IOException e) {
      err.println("error: cannot create a temporary folder: " + e.getMessage());
      return CommandLine.PROBLEMS;
    }
    // Stopped meanwhile (Ctrl-C during a build): the folder goes all the same.
    Thread cleanUp = new Thread(() -> remove(folder), "rehearsal-clean-up");
    Runtime.getRuntime().addShutdownHook(cleanUp);
    try {
      String token = randomToken();
      try (CommandLine.Running gateway = server.start(config(folder, token))) {
        requests(new Client("http://127.0.0.1:" + gateway.httpPort() + "/scim/v2", token));
      }
      out.println("rehearsal done: every request answered as expected");
      return CommandLine.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return CommandLine.PROBLEMS;
    } catch (Exception e) {
      err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return CommandLine.PROBLEMS;
    } finally {
      remove(folder);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanUp);
      } catch (IllegalStateException stopping) {
        // the process is stopping: the hook runs, and finds nothing left to remove
      }
    }
  }

  /**
   * The built-in defaults with the rehearsal's folder and token, any free ports and the bundled
   * preset; neither a configuration file nor the process's own variables are read.
   */
  private static GatewayConfig config(Path folder, String token) {
    return new ConfigLoader(
            Map.of(
                "GATEWAY_DATA_DIR", folder.resolve("data").toString(),
                "GATEWAY_MAPPING", "openldap",
                "GATEWAY_HTTP_HOST", "127.0.0.1",
                "GATEWAY_HTTP_PORT", "0",
                "GATEWAY_EMBEDDED_LDAP_PORT", "0",
                "GATEWAY_TOKEN", token))
        .loadDefaults();
  }

  /** What a provisioning client does first: the discovery, a user's life, a group's. */
  private static void requests(Client r) throws IOException, InterruptedException {
    r.send("GET", "/ServiceProviderConfig", null, 200);
    r.send("GET", "/Schemas", null, 200);
    String user =
        r.created(
            "/Users",
            """
            {"schemas":["%s"],"userName":"rehearsal","name":{"givenName":"Re","familyName":"Hearsal"},
             "emails":[{"value":"rehearsal@example.com","type":"work","primary":true}],
             "externalId":"r-1","active":true}"""
                .formatted(USER));
    r.send("GET", "/Users/" + user, null, 200);
    r.send("GET", "/Users?filter=userName%20eq%20%22rehearsal%22", null, 200);
    r.send("GET", "/Users?startIndex=1&count=10&attributes=userName", null, 200);
    r.send(
        "PATCH",
        "/Users/" + user,
        """
        {"schemas":["%s"],"Operations":[{"op":"Replace","path":"active","value":"False"},
         {"op":"replace","path":"title","value":"Rehearsal"}]}"""
            .formatted(PATCH_OP),
        200);
    r.send(
        "PUT",
        "/Users/" + user,
        """
        {"schemas":["%s"],"userName":"rehearsal","name":{"givenName":"Re","familyName":"Hearsal"},
         "active":true}"""
            .formatted(USER),
        200);
    String group =
        r.created(
            "/Groups",
            """
            {"schemas":["%s"],"displayName":"rehearsal","members":[{"value":"%s"}]}"""
                .formatted(GROUP, user));
    r.send(
        "PATCH",
        "/Groups/" + group,
        """
        {"schemas":["%s"],"Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}"""
            .formatted(PATCH_OP, user),
        200,
        204);
    r.send("GET", "/Groups?startIndex=1&count=10", null, 200);
    r.send("GET", "/Users/not-there", null, 404);
    r.send("DELETE", "/Groups/" + group, null, 204);
    r.send("DELETE", "/Users/" + user, null, 204);
  }

  /** One client of the rehearsed gateway. */
  private static final class Client {
    private final HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;

    Client(String base, String token) {
      this.base = base;
      this.token = token;
    }

    /** Creates a resource and returns its id. */
    String created(String path, String body) throws IOException, InterruptedException {
      Matcher id = ID.matcher(send("POST", path, body, 201));
      if (!id.find()) {
        throw new RehearsalFailure("POST " + path + " answered without an id");
      }
      return id.group(1);
    }

    /**
     * Sends a request and returns the answer's body, when its status is one of {@code expected}.
     */
    String send(String method, String path, String body, int... expected)
        throws IOException, InterruptedException {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Accept", "application/scim+json");
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/scim+json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
      }
      HttpResponse<String> answer =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (Arrays.stream(expected).noneMatch(status -> status == answer.statusCode())) {
        throw new RehearsalFailure(
            method
                + " "
                + path
                + " answered "
                + answer.statusCode()
                + " where "
                + Arrays.toString(expected)
                + " was expected: "
                + answer.body());
      }
      return answer.body();
    }
  }

  /** A request of the rehearsal that was not answered as expected. */
  private static final class RehearsalFailure extends RuntimeException {
    RehearsalFailure(String message) {
      super(message);
    }
  }

  private static String randomToken() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private void remove(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(RehearseCommand::delete);
    } catch (IOException | UncheckedIOException e) {
      err.println("warning: could not remove " + folder + ": " + e.getMessage());
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
