package org.scimldap.testsupport;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedCompareRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ReadOnlyLDAPRequest;
import com.unboundid.ldap.sdk.ReadOnlyModifyDNRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scimldap.embedded.EmbeddedSchema;

/**
 * An UnboundID in-memory directory that behaves like Active Directory (and Samba as an AD DC) where
 * a gateway's protection of concurrent writes depends on it: its root DSE lists no Assertion
 * control (RFC 4528) and a request that carries one is refused ({@code
 * unavailableCriticalExtension}); entries have no {@code entryCSN}; {@code modifyTimestamp} and
 * {@code createTimestamp} move in whole seconds; {@code uSNChanged} takes a new number with every
 * add, modify and modify DN; and a modify that would give a single-valued attribute a second value
 * fails with {@code attributeOrValueExists} and Samba's message. It holds {@code
 * dc=example,dc=com}, {@code ou=people} and {@code ou=groups} with the schema of the embedded
 * directory, and counts the modify DN requests it receives.
 */
public final class ActiveDirectoryLikeServer implements AutoCloseable {
  public static final String BASE_DN = "dc=example,dc=com";
  public static final String PEOPLE_DN = "ou=people," + BASE_DN;
  public static final String GROUPS_DN = "ou=groups," + BASE_DN;
  private static final String ADMIN_DN = "cn=admin," + BASE_DN;
  private static final String ADMIN_PASSWORD = "ad-like-secret";

  private static final String USN_SCHEMA =
      """
      dn: cn=schema
      objectClass: top
      objectClass: ldapSubentry
      objectClass: subschema
      cn: schema
      attributeTypes: ( 1.2.840.113556.1.2.19 NAME 'uSNCreated' EQUALITY integerMatch SYNTAX \
      1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE USAGE directoryOperation )
      attributeTypes: ( 1.2.840.113556.1.2.120 NAME 'uSNChanged' EQUALITY integerMatch SYNTAX \
      1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE USAGE directoryOperation )
      """;

  private final InMemoryDirectoryServer server;
  private final AdLike behaviour;

  private ActiveDirectoryLikeServer(InMemoryDirectoryServer server, AdLike behaviour) {
    this.server = server;
    this.behaviour = behaviour;
  }

  /** Starts a server on a free loopback port; the caller closes it. */
  public static ActiveDirectoryLikeServer start() throws LDAPException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
    config.addAdditionalBindCredentials(ADMIN_DN, ADMIN_PASSWORD);
    config.setSchema(Schema.mergeSchemas(EmbeddedSchema.schema(), schema(USN_SCHEMA.split("\n"))));
    config.setEqualityIndexAttributes("entryUUID", "objectClass", "uid", "cn", "member");
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig(
            "loopback", InetAddress.getLoopbackAddress(), 0, null));
    AdLike behaviour = new AdLike();
    config.addInMemoryOperationInterceptor(behaviour);
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    behaviour.server = server;
    server.add(
        new Entry(BASE_DN, new Attribute("objectClass", "domain"), new Attribute("dc", "example")));
    server.add(container(PEOPLE_DN, "people"));
    server.add(container(GROUPS_DN, "groups"));
    server.startListening();
    return new ActiveDirectoryLikeServer(server, behaviour);
  }

  public String url() {
    return "ldap://127.0.0.1:" + server.getListenPort();
  }

  public String adminDn() {
    return ADMIN_DN;
  }

  public String adminPassword() {
    return ADMIN_PASSWORD;
  }

  /**
   * A new connection bound as the administrator, through the AD-like behaviour; closed by the
   * caller.
   */
  public LDAPConnection admin() throws LDAPException {
    return new LDAPConnection("127.0.0.1", server.getListenPort(), ADMIN_DN, ADMIN_PASSWORD);
  }

  /** How many modify DN requests arrived since the server started, successful or not. */
  public int modifyDnRequests() {
    return behaviour.modifyDns.get();
  }

  @Override
  public void close() {
    server.shutDown(true);
  }

  private static Entry container(String dn, String ou) {
    return new Entry(
        dn, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", ou));
  }

  private static Schema schema(String... ldif) {
    try {
      return new Schema(new Entry(ldif));
    } catch (LDIFException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The behaviour of Active Directory that the gateway's concurrency control meets. */
  private static final class AdLike extends InMemoryOperationInterceptor {
    private static final Pattern SINGLE_VALUED =
        Pattern.compile("multiple values for attribute (\\S+) which is defined as single-valued");

    private final AtomicLong usn = new AtomicLong(4000);
    private final AtomicInteger modifyDns = new AtomicInteger();
    private volatile InMemoryDirectoryServer server;

    @Override
    public void processAddRequest(InMemoryInterceptedAddRequest request) throws LDAPException {
      refuseAssertion(request.getRequest());
      AddRequest add = request.getRequest().duplicate();
      String next = Long.toString(usn.incrementAndGet());
      add.addAttribute("uSNCreated", next);
      add.addAttribute("uSNChanged", next);
      request.setRequest(add);
    }

    @Override
    public void processModifyRequest(InMemoryInterceptedModifyRequest request)
        throws LDAPException {
      refuseAssertion(request.getRequest());
      ModifyRequest modify = request.getRequest().duplicate();
      modify.addModification(
          new Modification(
              ModificationType.REPLACE, "uSNChanged", Long.toString(usn.incrementAndGet())));
      request.setRequest(modify);
    }

    /** What Samba answers when a modify leaves a single-valued attribute with two values. */
    @Override
    public void processModifyResult(InMemoryInterceptedModifyResult result) {
      LDAPResult r = result.getResult();
      Matcher m =
          SINGLE_VALUED.matcher(r.getDiagnosticMessage() == null ? "" : r.getDiagnosticMessage());
      if (r.getResultCode() == ResultCode.OBJECT_CLASS_VIOLATION && m.find()) {
        result.setResult(
            new LDAPResult(
                r.getMessageID(),
                ResultCode.ATTRIBUTE_OR_VALUE_EXISTS,
                "0000200D: SINGLE-VALUE attribute "
                    + m.group(1)
                    + " on "
                    + result.getRequest().getDN()
                    + " specified more than once",
                null,
                (String[]) null,
                null));
      }
    }

    @Override
    public void processModifyDNRequest(InMemoryInterceptedModifyDNRequest request)
        throws LDAPException {
      modifyDns.incrementAndGet();
      refuseAssertion(request.getRequest());
    }

    /** A renamed or moved entry takes a new uSNChanged, as every change does. */
    @Override
    public void processModifyDNResult(InMemoryInterceptedModifyDNResult result) {
      if (result.getResult().getResultCode() != ResultCode.SUCCESS) {
        return;
      }
      try {
        ReadOnlyModifyDNRequest request = result.getRequest();
        DN parent =
            request.getNewSuperiorDN() == null
                ? new DN(request.getDN()).getParent()
                : new DN(request.getNewSuperiorDN());
        DN renamed = new DN(new RDN(request.getNewRDN()), parent);
        server.modify(
            renamed.toString(),
            new Modification(
                ModificationType.REPLACE, "uSNChanged", Long.toString(usn.incrementAndGet())));
      } catch (LDAPException e) {
        throw new IllegalStateException("cannot count the change of a renamed entry", e);
      }
    }

    @Override
    public void processDeleteRequest(InMemoryInterceptedDeleteRequest request)
        throws LDAPException {
      refuseAssertion(request.getRequest());
    }

    @Override
    public void processCompareRequest(InMemoryInterceptedCompareRequest request)
        throws LDAPException {
      refuseAssertion(request.getRequest());
    }

    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest request)
        throws LDAPException {
      refuseAssertion(request.getRequest());
    }

    /**
     * The root DSE without the Assertion control; entries without entryCSN and with their times in
     * whole seconds.
     */
    @Override
    public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
      Entry entry = result.getSearchEntry().duplicate();
      if (entry.getDN().isEmpty() && entry.hasAttribute("supportedControl")) {
        entry.setAttribute(
            "supportedControl",
            Arrays.stream(entry.getAttributeValues("supportedControl"))
                .filter(oid -> !oid.equals(AssertionRequestControl.ASSERTION_REQUEST_OID))
                .toArray(String[]::new));
      }
      entry.removeAttribute("entryCSN");
      for (String time : new String[] {"modifyTimestamp", "createTimestamp"}) {
        String value = entry.getAttributeValue(time);
        if (value != null && value.length() > 14) {
          entry.setAttribute(time, value.substring(0, 14) + ".0Z");
        }
      }
      result.setSearchEntry(entry);
    }

    private static void refuseAssertion(ReadOnlyLDAPRequest request) throws LDAPException {
      if (request.hasControl(AssertionRequestControl.ASSERTION_REQUEST_OID)) {
        throw new LDAPException(
            ResultCode.UNAVAILABLE_CRITICAL_EXTENSION,
            "00000057: LdapErr: DSID-0C090B17, comment: Error processing control");
      }
    }
  }
}
