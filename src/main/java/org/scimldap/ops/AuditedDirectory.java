package org.scimldap.ops;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.ForwardingDirectory;

/**
 * A {@link Directory} that hands every write the wrapped one took to {@code sink}: the entry and
 * the names of the attributes changed, never a value. Reads pass through unrecorded.
 */
final class AuditedDirectory extends ForwardingDirectory {
  private final Consumer<LdapWrite> sink;

  AuditedDirectory(Directory directory, Consumer<LdapWrite> sink) {
    super(directory);
    this.sink = sink;
  }

  @Override
  public void add(Entry entry) {
    wrapped().add(entry);
    recordAdd(entry);
  }

  private void recordAdd(Entry entry) {
    sink.accept(
        LdapWrite.of(
            "add",
            dn(entry),
            entry.getAttributes().stream().map(Attribute::getBaseName).distinct().toList()));
  }

  @Override
  public void modify(
      DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion) {
    wrapped().modify(dn, modifications, permissive, assertion);
    recordModify(dn, modifications);
  }

  @Override
  public Optional<Entry> addAndRead(Entry entry, List<String> attributes) {
    Optional<Entry> added = wrapped().addAndRead(entry, attributes);
    recordAdd(entry);
    return added;
  }

  @Override
  public Optional<Entry> modifyAndRead(
      DN dn,
      List<Modification> modifications,
      boolean permissive,
      Optional<Filter> assertion,
      List<String> attributes) {
    Optional<Entry> after =
        wrapped().modifyAndRead(dn, modifications, permissive, assertion, attributes);
    recordModify(dn, modifications);
    return after;
  }

  @Override
  public void modifyAsRead(DN dn, List<Modification> modifications) {
    wrapped().modifyAsRead(dn, modifications);
    recordModify(dn, modifications);
  }

  @Override
  public void rename(DN dn, RDN newRdn, Optional<Filter> assertion) {
    wrapped().rename(dn, newRdn, assertion);
    sink.accept(
        new LdapWrite(
            "rename",
            dn,
            new DN(newRdn, dn.getParent()),
            Arrays.asList(newRdn.getAttributeNames())));
  }

  @Override
  public void move(DN dn, RDN newRdn, DN newSuperior, Optional<Filter> assertion) {
    wrapped().move(dn, newRdn, newSuperior, assertion);
    sink.accept(
        new LdapWrite(
            "move", dn, new DN(newRdn, newSuperior), Arrays.asList(newRdn.getAttributeNames())));
  }

  @Override
  public void delete(DN dn) {
    wrapped().delete(dn);
    sink.accept(LdapWrite.of("delete", dn, List.of()));
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
