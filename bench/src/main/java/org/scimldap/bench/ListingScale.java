package org.scimldap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listing at scale ({@code --listing 1000,5000,20000,100000}): users are added directly to the
 * directory's {@code ou=people} (as the OpenLDAP preset writes them; the gateway reads them with
 * their entryUUIDs as ids) until there are as many as the next size, and at each size the gateway
 * is timed on an unfiltered first page, a first page filtered by a condition every user meets, and
 * one client paging through every user ({@code count=200}), each answer checked (totalResults,
 * every id once).
 */
final class ListingScale {
  private static final int PAGE = 200;
  private static final int FIRST_PAGES = 5;
  private static final int GROUP_READ = 5_000;
  private static final int GROUP_LARGE = 50_000;

  /** Member additions timed per group. */
  private static final int ADDS = 10;

  private final LDAPConnectionPool pool;
  private final String people;
  private final String groupsDn;
  private final ScimSide scim;
  private final int clients;

  ListingScale(LDAPConnectionPool pool, String baseDn, String scimUrl, String token, int clients) {
    this.pool = pool;
    this.people = "ou=people," + baseDn;
    this.groupsDn = "ou=groups," + baseDn;
    this.scim = new ScimSide(scimUrl, token, 0, 0, new Names("scale"));
    this.clients = clients;
  }

  /** One size's figures. */
  record Figures(
      int users,
      double directScanMs,
      double firstPageMs,
      double filteredFirstPageMs,
      double pageAllSeconds,
      int pages) {}

  /** Measures at each size in turn; prints a row per size. */
  List<Figures> run(List<Integer> sizes, GatewayProcess process) throws Exception {
    System.out.println(
        "listing (one client)   users  direct id scan ms  first page ms  filtered first page ms"
            + "  page all s  pages  peak RSS MB");
    int present = 0;
    int groups = 0;
    List<Figures> all = new java.util.ArrayList<>();
    for (int size : sizes) {
      add(present, size);
      present = size;
      Figures f =
          new Figures(
              size,
              directScan(size),
              firstPage("/Users?startIndex=1&count=100", size),
              firstPage(
                  "/Users?startIndex=1&count=100&filter="
                      + URLEncoder.encode("name.givenName eq \"Scale\"", StandardCharsets.UTF_8),
                  size),
              0,
              0);
      long start = System.nanoTime();
      int pages = pageAll(size);
      f =
          new Figures(
              size,
              f.directScanMs(),
              f.firstPageMs(),
              f.filteredFirstPageMs(),
              (System.nanoTime() - start) / 1e9,
              pages);
      all.add(f);
      if (size >= GROUP_READ + 2_000) {
        groups = size;
      }
      System.out.printf(
          Locale.ROOT,
          "                     %7d  %17.1f  %13.1f  %22.1f  %10.2f  %5d  %11s%n",
          f.users(),
          f.directScanMs(),
          f.firstPageMs(),
          f.filteredFirstPageMs(),
          f.pageAllSeconds(),
          f.pages(),
          process == null ? "-" : Long.toString(process.peakRssMb()));
    }
    if (groups > 0) {
      groupFigures(groups);
    }
    return all;
  }

  /**
   * Group figures on the users present: the time of a {@code GET} of a group of {@link #GROUP_READ}
   * members, and of a PATCH adding 100 members to a group of {@link #GROUP_LARGE} members (when
   * there are enough users) beside the same PATCH to an empty group.
   */
  private void groupFigures(int users) throws Exception {
    String read = group("scale-read", 0, GROUP_READ);
    double groupGet =
        medianMillis(
            FIRST_PAGES,
            k ->
                Check.that(
                    get("/Groups/" + read).path("members").size() == GROUP_READ,
                    "members of the read group"));
    System.out.printf(
        Locale.ROOT, "GET of a group of %d members: median %.1f ms%n", GROUP_READ, groupGet);
    int large = users >= GROUP_LARGE + 2_000 ? GROUP_LARGE : GROUP_READ;
    String big = group("scale-large", 0, large);
    String empty = group("scale-empty", 0, 0);
    double toEmpty = addHundreds(empty, large);
    double toBig = addHundreds(big, large);
    System.out.printf(
        Locale.ROOT,
        "PATCH adding 100 members: to an empty group %.1f ms, to a group of %d %.1f ms"
            + " (median of 10)%n",
        toEmpty,
        large,
        toBig);
    group("scale-direct-empty", 0, 0);
    group("scale-direct-large", 0, large);
    System.out.printf(
        Locale.ROOT,
        "the same directly (one modify): to an empty group %.1f ms, to a group of %d %.1f ms%n",
        addHundredsDirectly("scale-direct-empty", large + 1_000),
        large,
        addHundredsDirectly("scale-direct-large", large + 1_000));
  }

  /** As {@link #addHundreds}, with one LDAP modify each, to the group named {@code name}. */
  private double addHundredsDirectly(String name, int from) throws Exception {
    List<String[]> batches = new java.util.ArrayList<>();
    for (int k = 0; k < ADDS; k++) {
      List<String> members = new java.util.ArrayList<>();
      for (int i = from + k * 100; i < from + (k + 1) * 100; i++) {
        members.add("uid=scale.user." + i + "," + people);
      }
      batches.add(members.toArray(String[]::new));
    }
    return medianMillis(
        ADDS,
        k ->
            pool.modify(
                "cn=" + name + "," + groupsDn,
                new Modification(ModificationType.ADD, "member", batches.get(k))));
  }

  /** Adds users {@code from + 100k .. from + 100k + 99} for k in 0..9; the median time. */
  private double addHundreds(String groupId, int from) throws Exception {
    List<String> bodies = new java.util.ArrayList<>();
    for (int k = 0; k < ADDS; k++) {
      StringBuilder members = new StringBuilder();
      for (int i = from + k * 100; i < from + (k + 1) * 100; i++) {
        members.append(members.length() == 0 ? "" : ",");
        members.append("{\"value\":\"").append(idOf("scale.user." + i)).append("\"}");
      }
      bodies.add(
          "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
              + "[{\"op\":\"add\",\"path\":\"members\",\"value\":["
              + members
              + "]}]}");
    }
    return medianMillis(
        ADDS,
        k -> {
          scim.send(
              "PATCH",
              "/Groups/" + groupId + "?excludedAttributes=members",
              bodies.get(k),
              200,
              204);
        });
  }

  /** Adds a group of users {@code from .. from+count-1} directly; returns its id (entryUUID). */
  private String group(String name, int from, int count) throws Exception {
    String dn = "cn=" + name + "," + groupsDn;
    List<String> members = new java.util.ArrayList<>();
    for (int i = from; i < from + count; i++) {
      members.add("uid=scale.user." + i + "," + people);
    }
    if (members.isEmpty()) {
      members.add("cn=nobody");
    }
    pool.add(
        new AddRequest(
            dn,
            new Attribute("objectClass", "top", "groupOfNames"),
            new Attribute("cn", name),
            new Attribute("member", members)));
    return pool.getEntry(dn, "entryUUID").getAttributeValue("entryUUID");
  }

  private String idOf(String uid) throws Exception {
    return pool.getEntry("uid=" + uid + "," + people, "entryUUID").getAttributeValue("entryUUID");
  }

  /** Adds users {@code from .. to-1}, on {@link #clients} connections at once. */
  private void add(int from, int to) throws Exception {
    AtomicInteger next = new AtomicInteger(from);
    ExecutorService workers = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new java.util.ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(
            workers.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                    String uid = "scale.user." + i;
                    pool.add(
                        new AddRequest(
                            "uid=" + uid + "," + people,
                            new Attribute(
                                "objectClass",
                                "top",
                                "person",
                                "organizationalPerson",
                                "inetOrgPerson"),
                            new Attribute("uid", uid),
                            new Attribute("cn", "Scale User" + i),
                            new Attribute("sn", "User" + i),
                            new Attribute("givenName", "Scale"),
                            new Attribute("mail", uid + "@example.com")));
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      workers.shutdown();
    }
  }

  /** The median time of the query's first page; checks its totalResults. */
  private double firstPage(String path, int users) throws Exception {
    return medianMillis(
        FIRST_PAGES,
        k -> {
          JsonNode page = get(path);
          Check.that(page.path("totalResults").asInt() == users, path + ": totalResults");
          Check.that(page.path("Resources").size() == Math.min(100, users), path + ": page size");
        });
  }

  /**
   * The median time of what an exact count costs the directory at least: one search of every user's
   * entryUUID, done directly, in one piece (as the gateway searches a directory that allows it).
   */
  private double directScan(int users) throws Exception {
    return medianMillis(
        FIRST_PAGES,
        k -> {
          int seen = idScan();
          Check.that(seen == users, "direct scan saw " + seen + " of " + users);
        });
  }

  /** How many users one search of every user's entryUUID sees. */
  private int idScan() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    pool.search(
        new SearchRequest(
            new SearchResultListener() {
              private static final long serialVersionUID = 1L;

              @Override
              public void searchEntryReturned(SearchResultEntry entry) {
                seen.incrementAndGet();
              }

              @Override
              public void searchReferenceReturned(SearchResultReference reference) {}
            },
            people,
            SearchScope.SUB,
            Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
            "entryUUID"));
    return seen.get();
  }

  /** One timed operation, the {@code k}th of its series; it throws when its answer is wrong. */
  @FunctionalInterface
  private interface Timed {
    void run(int k) throws Exception;
  }

  /** Runs {@code op} {@code times} times; the median time in milliseconds. */
  private static double medianMillis(int times, Timed op) throws Exception {
    double[] ms = new double[times];
    for (int k = 0; k < times; k++) {
      long t = System.nanoTime();
      op.run(k);
      ms[k] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[times / 2];
  }

  /** Pages through every user; checks that each id comes once. Returns the number of pages. */
  private int pageAll(int users) throws Exception {
    Set<String> seen = new HashSet<>();
    int pages = 0;
    for (int start = 1; start <= users; start += PAGE) {
      JsonNode page = get("/Users?startIndex=" + start + "&count=" + PAGE);
      pages++;
      Check.that(page.path("totalResults").asInt() == users, "totalResults at " + start);
      for (JsonNode r : page.path("Resources")) {
        Check.that(seen.add(r.path("id").asText()), "id seen twice: " + r.path("id"));
      }
    }
    Check.that(seen.size() == users, "paged through " + seen.size() + " of " + users);
    return pages;
  }

  private JsonNode get(String path) throws Exception {
    return scim.tree("GET", path, null, 200);
  }
}
