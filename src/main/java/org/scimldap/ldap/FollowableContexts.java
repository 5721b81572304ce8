package org.scimldap.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestControl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The naming contexts whose entries may be followed ({@link ContentFollower}), as a root DSE tells:
 * none unless it offers content synchronization (RFC 4533); the deepest first, since a base under
 * nested contexts is in the deepest that holds it. Names that do not parse are left out.
 */
final class FollowableContexts {
  /** The root DSE attributes this reads. */
  static final List<String> ROOT_DSE_ATTRIBUTES = List.of("supportedControl", "namingContexts");

  private FollowableContexts() {}

  static List<DN> of(Entry rootDse) {
    String[] controls = rootDse.getAttributeValues("supportedControl");
    boolean offered = false;
    for (String oid : controls == null ? new String[0] : controls) {
      offered |= oid.equals(ContentSyncRequestControl.SYNC_REQUEST_OID);
    }
    String[] named = rootDse.getAttributeValues("namingContexts");
    if (!offered || named == null) {
      return List.of();
    }
    List<DN> contexts = new ArrayList<>();
    for (String context : named) {
      try {
        contexts.add(new DN(context));
      } catch (LDAPException e) {
        // not a name the gateway's bases can be under
      }
    }
    contexts.sort(Comparator.comparingInt((DN dn) -> dn.getRDNs().length).reversed());
    return List.copyOf(contexts);
  }
}
