package org.scimldap.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of {@code /ServiceProviderConfig} (RFC 7643 §5) without {@code meta}. PATCH and
 * filtering are always supported; the rest follows the {@link ServiceLimits}. The one
 * authentication scheme is the bearer token of RFC 6750 the HTTP layer checks. {@code
 * documentationUri} is optional in the RFC and left out.
 */
final class ServiceProviderConfigDocument {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ServiceProviderConfigDocument() {}

  static ObjectNode of(ServiceLimits limits) {
    ObjectNode doc = JSON.objectNode();
    doc.putArray("schemas").add(DiscoveryDocuments.SERVICE_PROVIDER_CONFIG_URN);
    doc.putObject("patch").put("supported", true);
    // RFC 7643 §5: maxOperations and maxPayloadSize are required even when bulk is unsupported.
    // The limits carry no operation count, so it stays 0 until a bulk endpoint defines one.
    doc.putObject("bulk")
        .put("supported", limits.bulkSupported())
        .put("maxOperations", 0)
        .put("maxPayloadSize", limits.bulkSupported() ? limits.maxBodyBytes() : 0L);
    doc.putObject("filter").put("supported", true).put("maxResults", limits.maxResults());
    doc.putObject("changePassword").put("supported", limits.changePasswordSupported());
    doc.putObject("sort").put("supported", limits.sortSupported());
    doc.putObject("etag").put("supported", limits.etagSupported());
    ArrayNode schemes = doc.putArray("authenticationSchemes");
    schemes
        .addObject()
        .put("type", "oauthbearertoken")
        .put("name", "OAuth Bearer Token")
        .put(
            "description",
            "Authentication with a bearer token (a client's token, or a signed OAuth 2.0 access"
                + " token) in the Authorization header")
        .put("specUri", "https://www.rfc-editor.org/info/rfc6750")
        .put("primary", true);
    if (limits.httpBasic()) {
      schemes
          .addObject()
          .put("type", "httpbasic")
          .put("name", "HTTP Basic")
          .put("description", "Authentication with a client's user name and password")
          .put("specUri", "https://www.rfc-editor.org/info/rfc7617")
          .put("primary", false);
    }
    return doc;
  }
}
