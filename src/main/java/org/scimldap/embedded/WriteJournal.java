package org.scimldap.embedded;

import com.unboundid.ldap.sdk.LDAPException;
import java.util.Optional;

/**
 * What the {@link WriteGuard} tells about each write it lets through: it is about to be applied,
 * and then how it ended. A write is answered only after {@link #afterWrite} returns, so an
 * implementation that stores the change there makes every acknowledged write durable.
 */
interface WriteJournal {

  /**
   * A write is about to be applied (in the thread that will call {@link #afterWrite}); an exception
   * refuses it, and then {@link #afterWrite} is not called.
   */
  void beforeWrite() throws LDAPException;

  /**
   * The write that {@link #beforeWrite} announced has ended: {@code change} when it succeeded,
   * empty when it failed. Throws {@link java.io.UncheckedIOException} when the change cannot be
   * kept, and the client is then told that the write failed.
   */
  void afterWrite(Optional<Change> change);
}
