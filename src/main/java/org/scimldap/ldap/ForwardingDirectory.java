package org.scimldap.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link Directory} that hands every call to the one it wraps: the base of directories that add
 * something to some calls (timing, recording, refusing writes) and override only those.
 */
public abstract class ForwardingDirectory implements Directory {
  private final Directory directory;

  protected ForwardingDirectory(Directory directory) {
    this.directory = directory;
  }

  /** The directory this one wraps. */
  protected final Directory wrapped() {
    return directory;
  }

  @Override
  public Optional<Entry> read(DN dn, List<String> attributes) {
    return directory.read(dn, attributes);
  }

  @Override
  public void search(
      DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
    directory.search(base, scope, filter, attributes, sink);
  }

  @Override
  public boolean searchFrom(
      DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
    return directory.searchFrom(base, scope, filter, attributes, sink);
  }

  @Override
  public Optional<ContentFollower> follow(
      DN base, Filter filter, List<String> attributes, ContentFollower.Listener listener) {
    return directory.follow(base, filter, attributes, listener);
  }

  @Override
  public Optional<PagedSearch> pagedSearch(
      DN base, SearchScope scope, Filter filter, List<String> attributes) {
    return directory.pagedSearch(base, scope, filter, attributes);
  }

  @Override
  public void add(Entry entry) {
    directory.add(entry);
  }

  @Override
  public void modify(
      DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion) {
    directory.modify(dn, modifications, permissive, assertion);
  }

  @Override
  public void modifyAsRead(DN dn, List<Modification> modifications) {
    directory.modifyAsRead(dn, modifications);
  }

  @Override
  public void rename(DN dn, RDN newRdn, Optional<Filter> assertion) {
    directory.rename(dn, newRdn, assertion);
  }

  @Override
  public void move(DN dn, RDN newRdn, DN newSuperior, Optional<Filter> assertion) {
    directory.move(dn, newRdn, newSuperior, assertion);
  }

  @Override
  public void delete(DN dn) {
    directory.delete(dn);
  }

  @Override
  public Optional<Schema> schema() {
    return directory.schema();
  }

  @Override
  public boolean assertions() {
    return directory.assertions();
  }

  @Override
  public boolean encrypted() {
    return directory.encrypted();
  }

  @Override
  public Optional<PoolUsage> poolUsage() {
    return directory.poolUsage();
  }

  @Override
  public String describe() {
    return directory.describe();
  }

  @Override
  public void close() {
    directory.close();
  }
}
