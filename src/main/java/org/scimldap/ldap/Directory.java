package org.scimldap.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The directory as the gateway sees it. Every method reports a failed operation as a {@link
 * DirectoryException} carrying the result code and the server's message, so callers never see an
 * {@code LDAPException}. Entries come whole: where a directory hands out the values of an attribute
 * in slices (Active Directory's range retrieval, e.g. {@code member;range=0-1499} for a group of
 * more than 1,500 members), the rest is read and the entry carries the plain attribute with every
 * value.
 */
public interface Directory extends AutoCloseable {

  /** Reads one entry by DN with the named attributes; empty when it does not exist. */
  Optional<Entry> read(DN dn, List<String> attributes);

  /**
   * Searches under {@code base}, handing each entry to {@code sink}; uses the Simple Paged Results
   * control (RFC 2696) where the directory has it, so no size limit truncates the result.
   */
  void search(
      DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink);

  /** Adds an entry. */
  void add(Entry entry);

  /**
   * Applies modifications atomically (one LDAP modify). With {@code permissive}, adding a value
   * that exists or deleting one that does not is not an error (Permissive Modify control). With an
   * {@code assertion} (RFC 4528), the modify happens only if the entry still matches it, so a
   * change made by someone else since the entry was read is never overwritten: otherwise it fails
   * with {@link DirectoryException#isChangedSinceRead()}.
   */
  void modify(
      DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion);

  /**
   * Renames an entry in place (modify DN, RFC 4511 §4.9), removing the old RDN value; with an
   * {@code assertion}, only if the entry still matches it.
   */
  void rename(DN dn, RDN newRdn, Optional<Filter> assertion);

  /**
   * Moves an entry under {@code newSuperior} and names it {@code newRdn}, in one modify DN (RFC
   * 4511 §4.9, with newSuperior), removing the old RDN value; with an {@code assertion}, only if
   * the entry still matches it. A directory that cannot move entries renames in place only, and
   * refuses a move ({@code unwillingToPerform}).
   */
  default void move(DN dn, RDN newRdn, DN newSuperior, Optional<Filter> assertion) {
    if (!newSuperior.equals(dn.getParent())) {
      throw new DirectoryException(
          "move " + dn + " under " + newSuperior,
          ResultCode.UNWILLING_TO_PERFORM,
          describe() + " cannot move entries",
          null);
    }
    rename(dn, newRdn, assertion);
  }

  /** Deletes a leaf entry. */
  void delete(DN dn);

  /**
   * The directory's schema (RFC 4512 §4.2), when it publishes one; it tells which attributes are
   * single-valued and how they compare. Empty when it cannot be read.
   */
  default Optional<Schema> schema() {
    return Optional.empty();
  }

  /**
   * True when every connection is protected by TLS ({@code ldaps://} or StartTLS), so that secrets
   * such as Active Directory's {@code unicodePwd} may be sent.
   */
  default boolean encrypted() {
    return false;
  }

  /** A short description for logs: URL(s) and bind DN, never the password. */
  String describe();

  @Override
  void close();
}
