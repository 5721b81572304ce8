package org.scimldap.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.embedded.EmbeddedDirectory;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.SqliteCorrelationStore;

/**
 * The service layer over an embedded directory and a real store, with hooks to wrap the directory
 * and the store (to make them fail or to count what they are asked).
 */
final class ServiceFixture implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final EmbeddedDirectory embedded;
  private final Directory realDirectory;
  private final CorrelationStore realStore;
  final Directory directory;
  final CorrelationStore store;
  final ResourceService users;
  final ResourceService groups;

  ServiceFixture(
      Path data,
      UnaryOperator<Directory> wrapDirectory,
      UnaryOperator<CorrelationStore> wrapStore) {
    this(
        data,
        EmbeddedDirectory.start(data, "dc=example,dc=com", 0),
        null,
        openLdapMappers(),
        wrapDirectory,
        wrapStore);
  }

  /**
   * The service layer over a running directory at {@code ldapUrl} (administrator {@code admin} with
   * {@code password}), with these mappers (users first, then groups).
   */
  ServiceFixture(
      Path data, String ldapUrl, String admin, String password, List<EntryMapper> mappers) {
    this(data, null, new Running(ldapUrl, admin, password), mappers, d -> d, s -> s);
  }

  /** A directory the fixture did not start. */
  private record Running(String url, String admin, String password) {}

  private ServiceFixture(
      Path data,
      EmbeddedDirectory embedded,
      Running running,
      List<EntryMapper> mappers,
      UnaryOperator<Directory> wrapDirectory,
      UnaryOperator<CorrelationStore> wrapStore) {
    this.embedded = embedded;
    String url = embedded != null ? embedded.url() : running.url();
    LdapConfig ldap = GatewayConfig.defaults().ldap().withUrls(List.of(url)).withPoolSize(2);
    realDirectory =
        embedded != null
            ? DirectoryConnector.connect(
                ldap, embedded.adminDn().toString(), embedded.adminPassword())
            : DirectoryConnector.connect(ldap, running.admin(), running.password());
    directory = wrapDirectory.apply(realDirectory);
    realStore = SqliteCorrelationStore.open(data.resolve("gateway.db"));
    store = wrapStore.apply(realStore);
    Locations locations = locations(mappers);
    ReferenceResolver resolver = new ReferenceResolver(directory, mappers);
    ReferenceMaintainer references = new ReferenceMaintainer(directory, mappers);
    ListSnapshots snapshots = new ListSnapshots();
    users =
        new ResourceService(
            mappers.get(0), directory, store, resolver, references, snapshots, locations);
    groups =
        new ResourceService(
            mappers.get(1), directory, store, resolver, references, snapshots, locations);
  }

  /** Where the resources of these mappers (users first, then groups) are, under http://test. */
  static Locations locations(List<EntryMapper> mappers) {
    return new Locations(
        "http://test",
        Map.of(
            "User", mappers.get(0).mapping().schema().endpoint(),
            "Group", mappers.get(1).mapping().schema().endpoint()));
  }

  /**
   * The users' service of these mappers (users first, then groups) over {@code directory}, its
   * lists and references going through {@code lists}, which may follow the directory's entries.
   */
  static ResourceService users(
      List<EntryMapper> mappers, Directory directory, CorrelationStore store, ListSnapshots lists) {
    return new ResourceService(
        mappers.get(0),
        directory,
        store,
        new ReferenceResolver(directory, mappers, lists),
        new ReferenceMaintainer(directory, mappers),
        lists,
        locations(mappers));
  }

  /** The mappers of the OpenLDAP preset (users first, then groups) under dc=example,dc=com. */
  static List<EntryMapper> openLdapMappers() {
    return MappingLoader.load("mappings/openldap.yaml").resources().stream()
        .map(r -> EntryMapper.forBase(r, "dc=example,dc=com", null))
        .toList();
  }

  @Override
  public void close() {
    realStore.close();
    realDirectory.close();
    if (embedded != null) {
      embedded.close();
    }
  }

  /** A connection to the embedded directory as its administrator, for changes made outside. */
  LDAPConnection admin() throws LDAPException {
    return new LDAPConnection(
        "127.0.0.1", embedded.port(), embedded.adminDn().toString(), embedded.adminPassword());
  }

  /** The JSON object written as {@code text}. */
  static ObjectNode object(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a JSON object: " + text, e);
    }
  }

  /** Creates a user through the service and returns its id. */
  String createUser(String userName) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
    body.put("userName", userName);
    body.putObject("name").put("familyName", "D");
    return users.create(body).body().path("id").asText();
  }

  /** A group resource named {@code name} with these members. */
  static ObjectNode group(String name, String... memberIds) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    body.put("displayName", name);
    ArrayNode members = body.putArray("members");
    for (String id : memberIds) {
      members.addObject().put("value", id);
    }
    return body;
  }

  /** The member values of group {@code cn=groupCn} in {@code ou=groups}, read over LDAP. */
  List<String> members(String groupCn) throws LDAPException {
    try (LDAPConnection c = new LDAPConnection("127.0.0.1", embedded.port())) {
      String[] values =
          c.getEntry("cn=" + groupCn + ",ou=groups,dc=example,dc=com", "member")
              .getAttributeValues("member");
      return values == null ? List.of() : List.of(values);
    }
  }
}
