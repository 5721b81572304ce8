package org.scimldap.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SlapdExtension.class)
class SlapdHarnessTest {

  private static final String PAGED_RESULTS = "1.2.840.113556.1.4.319";
  private static final String SERVER_SIDE_SORT = "1.2.840.113556.1.4.473";
  private static final String ADMIN_LOCK = "000001010000Z";

  @Test
  void privateServerStartsAndCloseStopsItAndDeletesItsDirectory() throws Exception {
    Path dir;
    int port;
    try (Slapd slapd = Slapd.start()) {
      dir = slapd.directory();
      port = slapd.port();
      assertTrue(slapd.isRunning());
      assertEquals("ldap://127.0.0.1:" + port, slapd.url());
      assertTrue(Files.isDirectory(dir.resolve("slapd.d")));
      assertTrue(Files.isDirectory(dir.resolve("db")));
      try (LDAPConnection connection = slapd.connect()) {
        assertNotNull(connection.getEntry(slapd.baseDn()));
      }
      slapd.close();
      assertFalse(slapd.isRunning());
    }
    assertFalse(Files.exists(dir));
    LDAPException refused =
        assertThrows(LDAPException.class, () -> new LDAPConnection("127.0.0.1", port).close());
    assertEquals(ResultCode.CONNECT_ERROR, refused.getResultCode());
  }

  @Test
  void adminBindsWithItsPasswordOnly(Slapd slapd) throws Exception {
    try (LDAPConnection connection = slapd.connect()) {
      assertEquals(
          ResultCode.SUCCESS,
          connection.bind(slapd.adminDn(), slapd.adminPassword()).getResultCode());
      LDAPException wrong =
          assertThrows(
              LDAPException.class,
              () -> connection.bind(slapd.adminDn(), slapd.adminPassword() + "x"));
      assertEquals(ResultCode.INVALID_CREDENTIALS, wrong.getResultCode());
    }
  }

  /** Members are kept sorted, as OpenLDAP advises for large groups (the bench adds to them). */
  @Test
  void groupMembersAreKeptSorted(Slapd slapd) throws Exception {
    try (LDAPConnection connection = slapd.connect()) {
      assertEquals(
          List.of("member"),
          List.of(
              connection
                  .getEntry("olcDatabase={-1}frontend,cn=config", "olcSortVals")
                  .getAttributeValues("olcSortVals")));
    }
  }

  @Test
  void anonymousSearchesTheTreeButSeesNoPasswords(Slapd slapd) throws Exception {
    addUser(slapd, "alice");
    try (LDAPConnection anonymous = slapd.connectAnonymously()) {
      List<SearchResultEntry> entries =
          anonymous
              .search(slapd.baseDn(), SearchScope.SUB, "(objectClass=*)", "*")
              .getSearchEntries();
      Set<DN> dns = entries.stream().map(this::dn).collect(Collectors.toSet());
      assertTrue(dns.contains(new DN(slapd.baseDn())));
      assertTrue(dns.contains(new DN(slapd.peopleDn())));
      assertTrue(dns.contains(new DN(slapd.groupsDn())));
      assertTrue(dns.contains(userDn(slapd, "alice")));
      SearchResultEntry alice = anonymous.getEntry(userDn(slapd, "alice").toString(), "*");
      assertEquals("alice", alice.getAttributeValue("uid"));
      assertNull(alice.getAttribute("userPassword"));
    }
  }

  @Test
  void anonymousAddIsRefused(Slapd slapd) throws Exception {
    try (LDAPConnection anonymous = slapd.connectAnonymously()) {
      LDAPException refused =
          assertThrows(LDAPException.class, () -> anonymous.add(user(slapd, "mallory")));
      // slapd refuses anonymous updates before ACLs are consulted (no "olcAllows: update_anon").
      assertEquals(ResultCode.STRONG_AUTH_REQUIRED, refused.getResultCode());
    }
    assertNull(adminRead(slapd, userDn(slapd, "mallory")));
  }

  @Test
  void boundUserWithoutWriteGrantCannotAdd(Slapd slapd) throws Exception {
    addUser(slapd, "bob");
    try (LDAPConnection bob =
        new LDAPConnection(
            "127.0.0.1", slapd.port(), userDn(slapd, "bob").toString(), "secret-bob")) {
      LDAPException refused =
          assertThrows(LDAPException.class, () -> bob.add(user(slapd, "mallory")));
      assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refused.getResultCode());
    }
    assertNull(adminRead(slapd, userDn(slapd, "mallory")));
  }

  @Test
  void newUserGetsIdentityAndTimestampAttributes(Slapd slapd) throws Exception {
    addUser(slapd, "alice");
    Entry alice = adminRead(slapd, userDn(slapd, "alice"));
    for (String attribute :
        List.of("entryUUID", "entryCSN", "createTimestamp", "modifyTimestamp")) {
      assertNotNull(alice.getAttributeValue(attribute), attribute);
    }
  }

  @Test
  void groupMemberSeesGroupInMemberOf(Slapd slapd) throws Exception {
    DN alice = addUser(slapd, "alice");
    DN admins = addGroup(slapd, "admins", alice);
    Entry read = adminRead(slapd, alice);
    assertEquals(List.of(admins), memberOf(read));
  }

  @Test
  void renamingUserRewritesGroupMember(Slapd slapd) throws Exception {
    DN alice = addUser(slapd, "alice");
    DN admins = addGroup(slapd, "admins", alice);
    DN renamed = userDn(slapd, "alice2");
    try (LDAPConnection connection = slapd.connect()) {
      connection.modifyDN(alice.toString(), renamed.getRDNString(), true);
    }
    // refint runs in a background thread after the response; give it a moment.
    long deadline = System.currentTimeMillis() + 5_000;
    List<DN> members = members(adminRead(slapd, admins));
    while (!members.equals(List.of(renamed)) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
      members = members(adminRead(slapd, admins));
    }
    assertEquals(List.of(renamed), members);
    assertEquals(List.of(admins), memberOf(adminRead(slapd, renamed)));
  }

  @Test
  void adminLockTimeDisablesBindUntilRemoved(Slapd slapd) throws Exception {
    DN alice = addUser(slapd, "alice");
    assertEquals(ResultCode.SUCCESS, userBind(slapd, alice, "secret-alice"));

    modify(
        slapd,
        alice,
        new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", ADMIN_LOCK));
    assertEquals(ADMIN_LOCK, adminRead(slapd, alice).getAttributeValue("pwdAccountLockedTime"));
    assertEquals(ResultCode.INVALID_CREDENTIALS, userBind(slapd, alice, "secret-alice"));

    modify(slapd, alice, new Modification(ModificationType.DELETE, "pwdAccountLockedTime"));
    assertEquals(ResultCode.SUCCESS, userBind(slapd, alice, "secret-alice"));
  }

  @Test
  void rootDseAdvertisesPagedResultsAndSort(Slapd slapd) throws Exception {
    try (LDAPConnection anonymous = slapd.connectAnonymously()) {
      RootDSE rootDse = anonymous.getRootDSE();
      assertTrue(rootDse.supportsControl(PAGED_RESULTS));
      if (SlapdLdif.sssvlvInstalled()) {
        assertTrue(rootDse.supportsControl(SERVER_SIDE_SORT));
      }
    }
  }

  @Test
  void resetLeavesOnlyTheBaseEntries(Slapd slapd) throws Exception {
    DN alice = addUser(slapd, "alice");
    addGroup(slapd, "admins", alice);
    DN extra = new DN(new RDN("ou", "extra"), new DN(slapd.baseDn()));
    try (LDAPConnection connection = slapd.connect()) {
      connection.add(
          new Entry(
              extra,
              new Attribute("objectClass", "organizationalUnit"),
              new Attribute("ou", "extra")));
      connection.add(
          new Entry(
              new DN(new RDN("cn", "nested"), extra),
              new Attribute("objectClass", "groupOfNames"),
              new Attribute("cn", "nested"),
              new Attribute("member", alice.toString())));
    }

    slapd.reset();

    try (LDAPConnection connection = slapd.connect()) {
      Set<DN> left =
          connection
              .search(slapd.baseDn(), SearchScope.SUB, "(objectClass=*)", "1.1")
              .getSearchEntries()
              .stream()
              .map(this::dn)
              .collect(Collectors.toSet());
      assertEquals(
          Set.of(
              new DN(slapd.baseDn()),
              new DN(slapd.peopleDn()),
              new DN(slapd.groupsDn()),
              new DN(slapd.passwordPolicyDn())),
          left);
    }
  }

  private static Entry user(Slapd slapd, String uid) throws LDAPException {
    return new Entry(
        userDn(slapd, uid),
        new Attribute("objectClass", "inetOrgPerson"),
        new Attribute("uid", uid),
        new Attribute("cn", uid),
        new Attribute("sn", uid),
        new Attribute("userPassword", "secret-" + uid));
  }

  private static DN addUser(Slapd slapd, String uid) throws LDAPException {
    Entry user = user(slapd, uid);
    try (LDAPConnection connection = slapd.connect()) {
      connection.add(user);
    }
    return user.getParsedDN();
  }

  private static DN addGroup(Slapd slapd, String cn, DN member) throws LDAPException {
    DN dn = new DN(new RDN("cn", cn), new DN(slapd.groupsDn()));
    try (LDAPConnection connection = slapd.connect()) {
      connection.add(
          new Entry(
              dn,
              new Attribute("objectClass", "groupOfNames"),
              new Attribute("cn", cn),
              new Attribute("member", member.toString())));
    }
    return dn;
  }

  private static DN userDn(Slapd slapd, String uid) throws LDAPException {
    return new DN(new RDN("uid", uid), new DN(slapd.peopleDn()));
  }

  private static Entry adminRead(Slapd slapd, DN dn) throws LDAPException {
    try (LDAPConnection connection = slapd.connect()) {
      return connection.getEntry(dn.toString(), "*", "+");
    }
  }

  private static void modify(Slapd slapd, DN dn, Modification modification) throws LDAPException {
    try (LDAPConnection connection = slapd.connect()) {
      connection.modify(dn.toString(), modification);
    }
  }

  private static ResultCode userBind(Slapd slapd, DN dn, String password) throws LDAPException {
    try (LDAPConnection connection = slapd.connectAnonymously()) {
      return connection.bind(dn.toString(), password).getResultCode();
    } catch (LDAPException e) {
      return e.getResultCode();
    }
  }

  private static List<DN> memberOf(Entry entry) throws LDAPException {
    return dns(entry, "memberOf");
  }

  private static List<DN> members(Entry entry) throws LDAPException {
    return dns(entry, "member");
  }

  private static List<DN> dns(Entry entry, String attribute) throws LDAPException {
    String[] values = entry.getAttributeValues(attribute);
    if (values == null) {
      return List.of();
    }
    DN[] dns = new DN[values.length];
    for (int i = 0; i < values.length; i++) {
      dns[i] = new DN(values[i]);
    }
    return List.of(dns);
  }

  private DN dn(SearchResultEntry entry) {
    try {
      return entry.getParsedDN();
    } catch (LDAPException e) {
      throw new IllegalStateException("server returned an unparsable DN: " + entry.getDN(), e);
    }
  }
}
