package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimldap.testsupport.People;
import org.scimldap.testsupport.SampleDirectory;
import org.scimldap.testsupport.Slapd;
import org.scimldap.testsupport.SlapdExtension;
import org.scimldap.testsupport.TcpRelay;

/**
 * Following a directory's changes (RFC 4533) hands on every matching entry, then each change made
 * by anyone, and knows when it has caught up with the directory's last change.
 */
@ExtendWith(SlapdExtension.class)
class ContentFollowerTest {
  private static final Filter PEOPLE =
      Filter.createANDFilter(
          Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
          Filter.createNOTFilter(Filter.createEqualityFilter("description", "leaver")));

  /** The DNs of the entries handed on, by the directory's id of each; the stream's own record. */
  private static final class Followed implements ContentFollower.Listener {
    final Map<UUID, String> dns = new ConcurrentHashMap<>();
    volatile int restarts;
    volatile boolean refreshed;

    /**
     * Whether the follower's thread read each entry as part of a long answer ({@link
     * ReadAhead#gatherLongAnswer}), before and after the first read of every entry ended.
     */
    final Set<Boolean> longAnswerBefore = ConcurrentHashMap.newKeySet();

    final Set<Boolean> longAnswerAfter = ConcurrentHashMap.newKeySet();

    @Override
    public void restarted() {
      restarts++;
      dns.clear();
      refreshed = false;
    }

    @Override
    public void present(UUID uuid, SearchResultEntry entry) {
      dns.put(uuid, entry.getDN());
      (refreshed ? longAnswerAfter : longAnswerBefore).add(ReadAhead.gatheringLongAnswer());
    }

    @Override
    public void gone(UUID uuid) {
      dns.remove(uuid);
    }

    @Override
    public void refreshed() {
      refreshed = true;
    }

    List<String> sorted() {
      return dns.values().stream().sorted().toList();
    }
  }

  @Test
  void everyChangeByAnyoneComesThroughAndIsKnownToHaveCome(Slapd slapd) throws Exception {
    try (LDAPConnection admin = slapd.connect();
        Directory ldap =
            PostReadTest.connect(slapd.url(), slapd.adminDn(), slapd.adminPassword())) {
      People.add(admin, "uid=before," + slapd.peopleDn());
      Followed followed = new Followed();
      try (ContentFollower follower =
          ldap.follow(new DN(slapd.peopleDn()), PEOPLE, List.of("entryUUID"), followed)
              .orElseThrow()) {
        assertTrue(current(follower), "refreshed");
        assertEquals(List.of("uid=before," + slapd.peopleDn()), followed.sorted());

        // Each change is there as soon as awaitCurrent says so, with no pause in between.
        People.add(admin, "uid=added," + slapd.peopleDn());
        assertTrue(follower.awaitCurrent(5_000));
        assertEquals(
            List.of("uid=added," + slapd.peopleDn(), "uid=before," + slapd.peopleDn()),
            followed.sorted());
        // The first read of every entry is read as a long answer; the changes after it are not.
        assertEquals(Set.of(true), followed.longAnswerBefore);
        assertEquals(Set.of(false), followed.longAnswerAfter);

        admin.modifyDN("uid=added," + slapd.peopleDn(), "uid=renamed", true);
        assertTrue(follower.awaitCurrent(5_000));
        assertEquals(
            List.of("uid=before," + slapd.peopleDn(), "uid=renamed," + slapd.peopleDn()),
            followed.sorted());

        admin.modify(
            "dn: uid=renamed," + slapd.peopleDn(),
            "changetype: modify",
            "replace: description",
            "description: leaver");
        assertTrue(follower.awaitCurrent(5_000));
        assertEquals(List.of("uid=before," + slapd.peopleDn()), followed.sorted(), "unmatched");

        admin.modifyDN("uid=before," + slapd.peopleDn(), "uid=before", true, slapd.groupsDn());
        assertTrue(follower.awaitCurrent(5_000));
        assertEquals(List.of(), followed.sorted(), "moved out from under the base");

        People.add(admin, "uid=short.lived," + slapd.peopleDn());
        admin.delete("uid=short.lived," + slapd.peopleDn());
        // A change elsewhere in the directory does not keep the followed entries from being
        // known current.
        admin.add(
            "dn: cn=elsewhere," + slapd.groupsDn(),
            "objectClass: groupOfNames",
            "cn: elsewhere",
            "member: uid=before," + slapd.groupsDn());
        assertTrue(follower.awaitCurrent(5_000));
        assertEquals(List.of(), followed.sorted(), "deleted");
        assertEquals(1, followed.restarts);

        // Closed, it no longer says what it brought is current, even before its stream has ended.
        assertTrue(follower.following());
        follower.close();
        assertFalse(follower.following(), "following once closed");
        assertFalse(follower.awaitCurrent(5_000), "current once closed");
      }
    }
  }

  /** Where the directory's last change cannot be read, nothing is taken to be current. */
  @Test
  void withoutALastChangeNothingIsCurrent(Slapd slapd) throws Exception {
    Followed followed = new Followed();
    ContentFollower.Connections connections = synchronous(slapd, slapd.port());
    try (ContentFollower follower =
        new ContentFollower(
                connections,
                List::of,
                new DN(slapd.peopleDn()),
                PEOPLE,
                List.of("entryUUID"),
                followed,
                ContentFollower.SILENT_MILLIS)
            .start()) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!followed.refreshed && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(followed.refreshed, "refreshed");
      assertFalse(follower.awaitCurrent(100));
    }
  }

  /**
   * Whoever waits for the stream cuts short a read that lets changes gather: a change is known to
   * have come at once, not when the gathering ends.
   */
  @Test
  void awaitingTheStreamCutsAGatheringShort(Slapd slapd) throws Exception {
    Followed followed = new Followed();
    ContentFollower.Connections connections = synchronous(slapd, slapd.port());
    try (LDAPConnection admin = slapd.connect();
        Directory ldap =
            PostReadTest.connect(slapd.url(), slapd.adminDn(), slapd.adminPassword())) {
      People.add(admin, "uid=early," + slapd.peopleDn());
      try (ContentFollower follower =
          followPeople(slapd, connections, ldap, followed, ContentFollower.SILENT_MILLIS)) {
        assertTrue(current(follower), "refreshed");
        People.add(admin, "uid=late," + slapd.peopleDn());
        assertTrue(follower.awaitCurrent(5_000), "current within 5 s of a minute's gathering");
        assertEquals(
            List.of("uid=early," + slapd.peopleDn(), "uid=late," + slapd.peopleDn()),
            followed.sorted());
      }
    }
  }

  /**
   * A stream whose connection is lost is not current until it has started again with a full
   * refresh, which brings what changed meanwhile.
   */
  @Test
  void aLostConnectionStartsAgainWithEverything(Slapd slapd) throws Exception {
    try (TcpRelay relay = new TcpRelay(slapd.port())) {
      startsAgainWithEverything(
          slapd,
          relay,
          ContentFollower.SILENT_MILLIS,
          (follower, followed, change) -> {
            relay.dropAll();
            change.run();
          });
    }
  }

  /**
   * A stream that falls silent while the directory changes (a network that drops packets: nothing
   * arrives, nothing is closed) is started again once it has been behind, without a word, for the
   * silence allowed.
   */
  @Test
  void aSilentStreamBehindTheDirectoryStartsAgain(Slapd slapd) throws Exception {
    try (TcpRelay relay = new TcpRelay(slapd.port())) {
      startsAgainWithEverything(
          slapd,
          relay,
          300,
          (follower, followed, change) -> {
            relay.freeze(true);
            change.run();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (followed.restarts < 2 && System.nanoTime() < deadline) {
              assertFalse(follower.awaitCurrent(100), "not current while silent");
            }
            assertEquals(2, followed.restarts, "started again");
            relay.freeze(false);
          });
    }
  }

  /** What a test does to the stream once it is current; {@code change} adds a user directly. */
  private interface Breakage {
    void apply(ContentFollower follower, Followed followed, Change change) throws Exception;
  }

  private interface Change {
    void run() throws Exception;
  }

  private static void startsAgainWithEverything(
      Slapd slapd, TcpRelay relay, long silentMillis, Breakage breakage) throws Exception {
    Followed followed = new Followed();
    ContentFollower.Connections connections = synchronous(slapd, relay.port());
    try (LDAPConnection admin = slapd.connect();
        Directory ldap =
            PostReadTest.connect(slapd.url(), slapd.adminDn(), slapd.adminPassword())) {
      People.add(admin, "uid=first," + slapd.peopleDn());
      try (ContentFollower follower =
          followPeople(slapd, connections, ldap, followed, silentMillis)) {
        assertTrue(current(follower), "refreshed");
        assertEquals(List.of("uid=first," + slapd.peopleDn()), followed.sorted());

        breakage.apply(
            follower, followed, () -> People.add(admin, "uid=second," + slapd.peopleDn()));

        assertTrue(current(follower), "current again after a full refresh");
        assertTrue(followed.restarts >= 2, "restarts: " + followed.restarts);
        assertEquals(
            List.of("uid=first," + slapd.peopleDn(), "uid=second," + slapd.peopleDn()),
            followed.sorted());
      }
    }
  }

  /**
   * Follows slapd's people on {@code connections}, current as {@code ldap} reads the suffix's last
   * change.
   */
  private static ContentFollower followPeople(
      Slapd slapd,
      ContentFollower.Connections connections,
      Directory ldap,
      Followed followed,
      long silentMillis)
      throws LDAPException {
    DN suffix = new DN(slapd.baseDn());
    return new ContentFollower(
            connections,
            () ->
                List.of(
                    ldap.read(suffix, List.of("contextCSN"))
                        .orElseThrow()
                        .getAttributeValues("contextCSN")),
            new DN(slapd.peopleDn()),
            PEOPLE,
            List.of("entryUUID"),
            followed,
            silentMillis)
        .start();
  }

  /**
   * Connections to {@code port} bound as slapd's admin, in synchronous mode as the pool's are,
   * whose reads, when nothing has come, wait a minute for more ({@link GatheredReads}) unless the
   * follower hurries them: the tests' deadlines are missed wherever it does not.
   */
  private static ContentFollower.Connections synchronous(Slapd slapd, int port) {
    GatheredReads gathered = new GatheredReads(60_000);
    return new ContentFollower.Connections() {
      @Override
      public LDAPConnection open() throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setUseSynchronousMode(true);
        return new LDAPConnection(
            gathered.sockets(), options, "127.0.0.1", port, slapd.adminDn(), slapd.adminPassword());
      }

      @Override
      public void done(LDAPConnection connection) {
        connection.close();
      }

      @Override
      public GatheredReads.Hurry hurry() {
        return gathered.hurry();
      }
    };
  }

  /** Asks until the follower is current (its first refresh may still be under way), up to 15 s. */
  private static boolean current(ContentFollower follower) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (follower.awaitCurrent(200)) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Test
  void aDirectoryWithoutContentSyncIsNotFollowed() throws Exception {
    InMemoryDirectoryServer server = SampleDirectory.start();
    try (Directory ldap =
        PostReadTest.connect(
            "ldap://127.0.0.1:" + server.getListenPort(),
            SampleDirectory.ADMIN,
            SampleDirectory.PASSWORD)) {
      assertFalse(
          ldap.follow(
                  new DN("ou=people,dc=example,dc=com"),
                  PEOPLE,
                  List.of("entryUUID"),
                  new Followed())
              .isPresent());
    } finally {
      server.shutDown(true);
    }
  }
}
