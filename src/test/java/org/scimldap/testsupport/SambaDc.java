package org.scimldap.testsupport;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SubtreeDeleteRequestControl;
import com.unboundid.ldif.LDIFException;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway Active Directory domain controller for tests: Samba as an AD DC, provisioned into a
 * temp folder ({@code CORP.EXAMPLE.COM}, base DN {@code DC=corp,DC=example,DC=com}), serving LDAPS
 * on 127.0.0.1:636 with a certificate made for the test that names {@code dc1.corp.example.com} and
 * {@code 127.0.0.1} (not {@code localhost}).
 *
 * <p>Samba listens on the fixed AD ports, so one DC serves the whole test run: {@link #shared()}
 * provisions and starts it on first use, a shutdown hook stops it and deletes its folder, and a
 * {@link Watchdog} does the same if the JVM is killed. {@link #reset()} deletes what tests made
 * (every entry of {@code CN=Users} that was not there after provisioning, and every test OU).
 *
 * <p>Availability: without {@code samba} and {@code samba-tool}, tests are skipped with a reason,
 * unless {@code CI=true}, where they fail.
 */
public final class SambaDc {
  public static final String BASE_DN = "DC=corp,DC=example,DC=com";
  public static final String USERS_DN = "CN=Users," + BASE_DN;
  public static final String REALM = "corp.example.com";
  public static final String HOST_NAME = "dc1." + REALM;
  public static final String ADMIN = "Administrator@" + REALM;
  public static final int LDAPS_PORT = 636;

  private static final System.Logger LOG = System.getLogger(SambaDc.class.getName());
  private static final long READY_TIMEOUT_MS = 60_000;
  private static final long STOP_TIMEOUT_MS = 10_000;

  private static SambaDc shared;
  private static RuntimeException sharedFailure;

  private final Path root;
  private final String adminPassword;
  private final TestCertificates certificates;
  private final Process process;
  private final Optional<Process> watchdog;
  private final Thread shutdownHook;
  private final Set<DN> provisioned = new HashSet<>();
  private boolean stopped;

  private SambaDc(Path root, String adminPassword, TestCertificates certificates, Process process) {
    this.root = root;
    this.adminPassword = adminPassword;
    this.certificates = certificates;
    this.process = process;
    this.watchdog = Watchdog.watch("samba", process, root);
    this.shutdownHook = new Thread(this::stop, "samba-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The domain controller shared by every test in this JVM, started on first use. */
  public static synchronized SambaDc shared() throws Exception {
    if (sharedFailure != null) {
      throw new IllegalStateException("the shared Samba DC failed to start earlier", sharedFailure);
    }
    if (shared == null || !shared.process.isAlive()) {
      try {
        shared = start();
      } catch (IllegalStateException e) {
        sharedFailure = e;
        throw e;
      }
    }
    return shared;
  }

  private static SambaDc start() throws Exception {
    List<String> missing =
        Stream.of("samba", "samba-tool").filter(b -> SlapdDirectory.locate(b).isEmpty()).toList();
    requireAvailable(missing, Slapd.requiredInThisEnvironment());
    if (listening(LDAPS_PORT)) {
      throw new IllegalStateException(
          "port " + LDAPS_PORT + " is taken: another directory runs on this machine");
    }
    Path root = Files.createTempDirectory("samba-dc");
    String password = "Adm1n-" + randomText();
    try {
      provision(root, password);
      TestCertificates certificates =
          TestCertificates.create(
              root.resolve("tls"), HOST_NAME, List.of(HOST_NAME), List.of("127.0.0.1"));
      configure(root, certificates);
      Process process =
          new ProcessBuilder(
                  SlapdDirectory.locate("samba").orElseThrow().toString(),
                  "-F",
                  "--no-process-group",
                  "-s",
                  root.resolve("etc/smb.conf").toString(),
                  "--debug-stdout",
                  "-d",
                  "1")
              .redirectErrorStream(true)
              .redirectOutput(root.resolve("samba.log").toFile())
              .start();
      SambaDc dc = new SambaDc(root, password, certificates, process);
      dc.awaitReady();
      dc.rememberProvisioned();
      return dc;
    } catch (Exception | Error e) {
      deleteTree(root);
      throw e;
    }
  }

  /** Fails (when required) or aborts the calling test when Samba is not installed. */
  static void requireAvailable(List<String> missing, boolean required) {
    if (missing.isEmpty()) {
      return;
    }
    String detail =
        "missing "
            + String.join(", ", missing)
            + "; install: apt-get install samba samba-ad-dc winbind ldb-tools";
    if (required) {
      throw new IllegalStateException(
          "Samba not installed; CI requires the Active Directory tests (" + detail + ")");
    }
    Assumptions.abort("Samba not installed; skipping Active Directory tests (" + detail + ")");
  }

  private static void provision(Path root, String password) throws Exception {
    Path run = root.resolve("run");
    List<String> command =
        List.of(
            SlapdDirectory.locate("samba-tool").orElseThrow().toString(),
            "domain",
            "provision",
            "--targetdir=" + root,
            "--realm=" + REALM.toUpperCase(),
            "--domain=CORP",
            "--host-name=dc1",
            "--server-role=dc",
            "--dns-backend=NONE",
            "--use-rfc2307",
            "--adminpass=" + password,
            "--option=interfaces=lo",
            "--option=bind interfaces only=yes",
            "--option=pid directory=" + run,
            "--option=ncalrpc dir=" + run.resolve("ncalrpc"),
            "--option=winbindd socket directory=" + run.resolve("winbindd"),
            "--option=ntp signd socket directory=" + run.resolve("ntp_signd"),
            "--option=log file=" + root.resolve("logs/log.%m"));
    Path log = root.resolve("provision.log");
    Process provision =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!provision.waitFor(120, TimeUnit.SECONDS)) {
      provision.destroyForcibly();
      throw new IllegalStateException("samba-tool domain provision took over 2 minutes");
    }
    if (provision.exitValue() != 0) {
      throw new IllegalStateException(
          "samba-tool domain provision failed ("
              + provision.exitValue()
              + "):\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    Files.createDirectories(root.resolve("cache"));
    Files.createDirectories(root.resolve("logs"));
  }

  /** LDAP alone (one worker), no disk syncs, and the test certificate for LDAPS and StartTLS. */
  private static void configure(Path root, TestCertificates certificates) throws IOException {
    Path smbConf = root.resolve("etc/smb.conf");
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(smbConf, StandardCharsets.UTF_8)) {
      if (line.trim().startsWith("server services")) {
        // LDAP only: the RPC service would also claim ports from the ephemeral range, where other
        // programs' connections may already sit.
        lines.add("\tserver services = ldap");
        lines.add("\tprefork children = 1");
        // No fsync after each change: a test domain need not survive a power cut.
        lines.add("\tldb:nosync = true");
        lines.add("\ttls enabled = yes");
        lines.add("\ttls keyfile = " + certificates.privateKeyPem());
        lines.add("\ttls certfile = " + certificates.certificatePem());
        lines.add("\ttls cafile = ");
      } else {
        lines.add(line);
      }
    }
    Files.write(smbConf, lines, StandardCharsets.UTF_8);
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
    LDAPException last = null;
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (LDAPConnection connection = connect()) {
        connection.getEntry(BASE_DN, "1.1");
        return;
      } catch (LDAPException e) {
        last = e;
      }
      Thread.sleep(200);
    }
    String state =
        process.isAlive()
            ? "still not answering LDAPS after "
                + READY_TIMEOUT_MS
                + " ms"
                + (last == null ? "" : " (" + last.getMessage() + ")")
            : "exited with status " + process.exitValue();
    String log = Files.readString(root.resolve("samba.log"), StandardCharsets.UTF_8);
    close();
    throw new IllegalStateException("Samba " + state + "; its output:\n" + log);
  }

  private void rememberProvisioned() throws LDAPException {
    try (LDAPConnection connection = connect()) {
      for (SearchResultEntry e :
          connection
              .search(USERS_DN, SearchScope.SUB, "(objectClass=*)", "1.1")
              .getSearchEntries()) {
        provisioned.add(e.getParsedDN());
      }
    }
  }

  /** The LDAPS URL, {@code ldaps://127.0.0.1:636}. */
  public String url() {
    return "ldaps://127.0.0.1:" + LDAPS_PORT;
  }

  /** The password of {@link #ADMIN}, random for every domain. */
  public String adminPassword() {
    return adminPassword;
  }

  /** The PEM file of the DC's certificate, to trust it ({@code GATEWAY_LDAP_CA_FILE}). */
  public Path certificatePem() {
    return certificates.certificatePem();
  }

  /** The DC's certificate and key store. */
  public TestCertificates certificatesForTrustStore() {
    return certificates;
  }

  /** A new LDAPS connection bound as the domain administrator; the caller closes it. */
  public LDAPConnection connect() throws LDAPException {
    return connect(ADMIN, adminPassword);
  }

  /** A new LDAPS connection bound as {@code user} (a UPN or DN); the caller closes it. */
  public LDAPConnection connect(String user, String password) throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(2_000);
    // A subtree delete of what a test made may take the DC a while.
    options.setResponseTimeoutMillis(120_000);
    return new LDAPConnection(
        sockets(), options, "127.0.0.1", LDAPS_PORT, user, password == null ? "" : password);
  }

  private SSLSocketFactory sockets() throws LDAPException {
    try {
      return new SSLUtil(new PEMFileTrustManager(certificates.certificatePem().toFile()))
          .createSSLSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot trust the DC's certificate", e);
    }
  }

  /**
   * Deletes what tests made: every entry under {@code CN=Users} that provisioning did not create
   * (deepest first) and every organizational unit directly under the base DN that is not a
   * provisioned one (with the subtree delete control).
   */
  public void reset() throws LDAPException {
    try (LDAPConnection connection = connect()) {
      List<DN> made = new ArrayList<>();
      for (SearchResultEntry e :
          connection
              .search(USERS_DN, SearchScope.SUB, "(objectClass=*)", "1.1")
              .getSearchEntries()) {
        if (!provisioned.contains(e.getParsedDN())) {
          made.add(e.getParsedDN());
        }
      }
      made.sort(Comparator.comparingInt((DN dn) -> dn.getRDNs().length).reversed());
      for (DN dn : made) {
        delete(connection, new DeleteRequest(dn.toString()));
      }
      SearchRequest units =
          new SearchRequest(
              BASE_DN,
              SearchScope.ONE,
              Filter.createANDFilter(
                  Filter.createEqualityFilter("objectClass", "organizationalUnit"),
                  Filter.createNOTFilter(
                      Filter.createEqualityFilter("isCriticalSystemObject", "TRUE"))),
              "1.1");
      for (SearchResultEntry unit : connection.search(units).getSearchEntries()) {
        DeleteRequest delete = new DeleteRequest(unit.getDN());
        delete.addControl(new SubtreeDeleteRequestControl(true));
        delete(connection, delete);
      }
    }
  }

  private static void delete(LDAPConnection connection, DeleteRequest request)
      throws LDAPException {
    try {
      connection.delete(request);
    } catch (LDAPException e) {
      if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
        throw e;
      }
    }
  }

  /** Creates an organizational unit directly under the base DN and returns its DN. */
  public String createUnit(String name) throws LDAPException, LDIFException {
    String dn = "OU=" + name + "," + BASE_DN;
    try (LDAPConnection connection = connect()) {
      connection.add("dn: " + dn, "objectClass: organizationalUnit", "ou: " + name);
    }
    return dn;
  }

  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    watchdog.ifPresent(Process::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "samba ignored TERM for 10 s; killing it");
        process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteTree(root);
  }

  private void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      LOG.log(System.Logger.Level.DEBUG, "JVM is shutting down; the hook stops samba", e);
    }
    stop();
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete " + root, e);
    }
  }

  private static String randomText() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return text.toString();
  }
}
