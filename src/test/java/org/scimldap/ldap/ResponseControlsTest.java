package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.ReadOnlyEntry;
import com.unboundid.ldap.sdk.controls.ContentSyncDoneControl;
import com.unboundid.ldap.sdk.controls.ContentSyncState;
import com.unboundid.ldap.sdk.controls.ContentSyncStateControl;
import com.unboundid.ldap.sdk.controls.PostReadResponseControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each control, as the directory sends it, decodes through the decoder given for its OID into what
 * was sent. The SDK's own registrations of these OIDs (by class name, decoded by reflection) are
 * removed first, so a control left without a decoder decodes as a plain {@link Control}.
 */
class ResponseControlsTest {
  @BeforeAll
  static void register() {
    for (String oid :
        List.of(
            PostReadResponseControl.POST_READ_RESPONSE_OID,
            SimplePagedResultsControl.PAGED_RESULTS_OID,
            ContentSyncStateControl.SYNC_STATE_OID,
            ContentSyncDoneControl.SYNC_DONE_OID)) {
      Control.deregisterDecodeableControl(oid);
    }
    ResponseControls.register();
  }

  @Test
  void postReadEntriesDecode() throws Exception {
    ReadOnlyEntry entry =
        new ReadOnlyEntry("uid=a,ou=people,dc=example,dc=com", new Attribute("cn", "A"));
    Control decoded = again(new PostReadResponseControl(entry));
    PostReadResponseControl postRead = assertInstanceOf(PostReadResponseControl.class, decoded);
    assertEquals(entry, postRead.getEntry());
  }

  @Test
  void pagesDecode() throws Exception {
    Control decoded = again(new SimplePagedResultsControl(7, new ASN1OctetString("next"), false));
    SimplePagedResultsControl paged = assertInstanceOf(SimplePagedResultsControl.class, decoded);
    assertEquals(7, paged.getSize());
    assertEquals("next", paged.getCookie().stringValue());
  }

  @Test
  void followedChangesDecode() throws Exception {
    UUID uuid = UUID.randomUUID();
    Control decoded =
        again(
            new ContentSyncStateControl(
                ContentSyncState.MODIFY, uuid, new ASN1OctetString("cookie")));
    ContentSyncStateControl state = assertInstanceOf(ContentSyncStateControl.class, decoded);
    assertEquals(ContentSyncState.MODIFY, state.getState());
    assertEquals(uuid, state.getEntryUUID());
    assertEquals("cookie", state.getCookie().stringValue());

    Control done = again(new ContentSyncDoneControl(new ASN1OctetString("last"), true));
    ContentSyncDoneControl syncDone = assertInstanceOf(ContentSyncDoneControl.class, done);
    assertEquals("last", syncDone.getCookie().stringValue());
    assertTrue(syncDone.refreshDeletes());
    assertFalse(syncDone.isCritical());
  }

  /** {@code control} as the SDK decodes it from what is sent. */
  private static Control again(Control control) throws Exception {
    return Control.decode(control.getOID(), control.isCritical(), control.getValue());
  }
}
