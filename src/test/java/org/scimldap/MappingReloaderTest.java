package org.scimldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimldap.testsupport.TestClients.allowing;

import ch.qos.logback.classic.Level;
import com.unboundid.ldap.sdk.ResultCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.embedded.EmbeddedDirectory;
import org.scimldap.http.ScimServer;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.service.ListSnapshots;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.SqliteCorrelationStore;
import org.scimldap.testsupport.CapturedLog;

/** What the reloader does with a new version of the mapping file, apart from the watching. */
class MappingReloaderTest {
  private static final String TOKEN = "a-token-of-twenty-characters";
  private static final String FILE = "mappings/custom.yaml";

  private static final String USERS =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=people,{baseDn}"
          rdn: "uid={userName}"
          attributes:
            - scim: userName
              ldap: uid
            - scim: displayName
              ldap: cn
              fallback: [userName]
            - scim: name.familyName
              ldap: sn
              fallback: [userName]
      """;

  private static final String WITH_TITLE =
      USERS
          + """
            - scim: title
              ldap: title
      """;

  @TempDir Path dir;
  private EmbeddedDirectory embedded;
  private Directory real;
  private CorrelationStore store;
  private ScimServer server;
  private MappingReloader reloader;
  private final AtomicBoolean directoryDown = new AtomicBoolean();

  private CapturedLog logged;

  @BeforeEach
  void start() {
    logged = CapturedLog.of(MappingReloader.class, Level.INFO);

    GatewayConfig config = GatewayConfig.defaults();
    embedded = EmbeddedDirectory.start(dir, config.ldap().baseDn(), 0);
    LdapConfig ldap = config.ldap().withUrls(List.of(embedded.url())).withPoolSize(2);
    real =
        DirectoryConnector.connect(ldap, embedded.adminDn().toString(), embedded.adminPassword());
    Directory directory = downWhenAsked(real);
    store = SqliteCorrelationStore.open(dir.resolve("gateway.db"));
    server = ScimServer.listen(config.http().withPort(0), allowing(TOKEN));
    String base = "http://127.0.0.1:" + server.port() + "/scim/v2";
    MappingAssembler assembler =
        new MappingAssembler(config, directory, store, new ListSnapshots(), base);
    MappingSpec first = MappingLoader.parse(FILE, USERS);
    server.serve(
        assembler.services(MappingAssembler.mappers(first, config.ldap())),
        assembler.discovery(first),
        base);
    reloader = new MappingReloader(FILE, config.ldap(), directory, assembler, server, USERS, null);
  }

  @AfterEach
  void stop() {
    reloader.close();
    server.close();
    store.close();
    real.close();
    embedded.close();
    logged.close();
  }

  @Test
  void aValidVersionIsServedAndLogged() throws Exception {
    reloader.reload(bytes(WITH_TITLE));
    assertTrue(userSchema().contains("\"title\""));
    assertEquals(List.of("Mapping " + FILE + " reloaded: [User]"), messages());
  }

  @Test
  void whileTheDirectoryCannotBeAskedAValidVersionIsServedUnchecked() throws Exception {
    directoryDown.set(true);
    reloader.reload(bytes(WITH_TITLE));
    directoryDown.set(false);
    assertTrue(userSchema().contains("\"title\""));
    assertTrue(
        messages().get(0).startsWith("Cannot check ")
            && messages().get(0).contains("against the mapping " + FILE + " now (server down)"),
        messages().toString());
    assertEquals("Mapping " + FILE + " reloaded: [User]", messages().get(1));
  }

  @Test
  void aFileThatIsNotUtf8IsRefused() throws Exception {
    byte[] latin1 = (WITH_TITLE + "# café\n").getBytes(StandardCharsets.ISO_8859_1);
    reloader.reload(latin1);
    assertFalse(userSchema().contains("\"title\""), "the previous mapping is still served");
    assertEquals(1, messages().size(), messages().toString());
    assertTrue(
        messages().get(0).startsWith("Mapping " + FILE + " refused (1 problem)")
            && messages().get(0).contains("it is not UTF-8 text"),
        messages().get(0));
  }

  @Test
  void savingTheServedVersionAgainChangesNothing() throws Exception {
    reloader.reload(bytes(USERS));
    assertEquals(List.of(), messages(), "nothing to say when nothing changed");
    reloader.reload(bytes(USERS.replace("ldap: sn", "ldap: sn\n        bogus: 1")));
    reloader.reload(bytes(USERS));
    assertEquals(2, messages().size(), messages().toString());
    assertTrue(messages().get(0).contains("unknown key 'bogus'"), messages().get(0));
    assertEquals("Mapping " + FILE + " is back to the version being served", messages().get(1));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String userSchema() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + server.port()
                                + "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  /** The directory, failing as a server that is down while {@link #directoryDown} is set. */
  private Directory downWhenAsked(Directory directory) {
    return (Directory)
        Proxy.newProxyInstance(
            Directory.class.getClassLoader(),
            new Class<?>[] {Directory.class},
            (proxy, method, args) -> {
              if (directoryDown.get() && method.getDeclaringClass() == Directory.class) {
                if (method.getName().equals("describe")) {
                  return directory.describe();
                }
                throw new DirectoryException(method.getName(), ResultCode.SERVER_DOWN, "", null);
              }
              try {
                return method.invoke(directory, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private List<String> messages() {
    synchronized (logged) {
      return logged.messages();
    }
  }
}
