package org.scimldap.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.scimldap.testsupport.Presets;

/**
 * The gateway under test, started from its jar in a process of its own with its default settings
 * and the documented heap limit, on the bench's directory; and what it uses: peak resident memory
 * (from {@code /proc}) and peak heap in use (sampled with {@code jstat}).
 */
final class GatewayProcess implements AutoCloseable {
  private final Process process;
  private final Path data;
  private final String url;
  private final String token;
  private final Process heapSampler;
  private final AtomicLong peakHeapKb = new AtomicLong();
  private final long startedNanos;

  private GatewayProcess(Process process, Path data, String url, String token) throws IOException {
    this.process = process;
    this.data = data;
    this.url = url;
    this.token = token;
    this.startedNanos = System.nanoTime();
    this.heapSampler = sampleHeap();
  }

  static GatewayProcess start(
      String recording,
      String jar,
      String ldapUrl,
      String bindDn,
      String bindPassword,
      String baseDn,
      String groupsFrom)
      throws IOException {
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(jar + " not found: build it first (mvn package)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    byte[] random = new byte[36];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path data = Files.createTempDirectory("bench-gateway");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (recording != null) {
      command.add("-XX:FlightRecorderOptions:stackdepth=256");
      // The JDK's "profile" settings unless the system property names other settings (a .jfc
      // file with a finer sampling period, say).
      command.add(
          "-XX:StartFlightRecording=filename="
              + recording
              + ",settings="
              + System.getProperty("bench.jfr.settings", "profile"));
    }
    // As the README's run command and the Docker image start it: with the class archive the build
    // wrote beside the jar, when there is one written after the jar (an older one is of another
    // jar, which the JVM would refuse).
    command.add("-Xmx512m");
    // Options of one's own, separated by spaces, to compare the gateway's JVM settings.
    for (String option : System.getProperty("bench.gateway.jvm", "").split(" ")) {
      if (!option.isBlank()) {
        command.add(option);
      }
    }
    Path archive = Path.of(jar.replaceFirst("\\.jar$", "") + ".jsa");
    if (Files.isRegularFile(archive)
        && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(Path.of(jar)))
            >= 0) {
      command.add("-XX:SharedArchiveFile=" + archive);
    }
    command.addAll(List.of("-jar", jar));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("GATEWAY_LDAP_URL", ldapUrl);
    env.put("GATEWAY_LDAP_BIND_DN", bindDn);
    env.put("GATEWAY_LDAP_BIND_PASSWORD", bindPassword);
    env.put("GATEWAY_BASE_DN", baseDn);
    env.put("GATEWAY_MAPPING", mapping(data, groupsFrom).toString());
    env.put("GATEWAY_HTTP_HOST", "127.0.0.1");
    env.put("GATEWAY_HTTP_PORT", Integer.toString(port));
    env.put("GATEWAY_DATA_DIR", data.toString());
    env.put("GATEWAY_TOKEN", token);
    builder.redirectErrorStream(true).redirectOutput(data.resolve("gateway.log").toFile());
    Process process = builder.start();
    return new GatewayProcess(process, data, "http://127.0.0.1:" + port + "/scim/v2", token);
  }

  /**
   * The OpenLDAP preset, with users' groups read {@code from} where it says: the preset's own
   * {@code groups: {from: members}}, or {@code {from: memberOf}} as its comment tells an
   * administrator whose directory has the memberof overlay to set.
   */
  private static Path mapping(Path data, String from) throws IOException {
    Path file = data.resolve("mapping.yaml");
    Files.writeString(
        file, Presets.openLdapWith("groups: {from: members}", "groups: {from: " + from + "}"));
    return file;
  }

  String url() {
    return url;
  }

  String token() {
    return token;
  }

  /** Waits until {@code side} gets an answer; returns the milliseconds since the start. */
  double awaitFirstAnswer(ScimSide side) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the gateway stopped: see " + data.resolve("gateway.log"));
      }
      if (side.answers()) {
        return (System.nanoTime() - startedNanos) / 1e6;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the gateway did not answer within 60 s");
  }

  /** The most memory the process has had resident, in MB (VmHWM). */
  long peakRssMb() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  /** The processor time the gateway's process has used so far, in seconds. */
  double cpuSeconds() {
    return process.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L) / 1000.0;
  }

  /** The most heap seen in use, in MB, sampled twice a second; -1 without {@code jstat}. */
  long peakHeapMb() {
    return heapSampler == null ? -1 : peakHeapKb.get() / 1024;
  }

  private Process sampleHeap() {
    Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
    if (!Files.isExecutable(jstat)) {
      return null;
    }
    try {
      Process sampler =
          new ProcessBuilder(jstat.toString(), "-gc", Long.toString(process.pid()), "500")
              .redirectErrorStream(true)
              .start();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(sampler.getInputStream(), StandardCharsets.UTF_8))) {
                  List<String> header = null;
                  for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    List<String> fields = List.of(line.trim().split("\\s+"));
                    if (fields.contains("EU")) {
                      header = fields;
                    } else if (header != null && fields.size() == header.size()) {
                      double used = 0;
                      for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                        used += Double.parseDouble(fields.get(header.indexOf(column)));
                      }
                      long kb = (long) used;
                      peakHeapKb.accumulateAndGet(kb, Math::max);
                    }
                  }
                } catch (IOException | RuntimeException e) {
                  // Sampling ends with the process.
                }
              },
              "heap-sampler");
      reader.setDaemon(true);
      reader.start();
      return sampler;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    if (heapSampler != null) {
      heapSampler.destroy();
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
