package org.scimldap.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The gateway in a JVM of its own, started as {@code Main serve} from the test class path with its
 * configuration in environment variables, so that a test can kill it outright ({@code SIGKILL}) and
 * see what its data folder kept. A watchdog kills it should the test JVM die first.
 */
public final class GatewayProcess implements AutoCloseable {
  private static final long START_SECONDS = 90;

  private final Process process;
  private final Optional<Process> watchdog;
  private final int httpPort;
  private final Path log;

  private GatewayProcess(Process process, Optional<Process> watchdog, int httpPort, Path log) {
    this.process = process;
    this.watchdog = watchdog;
    this.httpPort = httpPort;
    this.log = log;
  }

  /**
   * Starts a gateway on its embedded directory keeping its data in {@code dataDir}, and returns
   * once it answers SCIM requests.
   */
  public static GatewayProcess embedded(Path dataDir) throws IOException, InterruptedException {
    return start(dataDir, Map.of("GATEWAY_EMBEDDED_LDAP_PORT", "0"));
  }

  /** Starts a gateway with extra environment variables (a directory URL and its credentials). */
  public static GatewayProcess start(Path dataDir, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    int port = freePort();
    Path log = Files.createTempFile("gateway-process", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml"));
    command.add("org.scimldap.Main");
    command.add("serve");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("GATEWAY_"));
    Map<String, String> gateway = new HashMap<>();
    gateway.put("GATEWAY_DATA_DIR", dataDir.toString());
    gateway.put("GATEWAY_HTTP_PORT", String.valueOf(port));
    gateway.put("GATEWAY_TOKEN", GatewayUnderTest.TOKEN);
    gateway.put("GATEWAY_CONFIG", "");
    gateway.put("GATEWAY_RELOAD_MAPPING", "false");
    gateway.putAll(extraEnv);
    env.putAll(gateway);
    Process process = builder.start();
    GatewayProcess started =
        new GatewayProcess(process, Watchdog.watch("gateway", process, dataDir), port, log);
    started.awaitReady();
    return started;
  }

  private void awaitReady() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    ScimClient scim = client();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the gateway exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (scim.get("/ServiceProviderConfig").status() == 200) {
          return;
        }
      } catch (AssertionError notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    kill();
    throw new IllegalStateException(
        "the gateway did not answer within " + START_SECONDS + " s:\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public ScimClient client() {
    return new ScimClient("http://127.0.0.1:" + httpPort + "/scim/v2", GatewayUnderTest.TOKEN);
  }

  /** Kills the gateway with SIGKILL (no shutdown hook runs) and waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /**
   * Asks the gateway to stop with SIGTERM, as {@code docker stop} does, and waits until it is gone;
   * returns its exit status.
   */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the gateway did not stop within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  /** What the gateway wrote to its standard output and error. */
  public String output() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException, IOException {
    if (process.isAlive()) {
      kill();
    }
    watchdog.ifPresent(Process::destroy);
    Files.deleteIfExists(log);
  }
}
