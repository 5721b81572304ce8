package org.scimldap.testsupport;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * A throwaway OpenLDAP {@code slapd} for tests: a private configuration and database in a temp
 * directory, listening on a free loopback port, with the overlays that legacy directories rely on
 * ({@code memberof}, {@code refint}, {@code ppolicy}, and {@code sssvlv} when installed).
 *
 * <p>{@link #start()} builds and starts a new server; {@link #close()} stops it and deletes its
 * directory. Test classes that can share one server per JVM use {@link #shared()} (or {@link
 * SlapdExtension}) and {@link #reset()} between tests. A JVM shutdown hook stops every server that
 * was not closed, and a watchdog shell does the same if the JVM is killed outright, so a crashed
 * run leaves no {@code slapd} behind.
 *
 * <p>Availability: without {@code slapd} and {@code slapadd}, {@link #start()} aborts the calling
 * test (a visible skip) unless {@link #requiredInThisEnvironment()}, in which case it fails.
 */
public final class Slapd implements AutoCloseable {

  static final String BASE_DN = "dc=example,dc=com";
  static final String ADMIN_DN = "cn=admin,dc=example,dc=com";
  static final String PEOPLE_DN = "ou=people,dc=example,dc=com";
  static final String GROUPS_DN = "ou=groups,dc=example,dc=com";
  static final String PASSWORD_POLICY_DN = "cn=ppolicy,dc=example,dc=com";

  private static final System.Logger LOG = System.getLogger(Slapd.class.getName());
  private static final long READY_TIMEOUT_MS = 10_000;
  private static final long STOP_TIMEOUT_MS = 5_000;
  private static final int PORT_ATTEMPTS = 5;

  private static Slapd shared;
  private static RuntimeException sharedFailure;

  private final SlapdDirectory dir;
  private final int port;
  private final String adminPassword;
  private final Process process;
  private final Optional<Process> watchdog;
  private final Thread shutdownHook;
  private boolean stopped;

  private Slapd(SlapdDirectory dir, int port, String adminPassword, Process process) {
    this.dir = dir;
    this.port = port;
    this.adminPassword = adminPassword;
    this.process = process;
    this.watchdog = Watchdog.watch("slapd", process, dir.root());
    this.shutdownHook = new Thread(this::stop, "slapd-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Whether a missing {@code slapd} must fail the build: the environment variable {@code CI=true}.
   */
  public static boolean requiredInThisEnvironment() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Whether {@code slapd} and {@code slapadd} are installed (in {@code /usr/sbin} or on PATH). */
  public static boolean installed() {
    return SlapdDirectory.locate("slapd").isPresent()
        && SlapdDirectory.locate("slapadd").isPresent();
  }

  /**
   * Builds and starts a new server; the caller closes it.
   *
   * @throws TestAbortedException if slapd is missing and not required here
   * @throws IllegalStateException if slapd is missing but required, or does not start
   */
  public static Slapd start() throws Exception {
    List<String> missing =
        Stream.of("slapd", "slapadd").filter(b -> SlapdDirectory.locate(b).isEmpty()).toList();
    requireAvailable(missing, requiredInThisEnvironment());
    Path slapd = SlapdDirectory.locate("slapd").orElseThrow();
    Path slapadd = SlapdDirectory.locate("slapadd").orElseThrow();

    String password = randomPassword();
    SlapdDirectory dir = SlapdDirectory.create(slapadd, password);
    try {
      return launch(dir, slapd, password);
    } catch (Exception | Error e) {
      dir.delete();
      throw e;
    }
  }

  /**
   * The server shared by every test in this JVM, started on first use and stopped by the shutdown
   * hook. Callers must not close it; they call {@link #reset()} to clean up after themselves.
   */
  public static synchronized Slapd shared() throws Exception {
    if (sharedFailure != null) {
      throw new IllegalStateException("the shared slapd failed to start earlier", sharedFailure);
    }
    if (shared == null || !shared.isRunning()) {
      try {
        shared = start();
      } catch (IllegalStateException e) {
        sharedFailure = e;
        throw e;
      }
    }
    return shared;
  }

  /** The TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The LDAP URL, {@code ldap://127.0.0.1:PORT}. */
  public String url() {
    return "ldap://127.0.0.1:" + port;
  }

  /** The suffix of the data tree, {@code dc=example,dc=com}. */
  public String baseDn() {
    return BASE_DN;
  }

  /** The container for users, {@code ou=people,dc=example,dc=com}. */
  public String peopleDn() {
    return PEOPLE_DN;
  }

  /** The container for groups, {@code ou=groups,dc=example,dc=com}. */
  public String groupsDn() {
    return GROUPS_DN;
  }

  /** The default password policy entry; {@link #reset()} keeps it. */
  public String passwordPolicyDn() {
    return PASSWORD_POLICY_DN;
  }

  /** The root DN of the data tree (exempt from ACLs), {@code cn=admin,dc=example,dc=com}. */
  public String adminDn() {
    return ADMIN_DN;
  }

  /** The admin password, random for every server. */
  public String adminPassword() {
    return adminPassword;
  }

  /** A new connection bound as {@link #adminDn()}; the caller closes it. */
  public LDAPConnection connect() throws LDAPException {
    return new LDAPConnection(options(10_000), "127.0.0.1", port, ADMIN_DN, adminPassword);
  }

  /** A new anonymous connection; the caller closes it. */
  public LDAPConnection connectAnonymously() throws LDAPException {
    return new LDAPConnection(options(10_000), "127.0.0.1", port);
  }

  /**
   * Deletes every entry except the base entries (suffix, {@code ou=people}, {@code ou=groups}, the
   * password policy), deepest first. Groups go before users so that no asynchronous {@code refint}
   * update of a deleted user's groups can touch a group that a later test creates under the same
   * DN.
   */
  public void reset() throws LDAPException {
    try (LDAPConnection connection = connect()) {
      deleteBottomUp(connection, Filter.createEqualityFilter("objectClass", "groupOfNames"));
      deleteBottomUp(connection, Filter.createPresenceFilter("objectClass"));
    }
  }

  /** Stops the server (TERM, then KILL after 5 s) and deletes its directory. Idempotent. */
  @Override
  public void close() {
    unregisterHook();
    stop();
  }

  /** Whether the slapd process is alive. */
  boolean isRunning() {
    return process.isAlive();
  }

  /** The temp directory holding configuration, database and log. */
  Path directory() {
    return dir.root();
  }

  /** Fails (when required) or aborts the calling test when binaries are missing. */
  static void requireAvailable(List<String> missing, boolean required) {
    if (missing.isEmpty()) {
      return;
    }
    String detail =
        "missing "
            + String.join(", ", missing)
            + " in /usr/sbin and on PATH; install: apt-get install slapd ldap-utils";
    if (required) {
      throw new IllegalStateException(
          "slapd not installed; CI requires the real-directory tests (" + detail + ")");
    }
    Assumptions.abort("slapd not installed; skipping real-directory tests (" + detail + ")");
  }

  private static Slapd launch(SlapdDirectory dir, Path slapd, String password) throws Exception {
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      // "-d none" keeps slapd in the foreground and writes only its always-logged messages
      // (start, stop, errors such as a failed bind) to stderr; "-d 0" would silence even those.
      Process process =
          new ProcessBuilder(
                  slapd.toString(),
                  "-h",
                  "ldap://127.0.0.1:" + port + "/",
                  "-F",
                  dir.configDir().toString(),
                  "-d",
                  "none")
              .redirectErrorStream(true)
              .redirectOutput(dir.log().toFile())
              .start();
      Slapd server = new Slapd(dir, port, password, process);
      boolean ready;
      try {
        ready = server.awaitReady();
      } catch (InterruptedException | RuntimeException e) {
        server.close();
        throw e;
      }
      if (ready) {
        return server;
      }
      String state =
          process.isAlive()
              ? "still not answering after " + READY_TIMEOUT_MS + " ms"
              : "exited with status " + process.exitValue();
      server.terminate();
      server.unregisterHook();
      String output = dir.readLog();
      if (!output.contains("Address already in use") || attempt == PORT_ATTEMPTS) {
        throw new IllegalStateException(
            "slapd on port " + port + " " + state + "; its output:\n" + output);
      }
      LOG.log(System.Logger.Level.INFO, "port {0} was taken; trying another", String.valueOf(port));
    }
  }

  /**
   * True once the root DSE names our suffix; false if slapd exited or the timeout passed. Probes
   * time out after 1 s so that a foreign listener on a stolen port costs little.
   */
  private boolean awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (LDAPConnection connection = new LDAPConnection(options(1_000), "127.0.0.1", port)) {
        RootDSE rootDse = connection.getRootDSE();
        if (rootDse != null && List.of(rootDse.getNamingContextDNs()).contains(BASE_DN)) {
          return true;
        }
      } catch (LDAPException e) {
        LOG.log(System.Logger.Level.TRACE, "slapd not ready yet: {0}", e.getMessage());
      }
      Thread.sleep(20);
    }
    return false;
  }

  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    terminate();
    dir.delete();
  }

  private void terminate() {
    watchdog.ifPresent(Process::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "slapd ignored TERM for 5 s; killing it");
        process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void unregisterHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      LOG.log(System.Logger.Level.DEBUG, "JVM is shutting down; the hook stops slapd", e);
    }
  }

  private static void deleteBottomUp(LDAPConnection connection, Filter filter)
      throws LDAPException {
    Set<DN> keep =
        Set.of(new DN(BASE_DN), new DN(PEOPLE_DN), new DN(GROUPS_DN), new DN(PASSWORD_POLICY_DN));
    SearchRequest request = new SearchRequest(BASE_DN, SearchScope.SUB, filter, "1.1");
    List<DN> doomed = new ArrayList<>();
    for (SearchResultEntry entry : connection.search(request).getSearchEntries()) {
      DN dn = entry.getParsedDN();
      if (!keep.contains(dn)) {
        doomed.add(dn);
      }
    }
    doomed.sort(Comparator.comparingInt((DN dn) -> dn.getRDNs().length).reversed());
    for (DN dn : doomed) {
      connection.delete(dn.toString());
    }
  }

  private static LDAPConnectionOptions options(long responseTimeoutMillis) {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(1_000);
    options.setResponseTimeoutMillis(responseTimeoutMillis);
    return options;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
