package org.scimldap.http.auth;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.config.AuthConfig;
import org.scimldap.config.ClientConfig;
import org.scimldap.config.TokenHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says who sent a request, from its {@code Authorization} header: a bearer token of a configured
 * client (RFC 6750), an OAuth 2.0 JWT (RFC 9068) when an issuer is configured, or HTTP Basic (RFC
 * 7617) for clients with a user name. A missing or wrong credential is a 401 whose {@code
 * WWW-Authenticate} names the schemes accepted; an address with too many failures is a 429 ({@link
 * FailureThrottle}). Secrets are never logged.
 */
public final class Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
  private static final String ATTRIBUTE = "scim.principal";
  private static final String REALM = "realm=\"scim\"";

  private final TokenClients tokens;
  private final BasicClients basic;
  private final Optional<JwtClients> jwt;
  private final FailureThrottle throttle;

  private Authenticator(
      TokenClients tokens, BasicClients basic, Optional<JwtClients> jwt, FailureThrottle throttle) {
    this.tokens = tokens;
    this.basic = basic;
    this.jwt = jwt;
    this.throttle = throttle;
  }

  /**
   * The clients of {@code config}, plus {@code plainTokens}: each a client (by name) whose plain
   * token has every right, such as {@code GATEWAY_TOKEN}.
   */
  public static Authenticator of(
      AuthConfig config, Map<String, String> plainTokens, FailureThrottle throttle) {
    List<TokenClients.Entry> tokenEntries = new ArrayList<>();
    List<BasicClients.Entry> basicEntries = new ArrayList<>();
    for (ClientConfig c : config.clients()) {
      Principal p = new Principal(c.name(), Rights.of(c.rights()));
      c.tokenHashes().forEach(h -> tokenEntries.add(new TokenClients.Entry(TokenHash.parse(h), p)));
      if (c.usesBasic()) {
        basicEntries.add(
            new BasicClients.Entry(c.username(), TokenHash.parse(c.passwordHash()), p));
      }
    }
    plainTokens.forEach(
        (name, token) ->
            tokenEntries.add(
                new TokenClients.Entry(TokenHash.of(token), new Principal(name, Rights.ALL))));
    Optional<JwtClients> jwt =
        config.oauth().enabled() ? Optional.of(JwtClients.of(config.oauth())) : Optional.empty();
    return new Authenticator(
        new TokenClients(tokenEntries), new BasicClients(basicEntries), jwt, throttle);
  }

  /**
   * Authenticates a request and remembers its client for the rest of it ({@link #principal}).
   *
   * @throws AccessRefusedException 401 for a missing or wrong credential, 429 for an address that
   *     failed too often
   */
  public Principal authenticate(Context ctx) {
    Optional<Principal> known = principal(ctx);
    if (known.isPresent()) {
      return known.get();
    }
    if (throttle.refusesAny()) {
      Optional<Long> wait = throttle.refusedFor(ctx.ip());
      if (wait.isPresent()) {
        throw AccessRefusedException.tooManyFailures(wait.get());
      }
    }
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw AccessRefusedException.unauthenticated(
          "Authentication required: send 'Authorization: Bearer <token>'"
              + (basic.isEmpty() ? "" : " or HTTP Basic"),
          challenges(false));
    }
    String trimmed = header.trim();
    int space = 0;
    while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
      space++;
    }
    String scheme = trimmed.substring(0, space);
    String value = trimmed.substring(space).trim();
    Principal p;
    if (scheme.equalsIgnoreCase("Bearer")) {
      p = bearer(value, ctx);
    } else if (scheme.equalsIgnoreCase("Basic") && !basic.isEmpty()) {
      p = basic(value, ctx);
    } else {
      throw refused(
          ctx,
          "The "
              + scheme
              + " scheme is not accepted; send 'Authorization: Bearer <token>'"
              + (basic.isEmpty() ? "" : " or HTTP Basic"),
          false);
    }
    ctx.attribute(ATTRIBUTE, p);
    return p;
  }

  /**
   * Authenticates a request and requires the admin right: for the admin endpoints.
   *
   * @throws AccessRefusedException 401, 429 as {@link #authenticate}; 403 for a client without it
   */
  public Principal requireAdmin(Context ctx) {
    Principal p = authenticate(ctx);
    if (!p.rights().admin()) {
      throw AccessRefusedException.forbidden(
          "Client '" + p.name() + "' may not call " + ctx.path() + ": it needs the admin right");
    }
    return p;
  }

  /** The client a request was authenticated as, once it has been. */
  public static Optional<Principal> principal(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
  }

  private Principal bearer(String token, Context ctx) {
    if (token.isEmpty()) {
      throw refused(ctx, "The bearer token is empty", true);
    }
    if (jwt.isPresent() && JwtClients.looksLikeJwt(token)) {
      try {
        return jwt.get().verify(token);
      } catch (JwtClients.InvalidJwtException e) {
        // A client's own token may have the shape of a JWT too.
        Optional<Principal> client = tokens.find(token);
        if (client.isPresent()) {
          return client.get();
        }
        throw refused(ctx, "The bearer token is not valid: " + e.getMessage(), true);
      }
    }
    return tokens
        .find(token)
        .orElseThrow(() -> refused(ctx, "The bearer token is not valid", true));
  }

  private Principal basic(String encoded, Context ctx) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw refused(ctx, "The Basic credentials are not valid base64", false);
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw refused(ctx, "The Basic credentials have no ':' between user and password", false);
    }
    return basic
        .find(decoded.substring(0, colon), decoded.substring(colon + 1))
        .orElseThrow(() -> refused(ctx, "The user name or password is not valid", false));
  }

  private AccessRefusedException refused(Context ctx, String detail, boolean invalidToken) {
    String address = ctx.ip();
    throttle.failed(address);
    LOG.info("Authentication from {} refused: {}", address, detail);
    return AccessRefusedException.unauthenticated(detail, challenges(invalidToken));
  }

  /** The WWW-Authenticate challenges (RFC 7235 §4.1, RFC 6750 §3). */
  private List<String> challenges(boolean invalidToken) {
    List<String> all = new ArrayList<>();
    all.add("Bearer " + REALM + (invalidToken ? ", error=\"invalid_token\"" : ""));
    if (!basic.isEmpty()) {
      all.add("Basic " + REALM + ", charset=\"UTF-8\"");
    }
    return all;
  }
}
