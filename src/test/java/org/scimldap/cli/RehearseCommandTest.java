package org.scimldap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.Main;
import org.scimldap.config.GatewayConfig;

/**
 * {@code rehearse}: the gateway started on a throwaway embedded directory, sent one request of each
 * common kind, and stopped, with nothing left behind and nothing of the process's configuration
 * read.
 */
class RehearseCommandTest {
  @TempDir Path dir;

  /** What one run printed and returned. */
  private record Run(int status, String out, String err) {}

  private static Run run(CommandLine.Server rehearsed, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int status =
        rehearsed == null
            ? Main.run(args, env, o, e)
            : new CommandLine(
                    env,
                    o,
                    e,
                    config -> {
                      throw new AssertionError("serve does not start");
                    },
                    rehearsed)
                .run(args);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static List<Path> rehearsalFolders() throws IOException {
    try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return all.filter(p -> p.getFileName().toString().startsWith("scim-ldap-gateway-rehearsal"))
          .toList();
    }
  }

  @Test
  void rehearsesOnAThrowawayEmbeddedDirectoryWhateverTheEnvironmentSays() throws Exception {
    List<Path> before = rehearsalFolders();
    // Variables that would point a serving gateway at a directory that does not answer and at a
    // data folder of the test's: the rehearsal reads neither.
    Map<String, String> env =
        Map.of(
            "GATEWAY_LDAP_URL", "ldap://127.0.0.1:1",
            "GATEWAY_DATA_DIR", dir.resolve("data").toString(),
            "GATEWAY_CONFIG", dir.resolve("missing.yaml").toString());

    Run run = run(null, env, "rehearse");

    assertEquals(CommandLine.OK, run.status(), run.err());
    assertTrue(run.out().contains("rehearsal done"), run.out());
    assertFalse(Files.exists(dir.resolve("data")), "the environment's data folder was used");
    assertEquals(before, rehearsalFolders(), "the rehearsal's folder was left behind");
  }

  @Test
  void theRehearsedGatewayGetsTheBuiltInDefaultsOnFreePortsInItsOwnFolder() throws Exception {
    List<Path> before = rehearsalFolders();
    AtomicReference<GatewayConfig> given = new AtomicReference<>();

    Run run =
        run(
            config -> {
              given.set(config);
              // Nothing answers there: the first request fails.
              return new CommandLine.Running() {
                @Override
                public int httpPort() {
                  return 1;
                }

                @Override
                public void close() {}
              };
            },
            Map.of(
                "GATEWAY_HTTP_PORT", "8080",
                "GATEWAY_EMBEDDED_LDAP_PORT", "1389",
                "GATEWAY_MAPPING", "my-mapping.yaml"),
            "rehearse");

    GatewayConfig config = given.get();
    assertTrue(config.ldap().embedded().enabled(), "the embedded directory");
    assertEquals("127.0.0.1", config.http().host());
    assertEquals(0, config.http().port(), "any free port");
    assertEquals(0, config.ldap().embedded().port(), "any free port");
    assertEquals("openldap", config.mapping());
    assertTrue(
        config.dataDir().toString().contains("scim-ldap-gateway-rehearsal"),
        config.dataDir().toString());
    assertEquals(CommandLine.PROBLEMS, run.status());
    assertTrue(run.err().contains("error: "), run.err());
    assertEquals(before, rehearsalFolders(), "a failed rehearsal's folder was left behind");
  }

  @Test
  void takesNoConfiguration() {
    Run run =
        run(
            config -> {
              throw new AssertionError("nothing starts");
            },
            Map.of(),
            "rehearse",
            "--config",
            "gateway.yaml");

    assertEquals(CommandLine.USAGE, run.status());
    assertTrue(run.err().contains("rehearse reads no configuration"), run.err());
  }
}
