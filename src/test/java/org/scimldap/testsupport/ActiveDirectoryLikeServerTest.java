package org.scimldap.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.ldap.sdk.controls.PermissiveModifyRequestControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AD-like test directory behaves as it says, so the tests that use it test what they say. */
class ActiveDirectoryLikeServerTest {
  private static final String ALICE = "cn=Alice," + ActiveDirectoryLikeServer.PEOPLE_DN;

  private ActiveDirectoryLikeServer server;
  private LDAPConnection ldap;

  @BeforeEach
  void start() throws Exception {
    server = ActiveDirectoryLikeServer.start();
    ldap = server.admin();
    ldap.add(
        "dn: " + ALICE,
        "objectClass: inetOrgPerson",
        "cn: Alice",
        "sn: Smith",
        "displayName: Alice Smith");
  }

  @AfterEach
  void stop() {
    ldap.close();
    server.close();
  }

  @Test
  void theRootDseListsNoAssertionControlAndRequestsWithOneAreRefused() throws LDAPException {
    RootDSE dse = ldap.getRootDSE();
    assertFalse(dse.supportsControl(AssertionRequestControl.ASSERTION_REQUEST_OID));
    assertTrue(
        dse.supportsControl(PermissiveModifyRequestControl.PERMISSIVE_MODIFY_REQUEST_OID),
        "other controls stay");

    ModifyRequest asserted =
        new ModifyRequest(ALICE, new Modification(ModificationType.REPLACE, "title", "x"));
    asserted.addControl(
        new AssertionRequestControl(Filter.createEqualityFilter("sn", "Smith"), true));
    LDAPException refused = assertThrows(LDAPException.class, () -> ldap.modify(asserted));
    assertEquals(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION, refused.getResultCode());
    assertNull(ldap.getEntry(ALICE, "title").getAttributeValue("title"), "nothing was written");
  }

  @Test
  void everyChangeTakesANewUsnWithinTheSameSecondAndThereIsNoEntryCsn() throws LDAPException {
    String added = usn();
    ldap.modify(ALICE, new Modification(ModificationType.REPLACE, "title", "one"));
    String modified = usn();
    ldap.modify(ALICE, new Modification(ModificationType.REPLACE, "title", "two"));
    String again = usn();
    ldap.modifyDN(ALICE, "cn=Alicia", true);
    String renamed =
        ldap.getEntry("cn=Alicia," + ActiveDirectoryLikeServer.PEOPLE_DN, "uSNChanged")
            .getAttributeValue("uSNChanged");

    assertTrue(
        Long.parseLong(added) < Long.parseLong(modified)
            && Long.parseLong(modified) < Long.parseLong(again)
            && Long.parseLong(again) < Long.parseLong(renamed),
        added + " " + modified + " " + again + " " + renamed);
    SearchResultEntry e =
        ldap.getEntry(
            "cn=Alicia," + ActiveDirectoryLikeServer.PEOPLE_DN, "entryCSN", "modifyTimestamp");
    assertNull(e.getAttributeValue("entryCSN"));
    assertTrue(e.getAttributeValue("modifyTimestamp").endsWith(".0Z"), e.toLDIFString());
    assertEquals(1, server.modifyDnRequests());
  }

  @Test
  void aSecondValueOfASingleValuedAttributeIsAttributeOrValueExists() {
    LDAPException e =
        assertThrows(
            LDAPException.class,
            () ->
                ldap.modify(ALICE, new Modification(ModificationType.ADD, "displayName", "Other")));
    assertEquals(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS, e.getResultCode());
    assertTrue(e.getDiagnosticMessage().startsWith("0000200D: SINGLE-VALUE attribute displayName"));
    LDAPException gone =
        assertThrows(
            LDAPException.class,
            () -> ldap.modify(ALICE, new Modification(ModificationType.DELETE, "title", "absent")));
    assertEquals(ResultCode.NO_SUCH_ATTRIBUTE, gone.getResultCode());
    assertNotEquals(null, gone.getDiagnosticMessage());
  }

  private String usn() throws LDAPException {
    return ldap.getEntry(ALICE, "uSNChanged").getAttributeValue("uSNChanged");
  }
}
