package org.scimldap.testsupport;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.scimldap.embedded.EmbeddedSchema;

/**
 * An UnboundID in-memory directory that answers as a Windows domain controller does where the
 * gateway must take care: large attributes come in slices ({@link WindowsRangedValues}), and no
 * search returns more than {@link #MAX_PAGE_SIZE} entries (Active Directory's MaxPageSize), so a
 * larger result comes whole only page by page (RFC 2696). It holds the suffix, {@code ou=people}
 * and {@code ou=groups}, and remembers every search it receives below the root DSE (whose reads are
 * a connection pool's health checks), as the client sent it.
 */
public final class WindowsLikeDirectory implements AutoCloseable {
  /** Active Directory's MaxPageSize default: the most entries one search (or page) returns. */
  public static final int MAX_PAGE_SIZE = 1000;

  public static final String BASE_DN = "dc=example,dc=com";
  public static final String PEOPLE_DN = "ou=people," + BASE_DN;
  public static final String GROUPS_DN = "ou=groups," + BASE_DN;
  private static final String ACCOUNT_DN = "cn=gateway," + BASE_DN;
  private static final String ACCOUNT_PASSWORD = "gateway-secret";

  private final InMemoryDirectoryServer server;
  private final List<Search> searches;

  private WindowsLikeDirectory(InMemoryDirectoryServer server, List<Search> searches) {
    this.server = server;
    this.searches = searches;
  }

  /**
   * Starts a directory that hands out at most {@code valueLimit} values of an attribute at once;
   * {@code others} see each request after it is recorded and before the values are sliced.
   */
  public static WindowsLikeDirectory start(int valueLimit, InMemoryOperationInterceptor... others)
      throws LDAPException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
    config.addAdditionalBindCredentials(ACCOUNT_DN, ACCOUNT_PASSWORD);
    config.setSchema(EmbeddedSchema.schema());
    config.setMaxSizeLimit(MAX_PAGE_SIZE);
    config.setEqualityIndexAttributes("entryUUID", "objectClass", "uid", "cn", "member");
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig(
            "loopback", InetAddress.getLoopbackAddress(), 0, null));
    List<Search> searches = new CopyOnWriteArrayList<>();
    config.addInMemoryOperationInterceptor(new SearchLog(searches));
    for (InMemoryOperationInterceptor other : others) {
      config.addInMemoryOperationInterceptor(other);
    }
    config.addInMemoryOperationInterceptor(new WindowsRangedValues(valueLimit));
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.add(
        new Entry(BASE_DN, new Attribute("objectClass", "domain"), new Attribute("dc", "example")));
    server.add(container(PEOPLE_DN, "people"));
    server.add(container(GROUPS_DN, "groups"));
    server.startListening();
    return new WindowsLikeDirectory(server, searches);
  }

  /**
   * The server itself, to seed it, take snapshots and look at entries whole ({@code getEntry}
   * bypasses the slicing, which applies to LDAP clients only).
   */
  public InMemoryDirectoryServer server() {
    return server;
  }

  public String url() {
    return "ldap://127.0.0.1:" + server.getListenPort();
  }

  /** The account for a gateway to bind with. */
  public String accountDn() {
    return ACCOUNT_DN;
  }

  public String accountPassword() {
    return ACCOUNT_PASSWORD;
  }

  /** A new LDAP connection bound as {@link #accountDn()}, answered as any client; caller closes. */
  public LDAPConnection connect() throws LDAPException {
    return new LDAPConnection("127.0.0.1", server.getListenPort(), ACCOUNT_DN, ACCOUNT_PASSWORD);
  }

  /** Every search received since the start or since {@link #forgetSearches()}, in order. */
  public List<Search> searches() {
    return List.copyOf(searches);
  }

  public void forgetSearches() {
    searches.clear();
  }

  @Override
  public void close() {
    server.shutDown(true);
  }

  /**
   * One search as the client sent it: the connection it came on, its base, scope, filter and
   * attributes, and the page size it asked for with Simple Paged Results (RFC 2696), if any.
   */
  public record Search(
      long connection,
      String base,
      SearchScope scope,
      String filter,
      List<String> attributes,
      OptionalInt pageSize) {
    public Search {
      attributes = List.copyOf(attributes);
    }

    /** True when it asks for the attribute description {@code attribute} (case ignored). */
    public boolean asks(String attribute) {
      return attributes.stream().anyMatch(attribute::equalsIgnoreCase);
    }
  }

  /** Records each search but those of the root DSE, before anything else sees it. */
  private static final class SearchLog extends InMemoryOperationInterceptor {
    private final List<Search> searches;

    SearchLog(List<Search> searches) {
      this.searches = searches;
    }

    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest request)
        throws LDAPException {
      ReadOnlySearchRequest search = request.getRequest();
      if (search.getBaseDN().isEmpty()) {
        return;
      }
      searches.add(
          new Search(
              request.getConnectionID(),
              search.getBaseDN(),
              search.getScope(),
              search.getFilter().toString(),
              search.getAttributeList(),
              pageSize(search)));
    }

    private static OptionalInt pageSize(ReadOnlySearchRequest search) throws LDAPException {
      Control control = search.getControl(SimplePagedResultsControl.PAGED_RESULTS_OID);
      if (control == null) {
        return OptionalInt.empty();
      }
      ASN1OctetString value = control.getValue();
      return OptionalInt.of(
          new SimplePagedResultsControl(control.getOID(), control.isCritical(), value).getSize());
    }
  }

  private static Entry container(String dn, String ou) {
    return new Entry(
        dn, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", ou));
  }
}
