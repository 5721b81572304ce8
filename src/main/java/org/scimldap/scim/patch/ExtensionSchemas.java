package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.ScimSchema;

/**
 * Keeps extension objects and the {@code schemas} attribute consistent after a PATCH (RFC 7643 §3:
 * {@code schemas} lists the schemas whose attributes the resource holds). An extension object that
 * the PATCH emptied is dropped; the URN of an extension that gained attributes is added to {@code
 * schemas}, and the URN of one that lost all of them is removed. A resource without a {@code
 * schemas} array is left without one.
 */
final class ExtensionSchemas {
  private ExtensionSchemas() {}

  static void tidy(ObjectNode before, ObjectNode after, ResourceSchema schema) {
    for (ScimSchema extension : schema.extensions()) {
      JsonNode was = JsonFields.get(before, extension.id());
      JsonNode now = JsonFields.get(after, extension.id());
      if (now != null && now.isObject() && now.isEmpty() && !(was != null && was.isEmpty())) {
        JsonFields.remove(after, extension.id());
        now = null;
      }
      boolean had = was != null && !JsonFields.isUnassigned(was);
      boolean has = now != null && !JsonFields.isUnassigned(now);
      JsonNode schemas = JsonFields.get(after, "schemas");
      if (schemas == null || !schemas.isArray() || had == has) {
        continue;
      }
      if (has) {
        addUrn((ArrayNode) schemas, extension.id());
      } else {
        removeUrn((ArrayNode) schemas, extension.id());
      }
    }
  }

  private static void addUrn(ArrayNode schemas, String urn) {
    for (JsonNode s : schemas) {
      if (s.asText().equalsIgnoreCase(urn)) {
        return;
      }
    }
    schemas.add(urn);
  }

  private static void removeUrn(ArrayNode schemas, String urn) {
    for (int i = schemas.size() - 1; i >= 0; i--) {
      if (schemas.get(i).asText().equalsIgnoreCase(urn)) {
        schemas.remove(i);
      }
    }
  }
}
