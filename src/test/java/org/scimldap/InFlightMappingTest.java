package org.scimldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimldap.testsupport.TestClients.allowing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.service.ListSnapshots;
import org.scimldap.service.ResourceService;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.SqliteCorrelationStore;

/**
 * A mapping put in place while a request is under way changes nothing for that request: it finishes
 * with the mapping it started with (its mapper, its endpoints), and the next request sees the new
 * mapping whole, endpoints that came and went included.
 */
class InFlightMappingTest {
  private static final String TOKEN = "a-token-of-twenty-characters";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String USERS_WITH_TITLE =
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
            - scim: title
              ldap: title
      """;

  /** The same entries as People, without the title. */
  private static final String PEOPLE =
      """
      version: 1
      resourceTypes:
        User:
          endpoint: /People
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

  @TempDir Path dir;
  private EmbeddedDirectory embedded;
  private Directory real;
  private CorrelationStore store;
  private ScimServer server;
  private MappingAssembler assembler;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Holds the next directory call of a request until released. */
  private final AtomicBoolean armed = new AtomicBoolean();

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() {
    GatewayConfig config = GatewayConfig.defaults();
    embedded = EmbeddedDirectory.start(dir, config.ldap().baseDn(), 0);
    LdapConfig ldap = config.ldap().withUrls(List.of(embedded.url())).withPoolSize(2);
    real =
        DirectoryConnector.connect(ldap, embedded.adminDn().toString(), embedded.adminPassword());
    store = SqliteCorrelationStore.open(dir.resolve("gateway.db"));
    server = ScimServer.listen(config.http().withPort(0), allowing(TOKEN));
    String base = "http://127.0.0.1:" + server.port() + "/scim/v2";
    assembler = new MappingAssembler(config, held(real), store, new ListSnapshots(), base);
    MappingSpec first = MappingLoader.parse("users.yaml", USERS_WITH_TITLE);
    server.serve(services(first), assembler.discovery(first), base);
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
    store.close();
    real.close();
    embedded.close();
  }

  @Test
  void aRequestUnderWayFinishesWithTheMappingItStartedWith() throws Exception {
    HttpResponse<String> created =
        send(
            "POST",
            "/Users",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ann",
             "title":"Engineer"}""");
    assertEquals(201, created.statusCode(), created.body());
    String id = JSON.readTree(created.body()).path("id").asText();

    armed.set(true);
    CompletableFuture<HttpResponse<String>> underWay = sendAsync("GET", "/Users/" + id, null);
    assertTrue(entered.await(10, TimeUnit.SECONDS), "the request reached the directory");
    MappingSpec next = MappingLoader.parse("people.yaml", PEOPLE);
    server.replace(services(next), assembler.discovery(next));
    release.countDown();

    HttpResponse<String> old = underWay.get(10, TimeUnit.SECONDS);
    assertEquals(200, old.statusCode(), old.body());
    JsonNode user = JSON.readTree(old.body());
    assertEquals("Engineer", user.path("title").asText(), "read by the mapper it started with");
    assertTrue(user.path("meta").path("location").asText().endsWith("/Users/" + id), old.body());

    HttpResponse<String> gone = send("GET", "/Users/" + id, null);
    assertEquals(404, gone.statusCode(), gone.body());
    assertTrue(gone.body().contains("Endpoint GET /scim/v2/Users/" + id + " not found"));
    HttpResponse<String> person = send("GET", "/People/" + id, null);
    assertEquals(200, person.statusCode(), person.body());
    assertFalse(JSON.readTree(person.body()).has("title"), person.body());
    assertTrue(person.body().contains("/People/" + id), person.body());

    HttpResponse<String> types = send("GET", "/ResourceTypes/User", null);
    assertEquals("/People", JSON.readTree(types.body()).path("endpoint").asText(), types.body());
    HttpResponse<String> wrongMethod = send("PUT", "/People", "{}");
    assertEquals(405, wrongMethod.statusCode(), wrongMethod.body());
    assertEquals("GET, POST", wrongMethod.headers().firstValue("Allow").orElse(null));
    assertEquals(404, send("PUT", "/Users", "{}").statusCode(), "no such endpoint any more");
  }

  private List<ResourceService> services(MappingSpec spec) {
    return assembler.services(MappingAssembler.mappers(spec, GatewayConfig.defaults().ldap()));
  }

  /** The directory, holding the first call made once {@link #armed} until {@link #release}. */
  private Directory held(Directory directory) {
    InvocationHandler handler =
        (Object proxy, Method method, Object[] args) -> {
          if (method.getDeclaringClass() != Object.class && armed.compareAndSet(true, false)) {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
          }
          try {
            return method.invoke(directory, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Directory)
        Proxy.newProxyInstance(
            Directory.class.getClassLoader(), new Class<?>[] {Directory.class}, handler);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return sendAsync(method, path, body).get(10, TimeUnit.SECONDS);
  }

  private CompletableFuture<HttpResponse<String>> sendAsync(
      String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/scim/v2" + path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/scim+json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }
}
