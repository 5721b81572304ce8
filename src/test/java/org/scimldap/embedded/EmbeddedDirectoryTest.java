package org.scimldap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.PLAINBindRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.mapping.spec.PasswordHasher;

class EmbeddedDirectoryTest {
  @TempDir Path data;

  private static final String USER = "uid=jdoe,ou=people,dc=example,dc=com";

  @Test
  void entriesAndTheirUuidsSurviveARestart() throws Exception {
    String uuid;
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir)) {
      addUser(admin);
      uuid = admin.getEntry(USER, "entryUUID").getAttributeValue("entryUUID");
      assertNotNull(uuid);
    }
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection anon = new LDAPConnection("127.0.0.1", dir.port())) {
      SearchResultEntry entry = anon.getEntry(USER, "entryUUID", "sn");
      assertNotNull(entry, "user survived the restart");
      assertEquals(uuid, entry.getAttributeValue("entryUUID"));
      assertEquals("Doe", entry.getAttributeValue("sn"));
    }
  }

  @Test
  void writesAreSavedWithoutAShutdown() throws Exception {
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir)) {
      addUser(admin);
      Path ldif = data.resolve("directory.ldif");
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!Files.readString(ldif).contains("uid=jdoe") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(Files.readString(ldif).contains("uid=jdoe"), "saved while still running");
    }
  }

  @Test
  void anonymousMayReadButNotWriteNorSeePasswords() throws Exception {
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir);
        LDAPConnection anon = new LDAPConnection("127.0.0.1", dir.port())) {
      addUser(admin);
      replace(admin, "userPassword", "secret");
      SearchResultEntry seen = anon.getEntry(USER, "*");
      assertNotNull(seen);
      assertFalse(seen.hasAttribute("userPassword"), "password hidden from anonymous readers");
      assertTrue(admin.getEntry(USER, "userPassword").hasAttribute("userPassword"));
      LDAPException refused = assertThrows(LDAPException.class, () -> anon.delete(USER));
      assertTrue(
          refused.getResultCode() == ResultCode.INSUFFICIENT_ACCESS_RIGHTS
              || refused.getResultCode() == ResultCode.UNWILLING_TO_PERFORM,
          refused.getResultCode().toString());
      LDAPException badBind =
          assertThrows(LDAPException.class, () -> anon.bind(dir.adminDn().toString(), "wrong"));
      assertEquals(ResultCode.INVALID_CREDENTIALS, badBind.getResultCode());
      assertThrows(LDAPException.class, () -> anon.delete(USER));
    }
  }

  @Test
  void accountsCanBeLockedThePasswordPolicyWay() throws Exception {
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir)) {
      addUser(admin);
      replace(admin, "pwdAccountLockedTime", "000001010000Z");
      assertEquals(
          "000001010000Z",
          admin.getEntry(USER, "pwdAccountLockedTime").getAttributeValue("pwdAccountLockedTime"));
    }
  }

  @Test
  void usersBindWithTheirHashedPasswordUntilTheirAccountIsLocked() throws Exception {
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir);
        LDAPConnection user = new LDAPConnection("127.0.0.1", dir.port())) {
      addUser(admin);
      replace(admin, "userPassword", PasswordHasher.hash(PasswordHasher.Scheme.SSHA, "Pa55-word"));
      assertTrue(
          admin
              .getEntry(USER, "userPassword")
              .getAttributeValue("userPassword")
              .startsWith("{SSHA}"));
      assertEquals(ResultCode.SUCCESS, user.bind(USER, "Pa55-word").getResultCode());
      assertThrows(LDAPException.class, () -> user.bind(USER, "wrong"));
      assertThrows(LDAPException.class, () -> user.delete(USER), "users may not write");
      replace(admin, "pwdAccountLockedTime", "000001010000Z");
      LDAPException locked = assertThrows(LDAPException.class, () -> user.bind(USER, "Pa55-word"));
      assertEquals(ResultCode.INVALID_CREDENTIALS, locked.getResultCode());
    }
  }

  @Test
  void usersCannotChangeOthersPasswordsNorUseSaslNorProbePasswordsWithFilters() throws Exception {
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir);
        LDAPConnection user = new LDAPConnection("127.0.0.1", dir.port())) {
      addUser(admin);
      admin.add(
          "dn: uid=other,ou=people,dc=example,dc=com",
          "objectClass: inetOrgPerson",
          "uid: other",
          "cn: O",
          "sn: O",
          "userPassword: " + PasswordHasher.hash(PasswordHasher.Scheme.SSHA, "Other-1"));
      replace(admin, "userPassword", PasswordHasher.hash(PasswordHasher.Scheme.SSHA, "Pa55-word"));
      user.bind(USER, "Pa55-word");
      ResultCode modify =
          user.processExtendedOperation(
                  new PasswordModifyExtendedRequest(
                      "uid=other,ou=people,dc=example,dc=com", (String) null, "taken-over"))
              .getResultCode();
      assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, modify);
      assertThrows(
          LDAPException.class, () -> user.bind(new PLAINBindRequest("dn:" + USER, "Pa55-word")));
      try (LDAPConnection anon = new LDAPConnection("127.0.0.1", dir.port())) {
        LDAPException probe =
            assertThrows(
                LDAPException.class,
                () ->
                    anon.search(
                        "dc=example,dc=com",
                        SearchScope.SUB,
                        "(&(uid=other)(userPassword={SSHA}*))"));
        assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, probe.getResultCode());
      }
    }
  }

  @Test
  void dataFilesAreReadableOnlyByTheirOwner() throws Exception {
    Path folder = data.resolve("new").resolve("data");
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(folder, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir)) {
      addUser(admin);
      assertEquals("rwx------", permissions(folder), "a data folder it creates");
      for (String file : new String[] {"directory.ldif", "directory-changes.ldif"}) {
        assertEquals("rw-------", permissions(folder.resolve(file)), file);
      }
      assertEquals("rw-------", permissions(dir.adminPasswordFile()));
      dir.save();
      assertEquals("rw-------", permissions(folder.resolve("directory.ldif")), "a new snapshot");
      assertEquals("rw-------", permissions(folder.resolve("directory-changes.ldif")), "a new log");
    }
  }

  private static String permissions(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void filesOthersCouldReadAreRestrictedAtStart() throws Exception {
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir)) {
      addUser(admin);
    }
    String[] files = {"directory.ldif", "directory-changes.ldif", "ldap-admin-password"};
    for (String name : files) {
      Files.setPosixFilePermissions(
          data.resolve(name), PosixFilePermissions.fromString("rw-r--r--"));
    }
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir)) {
      assertNotNull(admin.getEntry(USER));
      for (String name : files) {
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(name))),
            name);
      }
    }
  }

  @Test
  void membershipFollowsDeletesAndRenames() throws Exception {
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir)) {
      addUser(admin);
      admin.add(
          "dn: cn=g,ou=groups,dc=example,dc=com",
          "objectClass: groupOfNames",
          "cn: g",
          "member: " + USER,
          "member: cn=nobody");
      admin.modifyDN(USER, "uid=jdoe2", true);
      assertEquals(
          Set.of("uid=jdoe2,ou=people,dc=example,dc=com", "cn=nobody"),
          Set.of(admin.getEntry("cn=g,ou=groups,dc=example,dc=com").getAttributeValues("member")));
      admin.delete("uid=jdoe2,ou=people,dc=example,dc=com");
      assertEquals(
          Set.of("cn=nobody"),
          Set.of(admin.getEntry("cn=g,ou=groups,dc=example,dc=com").getAttributeValues("member")));
    }
  }

  @Test
  void everyWriteGetsANewChangeSequenceNumber() throws Exception {
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir)) {
      addUser(admin);
      Set<String> seen = new HashSet<>();
      seen.add(admin.getEntry(USER, "entryCSN").getAttributeValue("entryCSN"));
      for (int i = 0; i < 20; i++) {
        replace(admin, "title", "t" + i);
        seen.add(admin.getEntry(USER, "entryCSN").getAttributeValue("entryCSN"));
      }
      assertEquals(21, seen.size(), "a distinct marker per write, even within one millisecond");
      assertFalse(seen.contains(null));
    }
  }

  /**
   * The gateway searches the embedded directory without paging, which is only whole while the
   * directory sets no size limit: a search returns more entries than a page of a paged search (500)
   * or a common server default (500, 1000).
   */
  @Test
  void aSearchWithoutPagingReturnsEveryEntry() throws Exception {
    int entries = 1203;
    try (EmbeddedDirectory dir = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
        LDAPConnection admin = adminConnection(dir)) {
      for (int i = 0; i < entries; i++) {
        admin.add(
            "dn: uid=bulk" + i + ",ou=people,dc=example,dc=com",
            "objectClass: inetOrgPerson",
            "uid: bulk" + i,
            "cn: Bulk " + i,
            "sn: Bulk");
      }

      SearchResult all =
          admin.search("ou=people,dc=example,dc=com", SearchScope.ONE, "(objectClass=*)", "1.1");

      assertEquals(ResultCode.SUCCESS, all.getResultCode());
      assertEquals(entries, all.getEntryCount());
    }
  }

  private static void replace(LDAPConnection admin, String attribute, String value)
      throws LDAPException {
    admin.modify(USER, new Modification(ModificationType.REPLACE, attribute, value));
  }

  private static LDAPConnection adminConnection(EmbeddedDirectory dir) throws LDAPException {
    return new LDAPConnection(
        "127.0.0.1", dir.port(), dir.adminDn().toString(), dir.adminPassword());
  }

  private static void addUser(LDAPConnection admin) throws Exception {
    admin.add("dn: " + USER, "objectClass: inetOrgPerson", "uid: jdoe", "cn: John Doe", "sn: Doe");
  }
}
