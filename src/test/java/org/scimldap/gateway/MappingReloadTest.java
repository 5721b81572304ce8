package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.CapturedLog;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * An edited mapping file is served without a restart once it is valid; a broken one is refused with
 * its problems logged, and the gateway goes on serving the mapping it had.
 */
class MappingReloadTest {
  private static final String USER_SCHEMA = "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User";

  private static final String BASE =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=people,{baseDn}"
          rdn: "cn={userName}"
          attributes:
            - scim: userName
              ldap: cn
            - scim: name.familyName
              ldap: sn
              fallback: [userName]
      """;

  private static final String WITH_TITLE =
      BASE
          + """
            - scim: title
              ldap: title
      """;

  /** Line 14, column 9: a misspelt key. */
  private static final String BAD_KEY =
      BASE
          + """
            - scim: title
              ldpa: title
      """;

  /** A valid file whose LDAP attribute the directory's schema does not define. */
  private static final String NOT_IN_SCHEMA =
      BASE
          + """
            - scim: title
              ldap: titel
      """;

  private static final String WITH_TITLE_AND_DISPLAY_NAME =
      WITH_TITLE
          + """
            - scim: displayName
              ldap: displayName
      """;

  @TempDir Path dir;

  private CapturedLog logged;

  @BeforeEach
  void listen() {
    logged = CapturedLog.of("org.scimldap.MappingReloader", Level.INFO);
  }

  @AfterEach
  void stopListening() {
    logged.close();
  }

  @Test
  void aSavedMappingIsServedWhenValidAndRefusedWhenNot() throws Exception {
    Path mapping = dir.resolve("custom.yaml");
    Files.writeString(mapping, BASE);
    try (GatewayUnderTest gateway =
        GatewayUnderTest.embedded(Map.of("GATEWAY_MAPPING", mapping.toString()))) {
      ScimClient scim = gateway.client();
      assertFalse(schemaHas(scim, "title"), "title is not mapped yet");

      replaceByRename(mapping, WITH_TITLE);
      await("title in /Schemas", () -> schemaHas(scim, "title"));
      // The line is logged once the new mapping is served, so it may come just after.
      awaitLog("Mapping " + mapping + " reloaded: [User]");
      assertEquals(
          1, logged("Mapping " + mapping + " reloaded: [User]").size(), messages().toString());
      createWithTitle(scim, gateway, "rita", "Engineer");

      Files.writeString(mapping, BAD_KEY);
      ILoggingEvent badKey = awaitLog("Mapping " + mapping + " refused (1 problem)");
      assertEquals(Level.ERROR, badKey.getLevel());
      assertTrue(
          badKey.getFormattedMessage().contains(mapping + ":14:9: unknown key 'ldpa'"),
          badKey.getFormattedMessage());
      assertTrue(
          badKey.getFormattedMessage().contains("still serving the previous one"),
          badKey.getFormattedMessage());
      assertTrue(schemaHas(scim, "title"), "the previous mapping is still served");
      createWithTitle(scim, gateway, "sam", "Architect");

      Files.writeString(mapping, NOT_IN_SCHEMA);
      ILoggingEvent notInSchema =
          awaitLog("'titel' is not defined in the directory's schema", badKey);
      assertTrue(
          notInSchema.getFormattedMessage().startsWith("Mapping " + mapping + " refused"),
          notInSchema.getFormattedMessage());
      createWithTitle(scim, gateway, "tom", "Director");

      replaceByRename(mapping, WITH_TITLE_AND_DISPLAY_NAME);
      await("displayName in /Schemas", () -> schemaHas(scim, "displayName"));
      Response r =
          scim.post(
              "/Users",
              """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"uma",
           "title":"Chief","displayName":"Uma U"}""");
      assertEquals(201, r.status(), r.toString());
      try (LDAPConnection ldap = gateway.ldap()) {
        SearchResultEntry e = ldap.getEntry("cn=uma,ou=people,dc=example,dc=com");
        assertEquals("Chief", e.getAttributeValue("title"));
        assertEquals("Uma U", e.getAttributeValue("displayName"));
      }
      await("the second reload logged", () -> logged("reloaded").size() >= 2);
      assertEquals(2, logged("reloaded").size(), messages().toString());
    }
  }

  @Test
  void withReloadOffTheMappingReadAtStartStays() throws Exception {
    Path mapping = dir.resolve("custom.yaml");
    Files.writeString(mapping, BASE);
    try (GatewayUnderTest gateway =
        GatewayUnderTest.embedded(
            Map.of("GATEWAY_MAPPING", mapping.toString(), "GATEWAY_RELOAD_MAPPING", "false"))) {
      Files.writeString(mapping, WITH_TITLE);
      Thread.sleep(1200); // more than the watcher would need to see the change
      assertFalse(schemaHas(gateway.client(), "title"), "the mapping read at start stays");
      assertEquals(List.of(), messages());
    }
  }

  private void createWithTitle(ScimClient scim, GatewayUnderTest gateway, String name, String title)
      throws Exception {
    Response r =
        scim.post(
            "/Users",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + name
                + "\",\"title\":\""
                + title
                + "\"}");
    assertEquals(201, r.status(), r.toString());
    assertEquals(title, r.json().path("title").asText(), r.toString());
    try (LDAPConnection ldap = gateway.ldap()) {
      SearchResultEntry e = ldap.getEntry("cn=" + name + ",ou=people,dc=example,dc=com");
      assertEquals(title, e.getAttributeValue("title"));
    }
  }

  private static boolean schemaHas(ScimClient scim, String attribute) {
    Response r = scim.get(USER_SCHEMA);
    assertEquals(200, r.status(), r.toString());
    for (var a : r.json().path("attributes")) {
      if (a.path("name").asText().equals(attribute)) {
        return true;
      }
    }
    return false;
  }

  /** Saves as editors that write a new file and rename it over the old one do. */
  private static void replaceByRename(Path file, String text) throws Exception {
    Path saved = Files.writeString(file.resolveSibling(file.getFileName() + ".swp"), text);
    Files.move(saved, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited 10 s for " + what);
      }
      Thread.sleep(25);
    }
  }

  /** The first event logged after {@code after} (if given) whose message contains {@code text}. */
  private ILoggingEvent awaitLog(String text, ILoggingEvent... after) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      List<ILoggingEvent> events = events();
      int from = after.length == 0 ? 0 : events.indexOf(after[0]) + 1;
      Optional<ILoggingEvent> found =
          events.subList(from, events.size()).stream()
              .filter(e -> e.getFormattedMessage().contains(text))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        fail("waited 10 s for a log message with " + text + "; logged: " + messages());
      }
      Thread.sleep(25);
    }
  }

  private List<ILoggingEvent> logged(String text) {
    return events().stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
  }

  private List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private List<ILoggingEvent> events() {
    synchronized (logged) {
      return logged.events();
    }
  }
}
