package org.scimldap.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.ReadOnlyEntry;
import com.unboundid.ldap.sdk.controls.ContentSyncDoneControl;
import com.unboundid.ldap.sdk.controls.ContentSyncState;
import com.unboundid.ldap.sdk.controls.ContentSyncStateControl;
import com.unboundid.ldap.sdk.controls.PostReadResponseControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.UUID;

/**
 * The response controls the gateway reads on every write (RFC 4527 Post-Read), every page (RFC
 * 2696) and every followed change (RFC 4533), each with a decoder of its own given to the SDK. The
 * SDK knows these controls only by class name, and without a decoder given it looks the class up
 * and makes one by reflection for every control it reads.
 */
final class ResponseControls {
  private ResponseControls() {}

  /** Gives the SDK the decoders; again, the same ones. */
  static void register() {
    Control.registerDecodeableControl(
        PostReadResponseControl.POST_READ_RESPONSE_OID,
        new PostReadResponseControl(new ReadOnlyEntry("", new Attribute[0])));
    Control.registerDecodeableControl(
        SimplePagedResultsControl.PAGED_RESULTS_OID, new SimplePagedResultsControl(0));
    Control.registerDecodeableControl(
        ContentSyncStateControl.SYNC_STATE_OID,
        new ContentSyncStateControl(ContentSyncState.PRESENT, new UUID(0, 0), null));
    Control.registerDecodeableControl(
        ContentSyncDoneControl.SYNC_DONE_OID,
        new ContentSyncDoneControl((ASN1OctetString) null, false));
  }
}
