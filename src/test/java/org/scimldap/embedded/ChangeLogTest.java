package org.scimldap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.People;

/**
 * Every write the embedded directory answers is in its files at that moment: a copy of the data
 * folder taken right after the answer (what a process killed then leaves behind) starts a directory
 * that holds every entry exactly as the running one did, operational attributes (entryUUID,
 * entryCSN, timestamps) included. Snapshots are held off here, so that the change log alone carries
 * the writes.
 */
class ChangeLogTest {
  private static final String BASE = "dc=example,dc=com";
  private static final String USER = "uid=jdoe,ou=people," + BASE;
  private static final String GROUP = "cn=staff,ou=groups," + BASE;
  private static final long NO_SNAPSHOT = Long.MAX_VALUE / 2;

  @TempDir Path data;
  @TempDir Path crashed;

  @Test
  void everyAnsweredWriteIsInTheFilesAtOnce() throws Exception {
    Map<String, SearchResultEntry> before;
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, BASE, 0, NO_SNAPSHOT);
        LDAPConnection admin = admin(dir)) {
      People.add(admin, "uid=jdoe,ou=people," + BASE);
      People.add(admin, "uid=kim,ou=people," + BASE);
      People.add(admin, "uid=lee,ou=people," + BASE);
      admin.add(
          "dn: " + GROUP,
          "objectClass: groupOfNames",
          "cn: staff",
          "member: " + USER,
          "member: uid=kim,ou=people," + BASE,
          "member: uid=lee,ou=people," + BASE);
      admin.modify(USER, new Modification(ModificationType.REPLACE, "sn", "Doe-Smith"));
      admin.modifyDN(USER, "uid=jsmith", true);
      admin.delete("uid=kim,ou=people," + BASE);
      before = everything(admin);
      copyAsIs(data, crashed);
      assertFalse(
          Files.readString(crashed.resolve("directory.ldif")).contains("uid=lee"),
          "the snapshot holds none of the writes: the change log must");
    }
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(crashed, BASE, 0, NO_SNAPSHOT);
        LDAPConnection admin = admin(dir)) {
      Map<String, SearchResultEntry> after = everything(admin);
      assertEquals(before.keySet(), after.keySet());
      before.forEach((dn, entry) -> assertEquals(entry, after.get(dn), dn));
      assertEquals(
          "uid=jsmith,ou=people," + BASE + "|uid=lee,ou=people," + BASE,
          String.join("|", admin.getEntry(GROUP).getAttributeValues("member")),
          "the rename and the delete changed the group's members, and so does their replay");
    }
  }

  @Test
  void aRecordCutShortByACrashIsIgnored() throws Exception {
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, BASE, 0, NO_SNAPSHOT);
        LDAPConnection admin = admin(dir)) {
      People.add(admin, "uid=jdoe,ou=people," + BASE);
      copyAsIs(data, crashed);
    }
    Files.writeString(
        crashed.resolve(ChangeLog.FILE),
        "dn: uid=half,ou=people," + BASE + "\nchangetype: add\nobjectClass: inetOrg",
        StandardOpenOption.APPEND);
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(crashed, BASE, 0, NO_SNAPSHOT);
        LDAPConnection admin = admin(dir)) {
      assertNotNull(admin.getEntry(USER));
      assertNull(admin.getEntry("uid=half,ou=people," + BASE));
    }
  }

  @Test
  void aSnapshotTakesInTheLogAndTheLogStartsAgainEmpty() throws Exception {
    String uuid;
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, BASE, 0, NO_SNAPSHOT);
        LDAPConnection admin = admin(dir)) {
      People.add(admin, "uid=jdoe,ou=people," + BASE);
      uuid = admin.getEntry(USER, "entryUUID").getAttributeValue("entryUUID");
      long generation = DirectorySnapshot.generation(data.resolve(DirectorySnapshot.FILE));
      assertEquals(1, ChangeLog.read(data.resolve(ChangeLog.FILE)).orElseThrow().records().size());

      dir.save();

      assertEquals(
          generation + 1, DirectorySnapshot.generation(data.resolve(DirectorySnapshot.FILE)));
      ChangeLog.Contents log = ChangeLog.read(data.resolve(ChangeLog.FILE)).orElseThrow();
      assertEquals(generation + 1, log.generation());
      assertEquals(0, log.records().size());
      copyAsIs(data, crashed);
    }
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(crashed, BASE, 0, NO_SNAPSHOT);
        LDAPConnection admin = admin(dir)) {
      assertEquals(uuid, admin.getEntry(USER, "entryUUID").getAttributeValue("entryUUID"));
    }
  }

  /**
   * A crash after a new snapshot replaced the old one but before the log started again leaves a log
   * of the older generation, whose changes the snapshot holds already: it is not replayed.
   */
  @Test
  void aLogOfAnEarlierSnapshotIsNotReplayed() throws Exception {
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, BASE, 0, NO_SNAPSHOT);
        LDAPConnection admin = admin(dir)) {
      People.add(admin, "uid=jdoe,ou=people," + BASE);
      Path oldLog = Files.copy(data.resolve(ChangeLog.FILE), crashed.resolve("old-log"));
      admin.delete(USER);
      dir.save();
      copyAsIs(data, crashed);
      Files.move(
          oldLog,
          crashed.resolve(ChangeLog.FILE),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(crashed, BASE, 0, NO_SNAPSHOT);
        LDAPConnection admin = admin(dir)) {
      assertNull(admin.getEntry(USER), "the older log would have added jdoe again");
    }
  }

  @Test
  void theLogIsReadableByItsOwnerOnly() throws Exception {
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, BASE, 0, NO_SNAPSHOT);
        LDAPConnection admin = admin(dir)) {
      People.add(admin, "uid=jdoe,ou=people," + BASE);
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(data.resolve(ChangeLog.FILE))));
      assertTrue(Files.readString(data.resolve(ChangeLog.FILE)).contains("uid=jdoe"));
    }
  }

  /** Every entry below the base, with all its attributes, by DN. */
  private static Map<String, SearchResultEntry> everything(LDAPConnection admin)
      throws LDAPException {
    Map<String, SearchResultEntry> all = new TreeMap<>();
    for (SearchResultEntry e :
        admin.search(BASE, SearchScope.SUB, "(objectClass=*)", "*", "+").getSearchEntries()) {
      all.put(e.getParsedDN().toNormalizedString(), e);
    }
    return all;
  }

  /** Copies the files of {@code from} as they are now, as a killed process would leave them. */
  private static void copyAsIs(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private static LDAPConnection admin(EmbeddedDirectory dir) throws LDAPException {
    return new LDAPConnection(
        "127.0.0.1", dir.port(), dir.adminDn().toString(), dir.adminPassword());
  }
}
