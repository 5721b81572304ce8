package org.scimldap;

import ch.qos.logback.classic.LoggerContext;
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
 *
 * <p>The log is written out and closed here, last: after a command that has ended, or once a
 * stopped gateway has logged its last lines. (Logback's own shutdown hook would run beside the
 * gateway's, and could close the log before the gateway's last lines reached it.)
 */
public final class Main {
  /** True once {@code serve} has started the gateway, which then closes the log when it stops. */
  private static volatile boolean serving;

  private Main() {}

  public static void main(String[] args) {
    int status = run(args, System.getenv(), System.out, System.err);
    if (!serving) {
      closeLog();
    }
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
  private static CommandLine.Running serve(GatewayConfig config) {
    Gateway gateway = Gateway.start(config);
    serving = true;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(gateway), "gateway-shutdown"));
    return gateway;
  }

  private static void stop(Gateway gateway) {
    // Logging starts at the first logger asked for: not before the command line is read, so that
    // the commands that keep their output clean (ToolLogging) can set it up first.
    Logger log = LoggerFactory.getLogger(Main.class);
    log.info("Stopping: the process was asked to end");
    try {
      gateway.close();
      log.info("Gateway stopped");
    } finally {
      closeLog();
    }
  }

  /** Writes out what the log holds queued (the console's lines, the audit file) and closes it. */
  private static void closeLog() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
