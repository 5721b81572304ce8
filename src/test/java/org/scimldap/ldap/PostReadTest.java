package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.testsupport.SampleDirectory;
import org.scimldap.testsupport.Slapd;

/**
 * An add or modify that wants the entry back gets it as the write left it, operational attributes
 * included, on OpenLDAP and on the in-memory server ({@link PostReadRoundTripsTest}: without a
 * search where the directory has the Post-Read control, RFC 4527).
 */
class PostReadTest {
  private static final List<String> READ_BACK =
      List.of("uid", "title", "entryUUID", "modifyTimestamp");

  @Test
  void onOpenLdap() throws Exception {
    Slapd slapd = Slapd.shared();
    DN dn = new DN("uid=post.read," + slapd.peopleDn());
    try (Directory ldap = connect(slapd.url(), slapd.adminDn(), slapd.adminPassword())) {
      try {
        addAndModifyReturnTheEntryAsWritten(ldap, dn);
      } finally {
        ldap.delete(dn);
      }
    }
  }

  @Test
  void onTheInMemoryServer() throws Exception {
    InMemoryDirectoryServer server = SampleDirectory.start();
    try (Directory ldap =
        connect(
            "ldap://127.0.0.1:" + server.getListenPort(),
            SampleDirectory.ADMIN,
            SampleDirectory.PASSWORD)) {
      addAndModifyReturnTheEntryAsWritten(
          ldap, new DN("uid=post.read,ou=people,dc=example,dc=com"));
    } finally {
      server.shutDown(true);
    }
  }

  private static void addAndModifyReturnTheEntryAsWritten(Directory ldap, DN dn) {
    Entry added = ldap.addAndRead(person(dn), READ_BACK).orElseThrow();
    assertEquals(dn, Entries.dn(added));
    assertEquals("post.read", added.getAttributeValue("uid"));
    String uuid = added.getAttributeValue("entryUUID");
    assertEquals(ldap.read(dn, READ_BACK).orElseThrow().getAttributeValue("entryUUID"), uuid);

    Entry modified =
        ldap.modifyAndRead(
                dn,
                List.of(new Modification(ModificationType.REPLACE, "title", "Engineer")),
                true,
                Optional.empty(),
                READ_BACK)
            .orElseThrow();
    assertEquals("Engineer", modified.getAttributeValue("title"));
    assertEquals(uuid, modified.getAttributeValue("entryUUID"));
    assertTrue(modified.hasAttribute("modifyTimestamp"));

    // Each write reads back the attributes it names, whatever earlier writes named.
    for (List<String> attributes : List.of(List.of("title"), List.of("cn", "sn"), READ_BACK)) {
      Entry readBack =
          ldap.modifyAndRead(
                  dn,
                  List.of(new Modification(ModificationType.REPLACE, "title", attributes.get(0))),
                  true,
                  Optional.empty(),
                  attributes)
              .orElseThrow();
      for (String attribute : List.of("title", "cn", "sn", "entryUUID")) {
        assertEquals(
            attributes.contains(attribute),
            readBack.hasAttribute(attribute),
            attribute + " read back with " + attributes);
      }
    }
  }

  static Entry person(DN dn) {
    return new Entry(
        dn.toString(),
        new Attribute("objectClass", "inetOrgPerson"),
        new Attribute("uid", dn.getRDN().getAttributeValues()[0]),
        new Attribute("cn", "Post Read"),
        new Attribute("sn", "Read"));
  }

  static Directory connect(String url, String dn, String password) {
    LdapConfig config = GatewayConfig.defaults().ldap().withUrls(List.of(url)).withPoolSize(2);
    return DirectoryConnector.connect(config, dn, password, true);
  }
}
