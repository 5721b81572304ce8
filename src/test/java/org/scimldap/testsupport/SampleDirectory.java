package org.scimldap.testsupport;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import java.net.InetAddress;
import org.scimldap.embedded.EmbeddedSchema;

/**
 * A directory of its own for a test that stops, freezes or intercepts it: an in-memory server on a
 * free loopback port with the embedded directory's schema (which the OpenLDAP preset needs), the
 * suffix {@code dc=example,dc=com} with {@code ou=people} and {@code ou=groups}, and {@link #ADMIN}
 * with the password {@link #PASSWORD}.
 */
public final class SampleDirectory {
  public static final String ADMIN = "cn=admin,dc=example,dc=com";
  public static final String PASSWORD = "secret";

  private SampleDirectory() {}

  /** Starts one, with these interceptors in front of its operations. */
  public static InMemoryDirectoryServer start(InMemoryOperationInterceptor... interceptors)
      throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials(ADMIN, PASSWORD);
    config.setSchema(EmbeddedSchema.schema());
    for (InMemoryOperationInterceptor i : interceptors) {
      config.addInMemoryOperationInterceptor(i);
    }
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("test", InetAddress.getLoopbackAddress(), 0, null));
    InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
    directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
    directory.add(
        "dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
    directory.add(
        "dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
    directory.startListening();
    return directory;
  }

  /** A gateway on {@code directory}, bound as its admin. */
  public static GatewayUnderTest gatewayOn(InMemoryDirectoryServer directory) throws Exception {
    return GatewayUnderTest.external(
        "ldap://127.0.0.1:" + directory.getListenPort(), ADMIN, PASSWORD);
  }
}
