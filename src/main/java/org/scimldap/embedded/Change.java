package org.scimldap.embedded;

import com.unboundid.ldap.sdk.DN;

/** A successful write to the embedded directory, as the change log records it. */
sealed interface Change {

  /** The entry at {@code dn} was added or modified: the log keeps what it now holds. */
  record Written(DN dn) implements Change {}

  /** The entry at {@code dn} (and anything below it) was deleted. */
  record Deleted(DN dn) implements Change {}

  /** The entry at {@code from} (and anything below it) was renamed or moved to {@code to}. */
  record Renamed(DN from, DN to) implements Change {}
}
