package org.scimldap.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.scimldap.discovery.DiscoveryDocuments;
import org.scimldap.scim.ScimException;

/** {@code /ServiceProviderConfig}, {@code /ResourceTypes} and {@code /Schemas} (RFC 7644 §4). */
final class DiscoveryHandlers {
  private final DiscoveryDocuments documents;
  private final String baseUrl;

  DiscoveryHandlers(DiscoveryDocuments documents, String baseUrl) {
    this.documents = documents;
    this.baseUrl = baseUrl;
  }

  private void serviceProviderConfig(Context ctx) {
    respond(ctx, documents.serviceProviderConfig(baseUrl));
  }

  private void resourceTypes(Context ctx) {
    respond(ctx, documents.resourceTypes(baseUrl));
  }

  private void resourceType(Context ctx, String name) {
    respond(
        ctx,
        documents
            .resourceType(name, baseUrl)
            .orElseThrow(() -> ScimException.notFound("No resource type named '" + name + "'")));
  }

  private void schemas(Context ctx) {
    respond(ctx, documents.schemas(baseUrl));
  }

  private void schema(Context ctx, String urn) {
    respond(
        ctx,
        documents
            .schema(urn, baseUrl)
            .orElseThrow(() -> ScimException.notFound("No schema '" + urn + "'")));
  }

  /** Discovery resources are read-only; a filter on them is not supported (RFC 7644 §4). */
  static void rejectFilter(Context ctx) {
    if (ctx.queryParam("filter") != null) {
      throw new ScimException(
          403, null, "Filtering is not supported on discovery endpoints (RFC 7644 §4)");
    }
  }

  /**
   * Answers a GET of {@code /{endpoint}} ({@code id} null) or {@code /{endpoint}/{id}} when it is a
   * discovery resource; false, having answered nothing, for any other path.
   */
  boolean read(Context ctx, String endpoint, String id) {
    switch (endpoint) {
      case "ServiceProviderConfig" -> {
        if (id != null) {
          return false;
        }
        serviceProviderConfig(ctx);
      }
      case "ResourceTypes" -> {
        if (id == null) {
          resourceTypes(ctx);
        } else {
          resourceType(ctx, id);
        }
      }
      case "Schemas" -> {
        if (id == null) {
          schemas(ctx);
        } else {
          schema(ctx, id);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void respond(Context ctx, ObjectNode body) {
    rejectFilter(ctx);
    ScimJson.send(ctx, 200, body);
  }
}
