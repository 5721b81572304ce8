package org.scimldap.testsupport;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.InetAddress;
import org.scimldap.embedded.EmbeddedSchema;

/**
 * Directories where one account, the one a gateway binds with, gets at most {@link #SIZE_LIMIT}
 * entries from a search, so that only a search with the Simple Paged Results control (RFC 2696)
 * sees a larger result whole: an UnboundID in-memory server (the engine of the embedded directory)
 * and a throwaway OpenLDAP {@code slapd}. The limit lies above the gateway's first page size (500):
 * its larger pages after that are cut at the limit, and the search starts again with pages of 500.
 */
public enum SizeLimitedDirectory {
  /** An UnboundID in-memory server whose size limit applies to every search. */
  IN_MEMORY {
    @Override
    public Running start() throws LDAPException {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
      config.addAdditionalBindCredentials(ACCOUNT_DN, ACCOUNT_PASSWORD);
      // The schema the OpenLDAP preset needs (pwdAccountLockedTime), or the gateway refuses to
      // start.
      config.setSchema(EmbeddedSchema.schema());
      config.setMaxSizeLimit(SIZE_LIMIT);
      config.setEqualityIndexAttributes("entryUUID", "objectClass", "uid", "cn", "member");
      config.setListenerConfigs(
          InMemoryListenerConfig.createLDAPConfig(
              "loopback", InetAddress.getLoopbackAddress(), 0, null));
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      server.add(
          new Entry(
              BASE_DN, new Attribute("objectClass", "domain"), new Attribute("dc", "example")));
      server.add(container(PEOPLE_DN, "people"));
      server.add(container(GROUPS_DN, "groups"));
      server.startListening();
      return new Running() {
        @Override
        public int port() {
          return server.getListenPort();
        }

        @Override
        public LDAPConnection admin() throws LDAPException {
          return server.getConnection();
        }

        @Override
        public void close() {
          server.shutDown(true);
        }
      };
    }
  },

  /**
   * A private slapd whose database limits every account but its root DN; paged searches are
   * unlimited in total ({@code size.prtotal=unlimited}), as a directory that offers paging to large
   * clients must configure (slapd's default caps even a paged search at the hard limit).
   */
  OPENLDAP {
    @Override
    public Running start() throws Exception {
      Slapd slapd = Slapd.start();
      try (LDAPConnection admin = slapd.connect()) {
        admin.add(
            new Entry(
                ACCOUNT_DN,
                new Attribute("objectClass", "organizationalRole", "simpleSecurityObject"),
                new Attribute("cn", "gateway"),
                new Attribute("userPassword", SlapdLdif.ssha(ACCOUNT_PASSWORD))));
        admin.modify(
            SlapdLdif.MDB,
            new Modification(
                ModificationType.REPLACE,
                "olcSizeLimit",
                "size.soft="
                    + SIZE_LIMIT
                    + " size.hard="
                    + SIZE_LIMIT
                    + " size.prtotal=unlimited"));
      } catch (LDAPException | RuntimeException e) {
        slapd.close();
        throw e;
      }
      return new Running() {
        @Override
        public int port() {
          return slapd.port();
        }

        @Override
        public LDAPConnection admin() throws LDAPException {
          return slapd.connect();
        }

        @Override
        public void close() {
          slapd.close();
        }
      };
    }
  };

  /** The most entries one search returns to {@link Running#accountDn()}. */
  public static final int SIZE_LIMIT = 700;

  public static final String BASE_DN = "dc=example,dc=com";
  public static final String PEOPLE_DN = "ou=people," + BASE_DN;
  public static final String GROUPS_DN = "ou=groups," + BASE_DN;
  private static final String ACCOUNT_DN = "cn=gateway," + BASE_DN;
  private static final String ACCOUNT_PASSWORD = "gateway-secret";

  /**
   * Starts a new directory of this kind holding the suffix, {@code ou=people} and {@code
   * ou=groups}; the caller closes it.
   */
  public abstract Running start() throws Exception;

  /** One started directory. */
  public interface Running extends AutoCloseable {
    /** The TCP port on 127.0.0.1. */
    int port();

    default String url() {
      return "ldap://127.0.0.1:" + port();
    }

    /** The account subject to {@link #SIZE_LIMIT}, for a gateway to bind with. */
    default String accountDn() {
      return ACCOUNT_DN;
    }

    default String accountPassword() {
      return ACCOUNT_PASSWORD;
    }

    /** A new connection bound as {@link #accountDn()}; the caller closes it. */
    default LDAPConnection account() throws LDAPException {
      return new LDAPConnection("127.0.0.1", port(), ACCOUNT_DN, ACCOUNT_PASSWORD);
    }

    /** A new connection that may write and is not held to the limit; the caller closes it. */
    LDAPConnection admin() throws LDAPException;

    @Override
    void close();
  }

  private static Entry container(String dn, String ou) {
    return new Entry(
        dn, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", ou));
  }
}
