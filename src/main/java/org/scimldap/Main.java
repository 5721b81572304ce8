package org.scimldap;

import java.io.PrintStream;
import java.util.Map;
import org.scimldap.cli.CommandLine;
import org.scimldap.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's entry point: runs the command line ({@link CommandLine}) with the process's
 * environment and streams, and exits with its status. {@code serve} starts the {@link Gateway},
 * which runs until the process is stopped.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int status = run(args, System.getenv(), System.out, System.err);
    if (status != CommandLine.OK) {
      System.exit(status);
    }
  }

  /** Runs one command line in-process and returns its exit status; {@code serve} keeps running. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return new CommandLine(env, out, err, Main::serve, Gateway::start).run(args);
  }

  /**
   * Starts the gateway and stops it gracefully when the process is asked to end (SIGTERM, Ctrl-C):
   * requests under way finish first ({@code http.shutdownGraceMillis}).
   */
  private static AutoCloseable serve(GatewayConfig config) {
    Gateway gateway = Gateway.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(gateway), "gateway-shutdown"));
    return gateway;
  }

  private static void stop(Gateway gateway) {
    // Logging starts at the first logger asked for: not before the command line is read, so that
    // the commands that keep their output clean (ToolLogging) can set it up first.
    Logger log = LoggerFactory.getLogger(Main.class);
    log.info("Stopping: the process was asked to end");
    gateway.close();
    log.info("Gateway stopped");
  }
}
