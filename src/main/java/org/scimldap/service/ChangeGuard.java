package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import java.util.List;
import java.util.Optional;
import org.scimldap.ldap.Directory;
import org.scimldap.mapping.entry.EntryMapper;

/**
 * Keeps a write computed from an entry as read from overwriting a change made since (the optimistic
 * concurrency of RFC 7644 §3.14). Where the directory takes the Assertion control (RFC 4528), each
 * write asserts the entry's change marker ({@link ResourceMeta#unchanged}). Elsewhere (Active
 * Directory, Samba), the marker and the DN are read again just before the first write, and a modify
 * names the values it replaces ({@link ValueGuard}), so that a change of those values in between
 * fails it; a change of other attributes in that short while is kept beside the write.
 */
final class ChangeGuard {
  private final EntryMapper mapper;
  private final Directory directory;

  ChangeGuard(EntryMapper mapper, Directory directory) {
    this.mapper = mapper;
    this.directory = directory;
  }

  /** True where writes assert that the entry is unchanged. */
  boolean asserts() {
    return directory.assertions();
  }

  /** The assertion that {@code asRead} is unchanged, where the directory takes one. */
  Optional<Filter> assertion(Entry asRead) {
    return asserts() ? ResourceMeta.unchanged(asRead) : Optional.empty();
  }

  /**
   * Where the directory takes no assertion: true when the entry is still at {@code dn} with the
   * change marker of {@code asRead}. Where it takes one, true without reading: the assertion checks
   * as the write happens.
   */
  boolean stillAsRead(DN dn, Entry asRead) {
    if (asserts()) {
      return true;
    }
    return directory
        .read(dn, ResourceMeta.MARKERS)
        .map(ResourceMeta::marker)
        .equals(Optional.of(ResourceMeta.marker(asRead)));
  }

  /**
   * The modifications a guarded write sends for {@code modifications}, computed from {@code asRead}
   * (read with or without members): as they are where the directory takes assertions, else naming
   * the values read ({@link ValueGuard}).
   */
  List<Modification> guarded(Entry asRead, List<Modification> modifications, boolean withMembers) {
    if (asserts()) {
      return modifications;
    }
    return new ValueGuard(mapper.attributesReadBack(withMembers), directory.schema())
        .rewrite(asRead, modifications);
  }

  /**
   * One modify of a guarded write, made of {@link #guarded} modifications: with the {@code
   * assertion} where the directory takes one, else without Permissive Modify, so that a value read
   * that is gone, or one that is there already, fails it as changed since read.
   */
  void modify(DN dn, List<Modification> guarded, Optional<Filter> assertion) {
    if (asserts()) {
      directory.modify(dn, guarded, true, assertion);
    } else {
      directory.modifyAsRead(dn, guarded);
    }
  }

  /**
   * {@link #modify}, then the entry as it left it, with {@code attributes} (in the same operation
   * where the directory can, see {@link Directory#modifyAndRead}); empty when it is gone by then.
   */
  Optional<Entry> modifyAndRead(
      DN dn, List<Modification> guarded, Optional<Filter> assertion, List<String> attributes) {
    if (asserts()) {
      return directory.modifyAndRead(dn, guarded, true, assertion, attributes);
    }
    directory.modifyAsRead(dn, guarded);
    return directory.read(dn, attributes);
  }
}
