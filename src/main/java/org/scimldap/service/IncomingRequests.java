package org.scimldap.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.patch.PatchOperation;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.ResourceNormalizer;
import org.scimldap.scim.schema.ResourceSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a resource type accepts from a request before any use case runs: a resource body whose
 * {@code schemas} name the type's core schema (RFC 7643 §3), normalized to the schema; and the
 * PATCH operations on attributes the type has.
 */
final class IncomingRequests {
  private static final Logger LOG = LoggerFactory.getLogger(IncomingRequests.class);

  private final ResourceSchema schema;

  IncomingRequests(ResourceSchema schema) {
    this.schema = schema;
  }

  /** A POST or PUT body as a resource of this type; 400 invalidSyntax when it cannot be one. */
  ObjectNode resource(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ScimException.invalidSyntax("The request body must be a JSON object");
    }
    JsonNode schemas = body.get("schemas");
    if (schemas != null && !schemas.isNull()) {
      if (!schemas.isArray()) {
        throw ScimException.invalidSyntax("'schemas' must be an array of schema URNs");
      }
      boolean hasCore = false;
      for (JsonNode s : schemas) {
        hasCore |= s.asText().equalsIgnoreCase(schema.core().id());
      }
      if (!hasCore) {
        throw ScimException.invalidSyntax(
            "'schemas' must contain " + schema.core().id() + " for a " + schema.name());
      }
    }
    return ResourceNormalizer.normalize(body, schema);
  }

  /**
   * The operations whose path names an attribute of this resource type. Identity providers send
   * attributes of extensions and schemas the gateway does not carry (each tenant maps different
   * fields); like unknown attributes in a POST, those operations are ignored, not refused.
   */
  List<PatchOperation> knownOperations(List<PatchOperation> operations) {
    List<PatchOperation> known = new ArrayList<>();
    for (PatchOperation op : operations) {
      if (op.path().isPresent() && !knownPath(op.path().get().attribute())) {
        LOG.debug(
            "Ignoring PATCH {} of '{}', which {} does not have",
            op.op(),
            op.path().get(),
            schema.name());
        continue;
      }
      known.add(op);
    }
    return known;
  }

  private boolean knownPath(AttributePath path) {
    if (schema.resolve(path).isPresent() || schema.resolve(path.parent()).isPresent()) {
      return true;
    }
    String whole = path.schemaUrn() == null ? null : path.schemaUrn() + ":" + path.name();
    return whole != null && schema.schema(whole).isPresent();
  }
}
