package org.scimldap.mapping.filter;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryDirectoryServerSnapshot;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The filter selection contract on the UnboundID in-memory directory with the standard schema and
 * the password policy's {@code pwdAccountLockedTime}, as the embedded directory has it.
 */
class InMemoryFilterSelectionTest extends FilterSelectionContract {
  private static InMemoryDirectoryServer server;
  private static InMemoryDirectoryServerSnapshot empty;

  @BeforeAll
  static void start() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(), passwordPolicy()));
    server = new InMemoryDirectoryServer(config);
    server.startListening();
    server.add(
        new Entry(
            BASE, new Attribute("objectClass", "top", "domain"), new Attribute("dc", "example")));
    for (String ou : new String[] {"people", "groups"}) {
      server.add(
          new Entry(
              "ou=" + ou + "," + BASE,
              new Attribute("objectClass", "top", "organizationalUnit"),
              new Attribute("ou", ou)));
    }
    empty = server.createSnapshot();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.shutDown(true);
    }
  }

  @Override
  LDAPConnection connect() throws LDAPException {
    server.restoreSnapshot(empty);
    return server.getConnection();
  }

  private static Schema passwordPolicy() {
    return new Schema(
        new Entry(
            "cn=schema",
            new Attribute("objectClass", "top", "subschema"),
            new Attribute(
                "attributeTypes",
                "( 1.3.6.1.4.1.42.2.27.8.1.17 NAME 'pwdAccountLockedTime'"
                    + " EQUALITY caseIgnoreMatch ORDERING caseIgnoreOrderingMatch"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE USAGE directoryOperation )")));
  }
}
