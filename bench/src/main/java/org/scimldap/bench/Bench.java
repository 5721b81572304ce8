package org.scimldap.bench;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPURL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scimldap.testsupport.Slapd;

/**
 * The gateway's benchmark: the same logical work done through the gateway's SCIM API and directly
 * against LDAP, in one run, at the same concurrency; per phase it prints operations per second,
 * median and 99th-percentile latency, errors, and the ratio gateway/direct; then the gateway's
 * start time, first-page time, and peak memory.
 *
 * <p>By default it starts a throwaway slapd and the gateway jar on it; see {@link Options}.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    boolean clean;
    try (Slapd slapd = options.ldapUrl() == null ? Slapd.start() : null) {
      String ldapUrl = slapd == null ? options.ldapUrl() : slapd.url();
      String bindDn = slapd == null ? options.bindDn() : slapd.adminDn();
      String bindPassword = slapd == null ? options.bindPassword() : slapd.adminPassword();
      String baseDn = slapd == null ? options.baseDn() : slapd.baseDn();
      clean = run(options, ldapUrl, bindDn, bindPassword, baseDn);
    }
    // The gateway and slapd are stopped by now; the exit status says whether every answer was
    // right.
    System.exit(clean ? 0 : 1);
  }

  /** Users of a warm-up round at most. */
  private static final int WARM_UP_USERS = 5_000;

  /**
   * How many times a warm-up round runs its reading phases (get, filter, PATCH, list): a JVM
   * compiles a request's code fully only after some tens of thousands of requests.
   */
  private static final int WARM_UP_PASSES = 5;

  /**
   * How many times the measured round runs its reading phases (get, filter, PATCH, list), each
   * figure printed over all of them: 5,000 direct gets take a quarter of a second, and on a machine
   * whose two cores the bench, the gateway and the directory share, one such phase can measure
   * twice as fast or as slow from one run to the next.
   */
  private static final int MEASURED_PASSES = 3;

  /**
   * How many warm-up rounds run. After the first, the code of the reading phases is compiled for
   * what they alone had done; the group and delete phases that follow change what the JVM has seen
   * at shared call sites, and it compiles much of that code again. The second round takes that
   * recompilation, which would otherwise fall on the measured reads, as it would not in a gateway
   * that has been serving a mix of requests for a while.
   */
  private static final int WARM_UP_ROUNDS = 2;

  /**
   * Runs {@link #WARM_UP_ROUNDS} warm-up rounds (every phase on both sides with up to {@link
   * #WARM_UP_USERS} users of their own, the reading ones {@link #WARM_UP_PASSES} times, not
   * reported: both JVMs compile their hot code and slapd fills its caches, so the measured phases
   * are not charged with it), then the measured round; true when every answer of all was right.
   */
  private static boolean run(
      Options options, String ldapUrl, String bindDn, String bindPassword, String baseDn)
      throws Exception {
    int n = options.users();
    int c = options.clients();
    LDAPURL url = new LDAPURL(ldapUrl);
    GatewayProcess process =
        options.gatewayUrl() == null
            ? GatewayProcess.start(
                options.recording(),
                options.jar(),
                ldapUrl,
                bindDn,
                bindPassword,
                baseDn,
                options.groupsFrom())
            : null;
    String scimUrl = process == null ? options.gatewayUrl() : process.url();
    String token = process == null ? options.token() : process.token();
    try (process) {
      double startMillis = Double.NaN;
      if (process != null) {
        try (ScimSide probe = new ScimSide(scimUrl, token, 0, 0, new Names("probe"))) {
          startMillis = process.awaitFirstAnswer(probe);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "bench: %s, C=%d clients, %d cores, directory %s, users' groups from %s%n",
          options.listing().isEmpty() ? "N=" + n + " users" : "listing at " + options.listing(),
          c,
          Runtime.getRuntime().availableProcessors(),
          ldapUrl,
          process == null ? "(the running gateway's mapping)" : options.groupsFrom());
      if (!options.listing().isEmpty()) {
        try (LDAPConnection first =
                new LDAPConnection(url.getHost(), url.getPort(), bindDn, bindPassword);
            LDAPConnectionPool pool = new LDAPConnectionPool(first, c, c)) {
          new ListingScale(pool, baseDn, scimUrl, token, c).run(options.listing(), process);
        }
        return true;
      }
      int warmUpErrors = 0;
      for (int w = 1; w <= WARM_UP_ROUNDS; w++) {
        Round warmUp =
            round(
                new Names("warm" + w),
                Math.min(n, WARM_UP_USERS),
                WARM_UP_PASSES,
                c,
                () -> new LDAPConnection(url.getHost(), url.getPort(), bindDn, bindPassword),
                baseDn,
                scimUrl,
                token);
        System.out.printf(
            Locale.ROOT,
            "warm-up round %d: %d users, %d errors%n",
            w,
            warmUp.users,
            warmUp.errors());
        if (warmUp.errors() > 0) {
          Report.print(warmUp.rows);
        }
        warmUpErrors += warmUp.errors();
      }
      Round measured =
          round(
              new Names("bench"),
              n,
              MEASURED_PASSES,
              c,
              () -> new LDAPConnection(url.getHost(), url.getPort(), bindDn, bindPassword),
              baseDn,
              scimUrl,
              token);
      Report.print(byPhase(measured.rows));
      System.out.printf(
          Locale.ROOT, "first page of %d (count=100): median %.1f ms%n", n, measured.firstPage);
      if (process != null) {
        System.out.printf(
            Locale.ROOT,
            "processor time: gateway %.1f s, bench client %.1f s (both sides' work)%n",
            process.cpuSeconds(),
            ProcessHandle.current()
                    .info()
                    .totalCpuDuration()
                    .map(java.time.Duration::toMillis)
                    .orElse(-1L)
                / 1000.0);
        System.out.printf(
            Locale.ROOT,
            "gateway: start to first answer %.0f ms, peak RSS %d MB, peak heap in use %d MB%n",
            startMillis,
            process.peakRssMb(),
            process.peakHeapMb());
      }
      return warmUpErrors + measured.errors() == 0;
    }
  }

  /** The rows of each phase that ran several times as one, in the order the phases first ran. */
  private static List<Phase.Result[]> byPhase(List<Phase.Result[]> rows) {
    Map<String, List<Phase.Result[]>> phases = new LinkedHashMap<>();
    for (Phase.Result[] row : rows) {
      phases.computeIfAbsent(row[0].name(), k -> new ArrayList<>()).add(row);
    }
    List<Phase.Result[]> merged = new ArrayList<>();
    for (List<Phase.Result[]> runs : phases.values()) {
      merged.add(
          new Phase.Result[] {
            Phase.Result.together(runs.stream().map(r -> r[0]).toList()),
            Phase.Result.together(runs.stream().map(r -> r[1]).toList())
          });
    }
    return merged;
  }

  /** A connection to the directory for the direct side. */
  @FunctionalInterface
  private interface Connect {
    LDAPConnection connect() throws Exception;
  }

  /**
   * What one round measured: per phase the direct and the gateway result, and the median first
   * page.
   */
  private record Round(int users, List<Phase.Result[]> rows, double firstPage) {
    int errors() {
      return rows.stream().mapToInt(r -> r[0].errors() + r[1].errors()).sum();
    }
  }

  /**
   * Runs every phase on both sides with {@code n} users named by {@code names}, the reading ones
   * {@code passes} times.
   */
  private static Round round(
      Names names,
      int n,
      int passes,
      int c,
      Connect connect,
      String baseDn,
      String scimUrl,
      String token)
      throws Exception {
    int batches = n / Side.MEMBERS_PER_CHANGE;
    // Members are added to the first n/1000 groups, so each grows to about 1,000 members; more
    // groups are created, so that creating them is measured over enough operations: n/10, a few
    // hundred even for a small n, where n/100 made a phase of a few dozen milliseconds that
    // measured little more than its clients starting.
    int groups = Math.max(1, n / 1000);
    int created = Math.max(c, n / 10);
    int pages = (n + Side.PAGE - 1) / Side.PAGE;
    try (ScimSide gateway = new ScimSide(scimUrl, token, n, created, names);
        LdapSide direct = new LdapSide(connect.connect(), baseDn, c, names)) {
      List<Phase.Result[]> rows = new ArrayList<>();
      rows.add(both("create", n, c, direct, gateway, (s, cl, i) -> s.create(i)));
      double[] firstPages = new double[5];
      for (int k = 0; k < firstPages.length; k++) {
        firstPages[k] = gateway.firstPageMillis();
      }
      Arrays.sort(firstPages);
      for (int pass = 0; pass < passes; pass++) {
        int thisPass = pass;
        rows.add(both("get", n, c, direct, gateway, (s, cl, i) -> s.get(i)));
        rows.add(both("filter", n, c, direct, gateway, (s, cl, i) -> s.filter(i)));
        rows.add(both("patch", n, c, direct, gateway, (s, cl, i) -> s.patch(i, thisPass)));
        rows.add(listing(pages, c, n, direct, gateway));
      }
      rows.add(both("group create", created, c, direct, gateway, (s, cl, g) -> s.createGroup(g)));
      rows.add(
          both("member patch", batches, c, direct, gateway, (s, cl, b) -> s.addMembers(b, groups)));
      rows.add(both("delete", n, c, direct, gateway, (s, cl, i) -> s.delete(i)));
      direct.cleanUp(created);
      gateway.cleanUp(created);
      return new Round(n, rows, firstPages[firstPages.length / 2]);
    }
  }

  /** An operation of a phase, on one side. */
  @FunctionalInterface
  private interface Work {
    void run(Side side, int client, int index) throws Exception;
  }

  private static Phase.Result[] both(
      String name, int count, int clients, Side direct, Side gateway, Work work)
      throws InterruptedException {
    Phase.Result d = Phase.run(name, count, clients, (cl, i) -> work.run(direct, cl, i));
    Phase.Result g = Phase.run(name, count, clients, (cl, i) -> work.run(gateway, cl, i));
    return new Phase.Result[] {d, g};
  }

  /** Every client pages through all users; checks that each reads all of them. */
  private static Phase.Result[] listing(int pages, int clients, int n, Side direct, Side gateway)
      throws InterruptedException {
    Phase.Result[] both = new Phase.Result[2];
    Side[] sides = {direct, gateway};
    for (int s = 0; s < 2; s++) {
      Side side = sides[s];
      int[] seen = new int[clients];
      both[s] =
          Phase.inLanes(
              "list (count=100)",
              pages,
              clients,
              (cl, i) -> {
                int page = i % pages;
                seen[cl] += side.listPage(cl, page);
                if (page == pages - 1) {
                  Check.that(seen[cl] == n, "client " + cl + " read " + seen[cl] + " users");
                  seen[cl] = 0;
                }
              });
    }
    return both;
  }
}
