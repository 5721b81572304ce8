package org.scimldap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code hash-token} prints what {@code auth.clients} keeps of a token (the same as {@code printf
 * %s "$TOKEN" | sha256sum}), and the start refuses plain HTTP off the loopback and short tokens.
 */
class HashTokenCommandTest {
  /** What one run printed and returned. */
  private record Run(int status, String out, String err) {}

  private static Run run(Map<String, String> env, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new CommandLine(
                env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                config -> {
                  throw new AssertionError("nothing starts");
                },
                config -> {
                  throw new AssertionError("nothing rehearses");
                })
            .run(args);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsTheSha256OfTheTokenReadFromStandardInput() {
    Run r = run(Map.of(), "0123456789abcdef0123456789abcdef\n", "hash-token");
    assertEquals(CommandLine.OK, r.status(), r.err());
    assertEquals("3eb1bd439947eb762998e566ccc2e099c791118b2f40579cc4f7da2b5061b7f9\n", r.out());
  }

  @Test
  void refusesAShortTokenWithoutPrintingIt() {
    Run r = run(Map.of(), "short-secret\n", "hash-token");
    assertEquals(CommandLine.PROBLEMS, r.status());
    assertEquals("", r.out());
    assertTrue(r.err().contains("has 12 characters; use at least 32"), r.err());
    assertFalse(r.err().contains("short-secret"), r.err());
  }

  @Test
  void takesNoOperandAndIsInTheHelp() {
    assertEquals(CommandLine.USAGE, run(Map.of(), "", "hash-token", "my-token").status());
    assertTrue(run(Map.of(), "", "--help").out().contains("hash-token"));
  }

  @Test
  void serveRefusesPlainHttpOnEveryInterfaceAndAShortToken() {
    Run plain = run(Map.of("GATEWAY_CONFIG", "", "GATEWAY_HTTP_HOST", "0.0.0.0"), "", "serve");
    assertEquals(CommandLine.USAGE, plain.status());
    assertTrue(
        plain.err().startsWith("Cannot start: environment variable GATEWAY_HTTP_HOST"),
        plain.err());

    Run shortToken = run(Map.of("GATEWAY_CONFIG", "", "GATEWAY_TOKEN", "short-token"), "", "serve");
    assertEquals(CommandLine.USAGE, shortToken.status());
    assertTrue(shortToken.err().contains("shorter than 32 characters"), shortToken.err());
    assertFalse(shortToken.err().contains("short-token"), shortToken.err());
  }
}
