package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scimldap.config.LdapConfig;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.mapping.entry.Containers;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.DirectorySchemaCheck;
import org.scimldap.mapping.spec.MappingProblem;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.mapping.spec.ResourceMapping;

/**
 * Checks that a directory fits the mapping before the gateway serves it: the base DN, and every
 * resource type's containers (each one a placement rule names), search base and leavers' container,
 * exist; and the directory's schema defines what the mapping uses ({@link DirectorySchemaCheck}). A
 * wrong base DN otherwise shows as empty lists and failing creates, and a missing attribute type as
 * a 400 on every write that uses it. Reads only.
 */
public final class DirectoryCheck {
  private final Directory directory;
  private final MappingSpec mapping;
  private final List<EntryMapper> mappers;
  private final LdapConfig ldap;

  /**
   * @param mappers one per resource type of {@code mapping}, with the containers the gateway uses
   * @param ldap the directory settings: the base DN and the containers they override
   */
  public DirectoryCheck(
      Directory directory, MappingSpec mapping, List<EntryMapper> mappers, LdapConfig ldap) {
    this.directory = directory;
    this.mapping = mapping;
    this.mappers = List.copyOf(mappers);
    this.ldap = ldap;
  }

  /** What the directory it checks is, for messages. */
  public String describe() {
    return directory.describe();
  }

  /**
   * Every finding, base DN and containers first; empty when the directory fits.
   *
   * @throws DirectoryException when the directory cannot be asked (down, or the bind refused)
   */
  public List<MappingProblem> run() {
    List<MappingProblem> found = new ArrayList<>(entries());
    Optional<Schema> schema = directory.schema();
    if (schema.isEmpty()) {
      found.add(
          new MappingProblem(
              "",
              MappingProblem.Severity.WARNING,
              "the directory publishes no schema (subschemaSubentry); the attribute types and"
                  + " object classes of the mapping are not checked",
              ""));
    } else {
      found.addAll(DirectorySchemaCheck.check(mapping, schema.get()));
    }
    return found;
  }

  /** The base DN and the containers and search bases that do not exist. */
  private List<MappingProblem> entries() {
    List<MappingProblem> found = new ArrayList<>();
    DN base = baseDn();
    if (!exists(base)) {
      found.add(
          new MappingProblem(
              "",
              MappingProblem.Severity.ERROR,
              "the base DN '" + base + "' (ldap.baseDn) does not exist in " + describe(),
              "check ldap.baseDn (GATEWAY_BASE_DN), and that the bind DN may read that entry"));
    }
    Set<DN> checked = new LinkedHashSet<>();
    for (EntryMapper mapper : mappers) {
      ResourceMapping type = mapper.mapping();
      for (Containers.Container c : mapper.containers().all()) {
        if (checked.add(c.dn()) && !exists(c.dn())) {
          boolean overridden = c.origin().isEmpty();
          found.add(
              missing(
                  c.origin(),
                  "the container '"
                      + c.dn()
                      + "' of "
                      + type.name()
                      + (c.value() == null ? "" : " (for '" + c.value() + "')")
                      + (overridden ? " (ldap.containers." + type.name() + ")" : "")
                      + " does not exist in "
                      + describe()));
        }
      }
      if (checked.add(mapper.searchBase()) && !exists(mapper.searchBase())) {
        found.add(
            missing(
                type.origins().searchBase(),
                "the search base '"
                    + mapper.searchBase()
                    + "' of "
                    + type.name()
                    + " does not exist in "
                    + describe()));
      }
      Optional<DN> leavers = mapper.containers().leavers();
      if (leavers.isPresent() && checked.add(leavers.get()) && !exists(leavers.get())) {
        found.add(
            missing(
                type.delete().origin(),
                "the leavers' container '"
                    + leavers.get()
                    + "' of "
                    + type.name()
                    + " (delete.moveTo) does not exist in "
                    + describe()));
      }
    }
    return found;
  }

  private static MappingProblem missing(String where, String message) {
    return new MappingProblem(
        where,
        MappingProblem.Severity.ERROR,
        message,
        "create the entry in the directory, or change the mapping (or ldap.containers)");
  }

  private DN baseDn() {
    try {
      return new DN(ldap.baseDn());
    } catch (LDAPException e) {
      throw new IllegalStateException("ldap.baseDn was checked when it was loaded", e);
    }
  }

  private boolean exists(DN dn) {
    return directory.read(dn, List.of("1.1")).isPresent();
  }
}
