package org.scimldap.http.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.scimldap.config.ConfigException;
import org.scimldap.config.OAuthConfig;
import org.scimldap.scim.ScimException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 access tokens that are JWTs (RFC 9068), checked by Nimbus JOSE+JWT: the signature
 * against the issuer's JSON Web Key Set (RSA or EC keys only), {@code exp} (required) and {@code
 * nbf} with the configured clock skew, {@code iss} exactly and {@code aud} holding the configured
 * audience. The client is named by the configured claim, and its rights are the scopes in the
 * rights claim ({@link Rights#ofScopes}).
 */
final class JwtClients {
  private static final Logger LOG = LoggerFactory.getLogger(JwtClients.class);

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final OAuthConfig config;

  private JwtClients(DefaultJWTProcessor<SecurityContext> processor, OAuthConfig config) {
    this.processor = processor;
    this.config = config;
  }

  /** Reads the key set file (or prepares to fetch the URL); a file that is not one fails here. */
  static JwtClients of(OAuthConfig config) {
    Set<JWSAlgorithm> algorithms = new HashSet<>(JWSAlgorithm.Family.RSA);
    algorithms.addAll(JWSAlgorithm.Family.EC);
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys(config)));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            Set.of(config.audience()),
            new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
            Set.of("exp", config.clientClaim()),
            null);
    claims.setMaxClockSkew(config.clockSkewSeconds());
    processor.setJWTClaimsSetVerifier(claims);
    return new JwtClients(processor, config);
  }

  private static JWKSource<SecurityContext> keys(OAuthConfig config) {
    if (!config.jwksUrl().isBlank()) {
      try {
        return JWKSourceBuilder.<SecurityContext>create(URI.create(config.jwksUrl()).toURL())
            .retrying(true)
            .build();
      } catch (MalformedURLException e) {
        throw new ConfigException("auth.oauth.jwksUrl is not a URL: " + e.getMessage(), e);
      }
    }
    try {
      return new ImmutableJWKSet<>(JWKSet.load(new File(config.jwksFile())));
    } catch (IOException e) {
      throw new ConfigException(
          "auth.oauth.jwksFile names " + config.jwksFile() + ", which cannot be read", e);
    } catch (ParseException e) {
      throw new ConfigException(
          "auth.oauth.jwksFile names "
              + config.jwksFile()
              + ", which is not a JSON Web Key Set: "
              + e.getMessage(),
          e);
    }
  }

  /** Whether a bearer token looks like a JWT (three dot-separated parts) rather than opaque. */
  static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }

  /**
   * The client a valid token names.
   *
   * @throws InvalidJwtException saying why the token is not accepted
   * @throws ScimException 503 when the key set at the URL cannot be fetched
   */
  Principal verify(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new InvalidJwtException("the token is not a JWT");
    } catch (BadJOSEException e) {
      throw new InvalidJwtException(e.getMessage());
    } catch (KeySourceException e) {
      LOG.warn("The OAuth key set {} cannot be had: {}", config.jwksUrl(), e.getMessage());
      throw ScimException.unavailable(
          "The issuer's keys cannot be fetched to check the token; retry shortly", e);
    } catch (JOSEException e) {
      throw new InvalidJwtException("its signature cannot be checked: " + e.getMessage());
    }
    Object name = claims.getClaim(config.clientClaim());
    if (!(name instanceof String client) || client.isBlank()) {
      throw new InvalidJwtException("its '" + config.clientClaim() + "' claim is not text");
    }
    return new Principal(client, Rights.ofScopes(scopes(claims.getClaim(config.rightsClaim()))));
  }

  private static List<String> scopes(Object claim) {
    if (claim instanceof String text) {
      return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
    if (claim instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  /** Why a JWT was not accepted, in words that reveal no key. */
  static final class InvalidJwtException extends RuntimeException {
    InvalidJwtException(String reason) {
      super(reason);
    }
  }
}
