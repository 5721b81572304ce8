package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.DirectoryKind;
import org.scimldap.testsupport.RawHttp;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Golden exchanges: the SCIM requests of {@code golden/exchanges.json} are sent in order to the
 * gateway on an emptied directory, and each answer (status, the headers of {@link
 * GoldenNormalizer#HEADERS}, body), once normalized by {@link GoldenNormalizer}, is compared with
 * the recorded one. Object members compare in any order; arrays, error details and headers compare
 * exactly.
 *
 * <p>The recorded answers are in {@code golden/answers.json}, taken on the embedded directory. A
 * directory that answers differently anywhere has its own file, {@code
 * golden/answers-<directory>.json} (e.g. {@code answers-openldap.json}), so that differences
 * between directories are recorded rather than hidden; where there is no such file, the directory
 * answers exactly as the embedded one.
 *
 * <p>The answers were recorded from the gateway before a refactoring meant to keep its behaviour,
 * so a failure here names a behaviour that changed. When a change is intended, record the answers
 * again and review the difference:
 *
 * <pre>
 * mvn -q test -Dtest=GoldenExchangeTest -Dgolden.record=true
 * git diff src/test/resources/golden/
 * </pre>
 *
 * With {@code golden.record} set, the test writes {@code answers.json} (embedded directory) and,
 * for each other directory, {@code answers-<directory>.json} only when its answers differ (and
 * deletes it when they do not), into {@code src/test/resources/golden/} of the project the build
 * runs in, instead of comparing. Recording is deterministic: recording twice gives the same files.
 * Where slapd is not installed the OpenLDAP run is skipped, and so is its file.
 */
class GoldenExchangeTest extends BlackBoxContract {
  static final String RECORD_PROPERTY = "golden.record";
  private static final String FOLDER = "golden";
  private static final String SHARED_ANSWERS = "answers.json";
  private static final DirectoryKind REFERENCE = DirectoryKind.EMBEDDED;

  @Test
  void everyExchangeAnswersAsRecorded() throws IOException {
    String exchanges = read("exchanges.json");
    if (exchanges == null) {
      fail("golden/exchanges.json is missing");
    }
    List<GoldenRequest> requests = GoldenRequest.parseAll(JSON.readTree(exchanges));
    JsonNode answers = JSON.readTree(pretty(replay(requests, literals(exchanges))));
    String own = "answers-" + directory.name().toLowerCase(Locale.ROOT) + ".json";
    if (Boolean.getBoolean(RECORD_PROPERTY)) {
      record(answers, own);
      return;
    }
    String file = read(own) != null ? own : SHARED_ANSWERS;
    String recorded = read(file);
    if (recorded == null) {
      fail("golden/" + file + " is missing; record it with -D" + RECORD_PROPERTY + "=true");
    }
    compare(requests, JSON.readTree(recorded), answers, file);
  }

  /**
   * Writes the answers of the reference directory as the shared file, and those of another
   * directory as its own file only when they differ from the shared one.
   */
  private void record(JsonNode answers, String own) throws IOException {
    Path folder = sourceFolder();
    Files.createDirectories(folder);
    Path shared = folder.resolve(SHARED_ANSWERS);
    boolean same =
        directory != REFERENCE
            && Files.exists(shared)
            && JSON.readTree(Files.readString(shared, StandardCharsets.UTF_8)).equals(answers);
    Files.deleteIfExists(folder.resolve(own));
    if (!same) {
      Path target = directory == REFERENCE ? shared : folder.resolve(own);
      Files.writeString(target, pretty(answers) + "\n", StandardCharsets.UTF_8);
    }
  }

  /** Sends every request in order and returns the normalized answers. */
  private ArrayNode replay(List<GoldenRequest> requests, Set<String> literals) throws IOException {
    String base = "http://127.0.0.1:" + gateway().httpPort() + "/scim/v2";
    GoldenNormalizer normalizer = new GoldenNormalizer(base, literals);
    Map<String, String> variables = new HashMap<>();
    ArrayNode answers = JSON.createArrayNode();
    for (GoldenRequest request : requests) {
      Response response = send(request, variables);
      request
          .save()
          .forEach(
              (variable, source) -> {
                String value = saved(request, response, source);
                variables.put(variable, value);
                normalizer.alias(value, variable);
              });
      answers.add(normalizer.answer(request.name(), response));
    }
    return answers;
  }

  /**
   * Sends one request; one whose path {@link URI} refuses (a bad percent escape) goes byte for byte
   * on a socket instead.
   */
  private Response send(GoldenRequest request, Map<String, String> variables) throws IOException {
    String path = request.uri(variables);
    String body = request.bodyText(variables);
    Map<String, String> headers = request.headers(variables);
    try {
      new URI(path);
    } catch (URISyntaxException refused) {
      StringBuilder head = new StringBuilder();
      head.append(request.method()).append(" /scim/v2").append(path).append(" HTTP/1.1");
      head.append("\r\nHost: 127.0.0.1");
      request.bearer().ifPresent(t -> head.append("\r\nAuthorization: Bearer ").append(t));
      headers.forEach((k, v) -> head.append("\r\n").append(k).append(": ").append(v));
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      RawHttp.Answer answer = RawHttp.send(gateway().httpPort(), head.toString(), bytes, false);
      return new Response(answer.status(), headersOf(answer.head()), answer.body());
    }
    return gateway()
        .client(request.bearer().orElse(null))
        .send(request.method(), path, body, headers);
  }

  private static Map<String, List<String>> headersOf(String head) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("HTTP/")) {
        headers
            .computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
            .add(line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  /** A value of an answer: a header ({@code header:ETag}), a JSON pointer, or a field name. */
  private static String saved(GoldenRequest request, Response response, String source) {
    String value;
    if (source.startsWith("header:")) {
      value = response.header(source.substring("header:".length()));
    } else {
      JsonNode node = response.json().at(source.startsWith("/") ? source : "/" + source);
      value = node.isValueNode() ? node.asText() : null;
    }
    if (value == null) {
      fail("request '" + request.name() + "' saves '" + source + "', absent from: " + response);
    }
    return value;
  }

  /** The ids and versions the requests write literally: those are kept as written. */
  private static Set<String> literals(String exchanges) {
    Set<String> literals = new HashSet<>();
    for (var pattern : List.of(GoldenNormalizer.ID, GoldenNormalizer.VERSION)) {
      Matcher m = pattern.matcher(exchanges.replace("\\\"", "\""));
      while (m.find()) {
        literals.add(m.group().toLowerCase(Locale.ROOT));
      }
    }
    return literals;
  }

  private void compare(
      List<GoldenRequest> requests, JsonNode expected, JsonNode actual, String file) {
    for (int i = 0; i < Math.max(requests.size(), expected.size()); i++) {
      String asked = i < requests.size() ? requests.get(i).name() : "(none)";
      String answered = expected.path(i).path("name").asText("(none)");
      if (!asked.equals(answered)) {
        fail(
            ("golden/%s does not answer the requests of exchanges.json (#%d is '%s' there, '%s'"
                    + " in the answers); record it again with -D%s=true")
                .formatted(file, i, asked, answered, RECORD_PROPERTY));
      }
    }
    List<String> differing = new ArrayList<>();
    String first = null;
    for (int i = 0; i < requests.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        GoldenRequest r = requests.get(i);
        differing.add("#" + i + " " + r.name());
        if (first == null) {
          first =
              "#%d '%s' (%s %s)%nexpected:%n%s%nactual:%n%s"
                  .formatted(
                      i,
                      r.name(),
                      r.method(),
                      r.path(),
                      pretty(expected.get(i)),
                      pretty(actual.get(i)));
        }
      }
    }
    if (!differing.isEmpty()) {
      fail(
          "%d of %d exchanges answered differently on %s than recorded in golden/%s; the first: %s%n"
                  .formatted(differing.size(), requests.size(), directory, file, first)
              + "all that differ: "
              + differing);
    }
  }

  /** {@code src/test/resources/golden} of the project the build runs in. */
  private static Path sourceFolder() {
    return Path.of(System.getProperty("basedir", "."))
        .resolve("src/test/resources")
        .resolve(FOLDER);
  }

  /**
   * A golden file, read from the source folder when there is one (a copy left in the build output
   * may be stale after recording, e.g. an answers file that recording deleted), else from the class
   * path; null when it does not exist.
   */
  private static String read(String name) throws IOException {
    if (Files.isDirectory(sourceFolder())) {
      Path file = sourceFolder().resolve(name);
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }
    try (InputStream in = GoldenExchangeTest.class.getResourceAsStream("/" + FOLDER + "/" + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** JSON as the answers files hold it: two-space indents, one array element per line. */
  static String pretty(JsonNode node) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    ObjectWriter writer = JSON.writer(printer);
    try {
      return writer.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
