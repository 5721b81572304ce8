package org.scimldap.ops;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.PoolUsage;

/**
 * A {@link Directory} that hands every write the wrapped one took to {@code sink}: the entry and
 * the names of the attributes changed, never a value. Reads pass through unrecorded.
 */
final class AuditedDirectory implements Directory {
  private final Directory directory;
  private final Consumer<LdapWrite> sink;

  AuditedDirectory(Directory directory, Consumer<LdapWrite> sink) {
    this.directory = directory;
    this.sink = sink;
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
  public void add(Entry entry) {
    directory.add(entry);
    sink.accept(
        LdapWrite.of(
            "add",
            dn(entry),
            entry.getAttributes().stream().map(Attribute::getBaseName).distinct().toList()));
  }

  @Override
  public void modify(
      DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion) {
    directory.modify(dn, modifications, permissive, assertion);
    recordModify(dn, modifications);
  }

  @Override
  public void modifyAsRead(DN dn, List<Modification> modifications) {
    directory.modifyAsRead(dn, modifications);
    recordModify(dn, modifications);
  }

  @Override
  public void rename(DN dn, RDN newRdn, Optional<Filter> assertion) {
    directory.rename(dn, newRdn, assertion);
    sink.accept(
        new LdapWrite(
            "rename",
            dn,
            new DN(newRdn, dn.getParent()),
            Arrays.asList(newRdn.getAttributeNames())));
  }

  @Override
  public void move(DN dn, RDN newRdn, DN newSuperior, Optional<Filter> assertion) {
    directory.move(dn, newRdn, newSuperior, assertion);
    sink.accept(
        new LdapWrite(
            "move", dn, new DN(newRdn, newSuperior), Arrays.asList(newRdn.getAttributeNames())));
  }

  @Override
  public void delete(DN dn) {
    directory.delete(dn);
    sink.accept(LdapWrite.of("delete", dn, List.of()));
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

  private void recordModify(DN dn, List<Modification> modifications) {
    if (!modifications.isEmpty()) {
      sink.accept(
          LdapWrite.of(
              "modify",
              dn,
              modifications.stream()
                  .map(m -> new Attribute(m.getAttributeName()).getBaseName())
                  .distinct()
                  .toList()));
    }
  }

  private static DN dn(Entry entry) {
    try {
      return entry.getParsedDN();
    } catch (LDAPException e) {
      throw new IllegalArgumentException("an entry with an invalid DN was added: " + e, e);
    }
  }
}
