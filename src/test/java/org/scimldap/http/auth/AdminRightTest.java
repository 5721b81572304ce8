package org.scimldap.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.config.AuthConfig;
import org.scimldap.config.ClientConfig;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.RightsConfig;
import org.scimldap.config.TokenHash;

/**
 * {@link Authenticator#requireAdmin}, the check an admin endpoint makes, on a server of its own:
 * 401 without a credential, 403 for a client without the admin right, the client's name with it.
 */
class AdminRightTest {
  private static final String ADMIN = "admin-token-0123456789-0123456789-0123";
  private static final String WRITER = "writer-token-0123456789-0123456789-012";

  private Javalin app;

  @BeforeEach
  void start() {
    AuthConfig auth =
        new AuthConfig(
            List.of(
                new ClientConfig(
                    "ops",
                    List.of(TokenHash.hex(ADMIN)),
                    "",
                    "",
                    new RightsConfig(List.of(), List.of(), true)),
                new ClientConfig(
                    "okta",
                    List.of(TokenHash.hex(WRITER)),
                    "",
                    "",
                    new RightsConfig(List.of("*"), List.of("*"), false))),
            "",
            GatewayConfig.defaults().auth().oauth());
    Authenticator authenticator = Authenticator.of(auth, Map.of(), FailureThrottle.standard());
    app =
        Javalin.create()
            .get("/admin", ctx -> ctx.result(authenticator.requireAdmin(ctx).name()))
            .exception(
                AccessRefusedException.class,
                (e, ctx) -> {
                  e.headers().forEach((name, values) -> values.forEach(v -> ctx.header(name, v)));
                  ctx.status(e.status()).result(e.detail());
                })
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  private HttpResponse<String> get(Optional<String> token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/admin"));
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void onlyAClientWithTheAdminRightGetsThrough() throws Exception {
    HttpResponse<String> admin = get(Optional.of(ADMIN));
    assertEquals(200, admin.statusCode());
    assertEquals("ops", admin.body());

    HttpResponse<String> writer = get(Optional.of(WRITER));
    assertEquals(403, writer.statusCode());
    assertTrue(writer.body().contains("'okta'") && writer.body().contains("admin"), writer.body());

    HttpResponse<String> none = get(Optional.empty());
    assertEquals(401, none.statusCode());
    assertEquals("Bearer realm=\"scim\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
  }
}
