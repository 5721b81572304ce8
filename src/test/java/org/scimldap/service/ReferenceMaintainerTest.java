package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingLoader;

/**
 * References the gateway keeps current are those it writes: members and write rules such as {@code
 * manager}, never a read-only one such as {@code groups ← memberOf}, which the directory keeps
 * itself (and Active Directory refuses to have written).
 */
class ReferenceMaintainerTest {
  private static final String MAPPING =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [inetOrgPerson]
          container: "ou=people,{baseDn}"
          rdn: "uid={userName}"
          attributes:
            - {scim: userName, ldap: uid}
            - {scim: groups.value, ldap: memberOf, transform: reference, direction: toScim}
            - scim: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value
              ldap: manager
              transform: reference
          extensions: [urn:ietf:params:scim:schemas:extension:enterprise:2.0:User]
        Group:
          objectClasses: [groupOfNames]
          container: "ou=groups,{baseDn}"
          rdn: "cn={displayName}"
          attributes:
            - {scim: displayName, ldap: cn}
          members: {ldap: member, placeholder: "cn=nobody"}
      """;

  @Test
  void onlyReferencesTheGatewayWritesAreLookedForAndChanged() throws Exception {
    Searches directory = new Searches();
    new ReferenceMaintainer(directory, mappers()).removed(new DN("uid=gone,ou=people,dc=x"));
    assertEquals(
        List.of("manager", "member"),
        directory.attributes.stream().sorted().toList(),
        "searched for holders of these attributes only");
  }

  /**
   * A create's one search starts above both containers and asks for the name among the type's
   * entries and for every reference the gateway writes.
   */
  @Test
  void aCreatesOneSearchCoversTheNameAndEveryReference() throws Exception {
    Searches directory = new Searches();
    assertTrue(takesTeam(directory), "nothing found");
    assertEquals(List.of(new DN("dc=x")), directory.bases);
    assertEquals(
        Filter.create(
            "(|(&(cn=Team)(objectClass=groupOfNames))"
                + "(&(manager=cn=Team,ou=groups,dc=x)(objectClass=inetOrgPerson))"
                + "(&(member=cn=Team,ou=groups,dc=x)(objectClass=groupOfNames)))"),
        directory.filters.get(0));
  }

  /**
   * A search from an ancestor that the directory hides from the bind account, or refuses, says
   * nothing: the caller searches the containers apart.
   */
  @Test
  void anAncestorHiddenOrRefusedIsNoAnswer() throws Exception {
    Searches hidden = new Searches();
    hidden.hidden = true;
    assertFalse(takesTeam(hidden));
    assertEquals(List.of(), hidden.filters, "nothing searched");

    Searches refused = new Searches();
    refused.refused = true;
    assertFalse(takesTeam(refused));
  }

  /** Whether a new group named Team may take its DN with nothing checked apart, on {@code ldap}. */
  private static boolean takesTeam(Directory ldap) throws Exception {
    List<EntryMapper> mappers = mappers();
    return new ReferenceMaintainer(ldap, mappers)
        .takesFreeName(
            new DN("cn=Team,ou=groups,dc=x"),
            mappers.get(1),
            Filter.createEqualityFilter("cn", "Team"));
  }

  @Test
  void theNearestCommonAncestorOfSearchBases() throws Exception {
    assertEquals(
        Optional.of(new DN("dc=x,dc=org")),
        ReferenceMaintainer.commonAncestor(
            List.of(new DN("ou=people,dc=x,dc=org"), new DN("ou=a,ou=groups,dc=x,dc=org"))));
    assertEquals(
        Optional.of(new DN("ou=people,dc=x")),
        ReferenceMaintainer.commonAncestor(
            List.of(new DN("ou=people,dc=x"), new DN("ou=staff,ou=people,dc=x"))));
    assertEquals(
        Optional.empty(),
        ReferenceMaintainer.commonAncestor(List.of(new DN("dc=x"), new DN("dc=y"))));
  }

  private static List<EntryMapper> mappers() throws Exception {
    return MappingLoader.parse("t.yaml", MAPPING).resources().stream()
        .map(r -> EntryMapper.forBase(r, "dc=x", null))
        .toList();
  }

  /** A directory that records what each search looks for, and finds nothing. */
  private static final class Searches implements Directory {
    final List<String> attributes = new ArrayList<>();
    final List<DN> bases = new ArrayList<>();
    final List<Filter> filters = new ArrayList<>();

    /** Whether the directory hides every entry it is asked to read from the bind account. */
    boolean hidden;

    /** Whether the directory refuses every search (insufficient access). */
    boolean refused;

    @Override
    public Optional<Entry> read(DN dn, List<String> attributes) {
      return hidden ? Optional.empty() : Optional.of(new Entry(dn));
    }

    @Override
    public void search(
        DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
      if (refused) {
        throw new DirectoryException(
            "search under " + base, ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "no access", null);
      }
      this.attributes.add(attributes.get(0));
      bases.add(base);
      filters.add(filter);
    }

    @Override
    public void add(Entry entry) {}

    @Override
    public void modify(
        DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion) {}

    @Override
    public void modifyAsRead(DN dn, List<Modification> modifications) {}

    @Override
    public void rename(DN dn, RDN newRdn, Optional<Filter> assertion) {}

    @Override
    public void delete(DN dn) {}

    @Override
    public String describe() {
      return "recording";
    }

    @Override
    public void close() {}
  }
}
