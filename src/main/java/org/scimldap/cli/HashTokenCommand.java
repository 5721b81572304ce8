package org.scimldap.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.scimldap.config.AuthConfig;
import org.scimldap.config.TokenHash;

/**
 * {@code hash-token}: reads one secret from standard input (so that it shows in no command line or
 * shell history) and prints the SHA-256 that {@code auth.clients} keeps of it. A secret shorter
 * than {@link AuthConfig#MIN_TOKEN_LENGTH} characters is refused; the secret is never printed.
 */
final class HashTokenCommand {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  HashTokenCommand(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  int run() {
    String secret;
    try {
      String line =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      secret = line == null ? "" : line.trim();
    } catch (IOException e) {
      err.println("error: cannot read the token from standard input: " + e.getMessage());
      return CommandLine.PROBLEMS;
    }
    if (secret.length() < AuthConfig.MIN_TOKEN_LENGTH) {
      err.println(
          "error: the token read from standard input has "
              + secret.length()
              + " characters; use at least "
              + AuthConfig.MIN_TOKEN_LENGTH
              + ", random (e.g. from 'openssl rand -hex 32')");
      return CommandLine.PROBLEMS;
    }
    out.println(TokenHash.hex(secret));
    return CommandLine.OK;
  }
}
