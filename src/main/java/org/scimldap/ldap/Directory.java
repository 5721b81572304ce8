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
   * Searches under {@code base}, handing each entry to {@code sink}, each once (but for one renamed
   * while the search starts again, which may come under both names). Where the directory has the
   * Simple Paged Results control (RFC 2696), a search that a size, administrative or time limit
   * stops is asked for again in pages, so that no size limit truncates the result.
   */
  void search(
      DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink);

  /**
   * As {@link #search}, but false when the directory answers that there is no entry at {@code base}
   * (as it answers, too, when it hides the entry from the bind account), where {@link #search}
   * finds nothing: for a caller that must not take "nothing found" for an answer when the search
   * never ran. One operation where the directory is reached through a pool; here, a read of {@code
   * base} first.
   */
  default boolean searchFrom(
      DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
    if (read(base, List.of("1.1")).isEmpty()) {
      return false;
    }
    search(base, scope, filter, attributes, sink);
    return true;
  }

  /** Adds an entry. */
  void add(Entry entry);

  /**
   * Adds an entry and returns it as the directory now holds it, with {@code attributes}: in the
   * same operation where the directory has the Post-Read control (RFC 4527), else read right after.
   * Empty when it is gone by then (renamed or deleted by someone else).
   */
  default Optional<Entry> addAndRead(Entry entry, List<String> attributes) {
    add(entry);
    return read(Entries.dn(entry), attributes);
  }

  /**
   * Applies modifications atomically (one LDAP modify). With {@code permissive}, adding a value
   * that exists or deleting one that does not is not an error (Permissive Modify control). With an
   * {@code assertion} (RFC 4528), on a directory that has the control ({@link #assertions()}), the
   * modify happens only if the entry still matches it, so a change made by someone else since the
   * entry was read is never overwritten: otherwise it fails with {@link
   * DirectoryException#isChangedSinceRead()}. Elsewhere the assertion is not sent, and the caller
   * guards the write itself ({@link #modifyAsRead}).
   */
  void modify(
      DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion);

  /**
   * {@link #modify}, then the entry as the modify left it, with {@code attributes}: in the same
   * operation where the directory has the Post-Read control (RFC 4527), else read right after.
   * Empty when it is gone by then (renamed or deleted by someone else).
   */
  default Optional<Entry> modifyAndRead(
      DN dn,
      List<Modification> modifications,
      boolean permissive,
      Optional<Filter> assertion,
      List<String> attributes) {
    modify(dn, modifications, permissive, assertion);
    return read(dn, attributes);
  }

  /**
   * Applies modifications that name the values read (each changed attribute deletes the values it
   * had when the entry was read and adds its new ones), as one LDAP modify without Permissive
   * Modify: since a modify fails whole when one of its changes fails (RFC 4511 §4.6), a value to
   * delete that is gone ({@code noSuchAttribute}) or a value to add that is there already, or a
   * single-valued attribute that holds one by now ({@code attributeOrValueExists}), leaves the
   * entry as it is and fails with {@link DirectoryException#isChangedSinceRead()}. This is how a
   * write is guarded where the directory has no Assertion control.
   */
  void modifyAsRead(DN dn, List<Modification> modifications);

  /**
   * Renames an entry in place (modify DN, RFC 4511 §4.9), removing the old RDN value; with an
   * {@code assertion}, on a directory that has the control, only if the entry still matches it.
   */
  void rename(DN dn, RDN newRdn, Optional<Filter> assertion);

  /**
   * Moves an entry under {@code newSuperior} and names it {@code newRdn}, in one modify DN (RFC
   * 4511 §4.9, with newSuperior), removing the old RDN value; with an {@code assertion}, on a
   * directory that has the control, only if the entry still matches it. A directory that cannot
   * move entries renames in place only, and refuses a move ({@code unwillingToPerform}).
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
   * True when the directory takes the Assertion control (RFC 4528) on writes, as its root DSE says
   * (OpenLDAP, the embedded directory); false for Active Directory and Samba, and for a directory
   * that was not reachable when the gateway started. Where it is false, assertions are not sent.
   */
  default boolean assertions() {
    return false;
  }

  /**
   * True when every connection is protected by TLS ({@code ldaps://} or StartTLS), so that secrets
   * such as Active Directory's {@code unicodePwd} may be sent.
   */
  default boolean encrypted() {
    return false;
  }

  /**
   * Starts following the entries under {@code base} that match {@code filter}, read with {@code
   * attributes}, where the directory offers content synchronization (RFC 4533) and names its last
   * change ({@code contextCSN}): OpenLDAP with the {@code syncprov} overlay. Empty elsewhere.
   */
  default Optional<ContentFollower> follow(
      DN base, Filter filter, List<String> attributes, ContentFollower.Listener listener) {
    return Optional.empty();
  }

  /**
   * A search read a page at a time ({@link PagedSearch}), in the directory's own order, where the
   * directory has the Simple Paged Results control (RFC 2696) and the search can be kept between
   * pages; empty elsewhere.
   */
  default Optional<PagedSearch> pagedSearch(
      DN base, SearchScope scope, Filter filter, List<String> attributes) {
    return Optional.empty();
  }

  /** How the connection pool is used, for metrics; empty for a directory without one. */
  default Optional<PoolUsage> poolUsage() {
    return Optional.empty();
  }

  /** A short description for logs: URL(s) and bind DN, never the password. */
  String describe();

  @Override
  void close();
}
