package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.FreezableDirectory;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * A directory that stops answering costs a request its deadline ({@code
 * http.requestDeadlineMillis}) and no more, whatever {@code ldap.responseTimeoutMillis} says; a
 * request that finds every pooled connection busy is told that the gateway is at its connection
 * limit.
 */
class DirectoryDeadlineTest {
  private static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

  @TempDir Path dir;
  private FreezableDirectory directory;
  private GatewayUnderTest gateway;

  @AfterEach
  void stop() {
    if (directory != null) {
      directory.thaw();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (directory != null) {
      directory.close();
    }
  }

  private ScimClient start(String configYaml) throws Exception {
    directory = FreezableDirectory.start();
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, configYaml);
    gateway =
        GatewayUnderTest.external(
            directory.url(),
            FreezableDirectory.ADMIN_DN,
            FreezableDirectory.PASSWORD,
            Map.of("GATEWAY_CONFIG", config.toString()));
    return gateway.client();
  }

  @Test
  void frozenDirectoryIs503WithRetryAfterOnceTheRequestDeadlinePasses() throws Exception {
    ScimClient scim =
        start(
            """
            http:
              requestDeadlineMillis: 1500
            ldap:
              responseTimeoutMillis: 120000
            """);
    Response created =
        scim.post("/Users", GatewayTest.user("olga", "Olga", "Berg", "olga@example.com"));
    assertEquals(201, created.status(), created.toString());
    String id = created.json().path("id").asText();

    directory.freeze();
    for (Response late :
        new Response[] {
          scim.get("/Users/" + id),
          scim.get("/Users?filter=" + ScimClient.q("userName eq \"olga\"")),
          scim.post("/Users", GatewayTest.user("piet", "Piet", "Mol", "piet@example.com")),
          scim.patch(
              "/Users/" + id,
              """
              {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
               "Operations":[{"op":"replace","path":"displayName","value":"O. Berg"}]}
              """)
        }) {
      assertEquals(503, late.status(), late.toString());
      assertNotNull(late.header("Retry-After"), late.toString());
      assertEquals(ERROR_URN, late.json().path("schemas").path(0).asText());
      assertEquals("503", late.json().path("status").asText());
      assertTrue(
          late.json().path("detail").asText().contains("deadline of 1500 ms"), late.toString());
    }

    directory.thaw();
    assertEquals(200, scim.get("/Users/" + id).status());
  }

  @Test
  void renameWhoseModifyOutlastsTheDeadlineIsUndone() throws Exception {
    ScimClient scim = start("http:\n  requestDeadlineMillis: 1500\n");
    Response created =
        scim.post("/Users", GatewayTest.user("olga", "Olga", "Berg", "olga@example.com"));
    assertEquals(201, created.status(), created.toString());
    String id = created.json().path("id").asText();

    directory.freezeModifies();
    Response late =
        scim.patch(
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"userName":"olga2","title":"Boss"}}]}
            """);
    assertEquals(503, late.status(), late.toString());
    assertTrue(late.json().path("detail").asText().contains("deadline"), late.toString());
    assertNotNull(
        directory.server().getEntry("uid=olga,ou=people,dc=example,dc=com"),
        "the rename is undone");
    assertNull(directory.server().getEntry("uid=olga2,ou=people,dc=example,dc=com"));

    directory.thaw();
    Response after = scim.get("/Users/" + id);
    assertEquals("olga", after.json().path("userName").asText(), after.toString());
  }

  @Test
  void deleteThatOutlastsTheDeadlinePutsTheMembershipsBack() throws Exception {
    ScimClient scim = start("http:\n  requestDeadlineMillis: 1500\n");
    String user =
        scim.post("/Users", GatewayTest.user("olga", "Olga", "Berg", "olga@example.com"))
            .json()
            .path("id")
            .asText();
    Response group =
        scim.post(
            "/Groups",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"crew",
             "members":[{"value":"%s"}]}
            """
                .formatted(user));
    assertEquals(201, group.status(), group.toString());
    String member = "uid=olga,ou=people,dc=example,dc=com";
    String groupDn = "cn=crew,ou=groups,dc=example,dc=com";
    assertTrue(directory.server().getEntry(groupDn).hasAttributeValue("member", member));

    directory.freezeDeletes();
    Response late = scim.delete("/Users/" + user);
    assertEquals(503, late.status(), late.toString());
    assertTrue(late.json().path("detail").asText().contains("deadline"), late.toString());
    assertTrue(
        directory.server().getEntry(groupDn).hasAttributeValue("member", member),
        "the membership is put back");
  }

  @Test
  void allConnectionsBusyIs503NamingTheConnectionLimit() throws Exception {
    ScimClient scim =
        start(
            """
            http:
              requestDeadlineMillis: 20000
            ldap:
              poolSize: 1
              connectTimeoutMillis: 300
            """);
    Response created =
        scim.post("/Users", GatewayTest.user("olga", "Olga", "Berg", "olga@example.com"));
    assertEquals(201, created.status(), created.toString());
    String id = created.json().path("id").asText();

    directory.freeze();
    CompletableFuture<Response> holding =
        CompletableFuture.supplyAsync(() -> scim.get("/Users/" + id));
    assertTrue(directory.awaitHeldRequest(), "the first request reached the directory");
    Response busy = scim.get("/Users/" + id);
    assertEquals(503, busy.status(), busy.toString());
    assertNotNull(busy.header("Retry-After"));
    String detail = busy.json().path("detail").asText();
    assertTrue(detail.contains("connection limit"), detail);
    assertTrue(detail.contains("all 1 directory connections"), detail);

    directory.thaw();
    assertEquals(200, holding.get().status());
    assertEquals(200, scim.get("/Users/" + id).status());
  }
}
