package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.testsupport.ActiveDirectoryLikeServer;

/**
 * On a directory without the Assertion control, the {@link Directory} says so, and a modify that
 * names the values read reports a value gone or one there already as a change since the read, while
 * a plain modify keeps reporting them as refused values.
 */
class ValuesAsReadTest {
  private ActiveDirectoryLikeServer server;
  private Directory directory;
  private DN alice;

  @BeforeEach
  void start() throws Exception {
    server = ActiveDirectoryLikeServer.start();
    alice = new DN("cn=Alice," + ActiveDirectoryLikeServer.PEOPLE_DN);
    try (LDAPConnection ldap = server.admin()) {
      ldap.add(
          "dn: " + alice,
          "objectClass: inetOrgPerson",
          "cn: Alice",
          "sn: Smith",
          "displayName: Alice Smith");
    }
    LdapConfig config =
        GatewayConfig.defaults().ldap().withUrls(List.of(server.url())).withPoolSize(2);
    directory = DirectoryConnector.connect(config, server.adminDn(), server.adminPassword());
  }

  @AfterEach
  void stop() {
    directory.close();
    server.close();
  }

  @Test
  void theDirectoryHasNoAssertionsAndAnAssertionIsNotSent() {
    assertFalse(directory.assertions());
    directory.modify(
        alice,
        List.of(new Modification(ModificationType.REPLACE, "title", "sent without it")),
        true,
        Optional.of(Filter.createEqualityFilter("sn", "Smith")));
    assertEquals(
        "sent without it",
        directory.read(alice, List.of("title")).orElseThrow().getAttributeValue("title"));
  }

  @Test
  void aValueReadThatIsGoneIsAChangeSinceRead() {
    List<Modification> stale =
        List.of(
            new Modification(ModificationType.DELETE, "displayName", "Alice Jones"),
            new Modification(ModificationType.ADD, "displayName", "Alice Brown"));

    DirectoryException guarded =
        assertThrows(DirectoryException.class, () -> directory.modifyAsRead(alice, stale));
    assertEquals(ResultCode.NO_SUCH_ATTRIBUTE, guarded.resultCode());
    assertTrue(guarded.isChangedSinceRead());
    assertTrue(guarded.isConcurrentChange());

    DirectoryException plain =
        assertThrows(
            DirectoryException.class,
            () -> directory.modify(alice, stale, false, Optional.empty()));
    assertFalse(plain.isChangedSinceRead());
    assertEquals(DirectoryException.Kind.VALUE_REFUSED, plain.kind());
  }

  @Test
  void aSingleValuedAttributeThatHoldsAValueByNowIsAChangeSinceRead() {
    List<Modification> asIfAbsent =
        List.of(new Modification(ModificationType.ADD, "displayName", "Alice Brown"));

    DirectoryException guarded =
        assertThrows(DirectoryException.class, () -> directory.modifyAsRead(alice, asIfAbsent));
    assertEquals(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS, guarded.resultCode());
    assertTrue(guarded.isChangedSinceRead());
    assertEquals(
        "Alice Smith",
        directory
            .read(alice, List.of("displayName"))
            .orElseThrow()
            .getAttributeValue("displayName"));
  }

  @Test
  void theValuesReadStillThereLetTheModifyThrough() {
    directory.modifyAsRead(
        alice,
        List.of(
            new Modification(ModificationType.DELETE, "displayName", "Alice Smith"),
            new Modification(ModificationType.ADD, "displayName", "Alice Brown")));
    assertEquals(
        "Alice Brown",
        directory
            .read(alice, List.of("displayName"))
            .orElseThrow()
            .getAttributeValue("displayName"));
  }
}
