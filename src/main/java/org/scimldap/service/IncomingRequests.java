package org.scimldap.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.patch.PatchOperation;
import org.scimldap.scim.patch.PatchPaths;
import org.scimldap.scim.patch.PatchValueLimit;
import org.scimldap.scim.schema.ResourceNormalizer;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.ValueLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a resource type accepts from a request before any use case runs: a resource body whose
 * {@code schemas} name the type's core schema (RFC 7643 §3), normalized to the schema; and PATCH
 * operations whose paths the type's schemas know. Neither may give one attribute more values than
 * {@link ValueLimit} allows.
 */
final class IncomingRequests {
  private static final Logger LOG = LoggerFactory.getLogger(IncomingRequests.class);

  /** How many ignored paths are remembered as already logged; beyond, all go to DEBUG. */
  private static final int MAX_REPORTED = 1_000;

  private final ResourceSchema schema;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

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
    ValueLimit.requireWithin(body);
    return ResourceNormalizer.normalize(body, schema);
  }

  /**
   * Checks the paths of a PATCH before the resource is read: one that names no attribute of the
   * type's schemas is 400 invalidPath ({@link PatchPaths#requireKnown}). Paths and no-path value
   * members in a schema the type does not have (a tenant's custom extension; each tenant maps
   * different fields) are ignored by the PATCH engine, as unknown attributes are in a POST; each is
   * logged at INFO the first time it comes, then at DEBUG.
   */
  void checkOperations(List<PatchOperation> operations) {
    PatchPaths.requireKnown(operations, schema);
    PatchValueLimit.requireWithin(operations);
    for (String ignored : PatchPaths.foreign(operations, schema)) {
      boolean first =
          reported.size() < MAX_REPORTED && reported.add(ignored.toLowerCase(Locale.ROOT));
      if (first) {
        LOG.info(
            "Ignoring PATCH of '{}': {} has no such schema (logged once per path)",
            ignored,
            schema.name());
      } else {
        LOG.debug("Ignoring PATCH of '{}': {} has no such schema", ignored, schema.name());
      }
    }
  }
}
