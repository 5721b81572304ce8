package org.scimldap.testsupport;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gateways with a mapping file of their own, on either {@link DirectoryKind}, for mappings whose
 * containers the standard tree lacks: the organizational units are made before the gateway starts
 * (its start-up check requires them). On the embedded directory they are part of the directory it
 * starts from; on OpenLDAP they are added to the shared slapd, and {@link #removeUnits} takes them
 * away again.
 */
public final class MappedGateways {
  private static final String BASE = "dc=example,dc=com";

  private MappedGateways() {}

  /**
   * Starts a gateway on {@code kind} with the mapping file {@code mapping}, after making the
   * organizational units {@code units} (DNs under dc=example,dc=com, parents first).
   */
  public static GatewayUnderTest start(DirectoryKind kind, Path mapping, List<String> units)
      throws Exception {
    Map<String, String> env = Map.of("GATEWAY_MAPPING", mapping.toString());
    if (kind == DirectoryKind.EMBEDDED) {
      List<String> all = new ArrayList<>(List.of("ou=people," + BASE, "ou=groups," + BASE));
      all.addAll(units);
      String ldif =
          "dn: "
              + BASE
              + "\nobjectClass: top\nobjectClass: domain\ndc: example\n\n"
              + all.stream().map(MappedGateways::unitLdif).collect(Collectors.joining("\n"));
      return GatewayUnderTest.embeddedFrom(ldif, env);
    }
    Slapd slapd = Slapd.shared();
    try (LDAPConnection c = slapd.connect()) {
      for (String unit : units) {
        try {
          c.add(unitLdif(unit).split("\n"));
        } catch (LDAPException e) {
          if (e.getResultCode() != ResultCode.ENTRY_ALREADY_EXISTS) {
            throw e;
          }
        }
      }
    }
    return GatewayUnderTest.external(slapd.url(), slapd.adminDn(), slapd.adminPassword(), env);
  }

  private static String unitLdif(String dn) {
    String name = dn.substring(3, dn.indexOf(','));
    return "dn: " + dn + "\nobjectClass: top\nobjectClass: organizationalUnit\nou: " + name + "\n";
  }

  /**
   * Deletes every entry below {@code units} except the units themselves (groups first, deepest
   * first), and every row of the gateway's store: each test starts from the bare tree.
   */
  public static void empty(GatewayUnderTest gateway, List<String> units) throws LDAPException {
    Set<DN> keep = dns(units);
    try (LDAPConnection c = gateway.ldap()) {
      for (String filter : List.of("(objectClass=groupOfNames)", "(objectClass=*)")) {
        List<DN> doomed = new ArrayList<>();
        for (String unit : units) {
          for (SearchResultEntry e :
              c.search(unit, SearchScope.SUB, filter, "1.1").getSearchEntries()) {
            if (!keep.contains(e.getParsedDN())) {
              doomed.add(e.getParsedDN());
            }
          }
        }
        deleteDeepestFirst(c, doomed);
      }
    }
    gateway.wipeStore();
  }

  /** Deletes the units and everything below them, for a directory other tests share. */
  public static void removeUnits(GatewayUnderTest gateway, List<String> units)
      throws LDAPException {
    try (LDAPConnection c = gateway.ldap()) {
      List<DN> doomed = new ArrayList<>();
      for (String unit : units) {
        for (SearchResultEntry e :
            c.search(unit, SearchScope.SUB, "(objectClass=*)", "1.1").getSearchEntries()) {
          doomed.add(e.getParsedDN());
        }
      }
      deleteDeepestFirst(c, doomed);
    }
  }

  private static void deleteDeepestFirst(LDAPConnection c, List<DN> dns) throws LDAPException {
    List<DN> ordered =
        dns.stream()
            .distinct()
            .sorted(Comparator.comparingInt((DN dn) -> dn.getRDNs().length).reversed())
            .toList();
    for (DN dn : ordered) {
      try {
        c.delete(dn.toString());
      } catch (LDAPException e) {
        if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
          throw e;
        }
      }
    }
  }

  private static Set<DN> dns(List<String> units) throws LDAPException {
    Set<DN> dns = new HashSet<>();
    for (String u : units) {
      dns.add(new DN(u));
    }
    return dns;
  }
}
