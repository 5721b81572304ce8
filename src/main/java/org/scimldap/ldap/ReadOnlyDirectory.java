package org.scimldap.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.List;
import java.util.Optional;

/**
 * A directory that may only be read: reads go to the directory it wraps, every write fails with
 * {@code unwillingToPerform} before anything is sent. For tools that must write nothing.
 */
public final class ReadOnlyDirectory extends ForwardingDirectory {
  public ReadOnlyDirectory(Directory directory) {
    super(directory);
  }

  @Override
  public void add(Entry entry) {
    throw refused("add " + entry.getDN());
  }

  @Override
  public void modify(
      DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion) {
    throw refused("modify " + dn);
  }

  @Override
  public void modifyAsRead(DN dn, List<Modification> modifications) {
    throw refused("modify " + dn);
  }

  @Override
  public void rename(DN dn, RDN newRdn, Optional<Filter> assertion) {
    throw refused("rename " + dn);
  }

  @Override
  public void move(DN dn, RDN newRdn, DN newSuperior, Optional<Filter> assertion) {
    throw refused("move " + dn);
  }

  @Override
  public void delete(DN dn) {
    throw refused("delete " + dn);
  }

  private static DirectoryException refused(String operation) {
    return new DirectoryException(
        operation, ResultCode.UNWILLING_TO_PERFORM, "this connection is read-only", null);
  }
}
