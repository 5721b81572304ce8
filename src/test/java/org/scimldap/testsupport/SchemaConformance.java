package org.scimldap.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.AttributeType;
import org.scimldap.scim.schema.Returned;
import org.scimldap.scim.schema.SchemaLoader;
import org.scimldap.scim.schema.ScimSchema;

/**
 * Checks a SCIM resource as a response returns it against the schema documents a server publishes
 * on {@code /Schemas} (RFC 7643 §7), so tests can hold responses to what discovery promises.
 *
 * <p>Checked: {@code schemas} lists the core URN and every extension whose object is present, and
 * only published URNs (§3); {@code id} is a non-empty string and {@code externalId} a string
 * (§3.1); {@code meta}, when present, has string {@code resourceType}, {@code location}, {@code
 * version} and dateTime {@code created}, {@code lastModified} (§3.1); every other member is an
 * attribute of the core schema, or an object under a published extension URN holding attributes of
 * that extension (§3.3), matched case-insensitively (§2.1); values have the declared type (§2.3)
 * and multiplicity; complex values hold only declared sub-attributes; {@code returned: never}
 * attributes are absent and required ones present (§2.2). A JSON null counts as absent (§2.5).
 */
public final class SchemaConformance {
  private static final Set<String> COMMON = Set.of("schemas", "id", "externalid", "meta");
  private static final List<String> META_TEXTS = List.of("resourceType", "location", "version");
  private static final List<String> META_TIMES = List.of("created", "lastModified");

  private SchemaConformance() {}

  /** Human-readable violations, each starting with the JSON path it concerns; empty if none. */
  public static List<String> violations(
      JsonNode resource, List<JsonNode> publishedSchemas, String coreSchemaUrn) {
    List<String> out = new ArrayList<>();
    if (resource == null || !resource.isObject()) {
      out.add("resource: must be a JSON object");
      return out;
    }
    List<ScimSchema> published = publishedSchemas.stream().map(SchemaLoader::fromJson).toList();
    Optional<ScimSchema> core = byUrn(published, coreSchemaUrn);
    if (core.isEmpty()) {
      out.add("schemas: no published schema " + coreSchemaUrn);
      return out;
    }
    List<String> listed = schemasMember(resource, out);
    checkCommon(resource, out);
    checkAttributes(resource, core.get(), "", out);
    if (listed != null && !containsIgnoreCase(listed, core.get().id())) {
      out.add("schemas: does not list the core schema " + core.get().id());
    }
    if (listed != null) {
      listed.stream()
          .filter(urn -> byUrn(published, urn).isEmpty())
          .forEach(urn -> out.add("schemas: lists " + urn + ", which is not a published schema"));
    }
    for (Map.Entry<String, JsonNode> member : resource.properties()) {
      String name = member.getKey();
      if (COMMON.contains(lower(name)) || core.get().attribute(name).isPresent()) {
        continue;
      }
      Optional<ScimSchema> extension =
          byUrn(published, name).filter(s -> !s.id().equalsIgnoreCase(core.get().id()));
      if (extension.isEmpty()) {
        out.add(name + ": not an attribute of " + core.get().id());
      } else if (!member.getValue().isObject()) {
        out.add(name + ": an extension must be a JSON object");
      } else {
        checkAttributes(member.getValue(), extension.get(), extension.get().id() + ":", out);
        if (listed != null && !containsIgnoreCase(listed, extension.get().id())) {
          out.add(
              "schemas: does not list " + extension.get().id() + ", whose attributes are present");
        }
      }
    }
    return out;
  }

  /** The URNs in {@code schemas}, or null when the member is missing or malformed. */
  private static List<String> schemasMember(JsonNode resource, List<String> out) {
    JsonNode schemas = field(resource, "schemas");
    if (schemas == null) {
      out.add("schemas: missing");
      return null;
    }
    if (!schemas.isArray()) {
      out.add("schemas: must be an array of strings");
      return null;
    }
    List<String> urns = new ArrayList<>();
    for (JsonNode urn : schemas) {
      if (!urn.isTextual()) {
        out.add("schemas: must be an array of strings");
        return null;
      }
      urns.add(urn.textValue());
    }
    return urns;
  }

  private static void checkCommon(JsonNode resource, List<String> out) {
    JsonNode id = field(resource, "id");
    if (id == null) {
      out.add("id: missing");
    } else if (!id.isTextual() || id.textValue().isEmpty()) {
      out.add("id: must be a non-empty string");
    }
    JsonNode externalId = field(resource, "externalId");
    if (externalId != null && !externalId.isTextual()) {
      out.add("externalId: must be a string");
    }
    JsonNode meta = field(resource, "meta");
    if (meta == null) {
      return;
    }
    if (!meta.isObject()) {
      out.add("meta: must be a JSON object");
      return;
    }
    for (String name : META_TEXTS) {
      JsonNode value = field(meta, name);
      if (value == null || !value.isTextual()) {
        out.add("meta." + name + ": must be a string");
      }
    }
    for (String name : META_TIMES) {
      JsonNode value = field(meta, name);
      if (value == null) {
        out.add("meta." + name + ": must be a string");
      } else {
        checkSingle(value, AttributeType.DATE_TIME, "meta." + name, out);
      }
    }
  }

  /**
   * Checks the members of {@code holder} (the resource or an extension object) against a schema.
   */
  private static void checkAttributes(
      JsonNode holder, ScimSchema schema, String prefix, List<String> out) {
    boolean isCore = prefix.isEmpty();
    for (Map.Entry<String, JsonNode> member : holder.properties()) {
      String name = member.getKey();
      if (isCore && COMMON.contains(lower(name))) {
        continue;
      }
      Optional<AttributeDefinition> def = schema.attribute(name);
      if (def.isPresent()) {
        checkValue(member.getValue(), def.get(), prefix + name, out);
      } else if (!isCore) {
        out.add(prefix + name + ": not an attribute of " + schema.id());
      }
    }
    checkRequired(holder, schema.attributes(), prefix, isCore, out);
  }

  private static void checkRequired(
      JsonNode holder,
      List<AttributeDefinition> defs,
      String prefix,
      boolean isCore,
      List<String> out) {
    for (AttributeDefinition def : defs) {
      if (def.required() && !(isCore && COMMON.contains(lower(def.name())))) {
        JsonNode value = field(holder, def.name());
        if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
          out.add(prefix + def.name() + ": required but missing");
        }
      }
    }
  }

  private static void checkValue(
      JsonNode value, AttributeDefinition def, String path, List<String> out) {
    if (value.isNull()) {
      return;
    }
    if (def.returned() == Returned.NEVER) {
      out.add(path + ": returned 'never', must not appear in a response");
      return;
    }
    if (!def.multiValued()) {
      if (value.isArray()) {
        out.add(path + ": single-valued, must not be an array");
      } else {
        checkElement(value, def, path, out);
      }
      return;
    }
    if (!value.isArray()) {
      out.add(path + ": multi-valued, must be an array");
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      checkElement(value.get(i), def, path + "[" + i + "]", out);
    }
  }

  private static void checkElement(
      JsonNode value, AttributeDefinition def, String path, List<String> out) {
    if (!def.isComplex()) {
      checkSingle(value, def.type(), path, out);
      return;
    }
    if (!value.isObject()) {
      out.add(path + ": expected complex (a JSON object), got " + kind(value));
      return;
    }
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      Optional<AttributeDefinition> sub = def.subAttribute(member.getKey());
      if (sub.isEmpty()) {
        out.add(path + "." + member.getKey() + ": not a sub-attribute of " + def.name());
      } else {
        checkValue(member.getValue(), sub.get(), path + "." + member.getKey(), out);
      }
    }
    checkRequired(value, def.subAttributes(), path + ".", false, out);
  }

  private static void checkSingle(
      JsonNode value, AttributeType type, String path, List<String> out) {
    boolean ok =
        switch (type) {
          case STRING, REFERENCE, BINARY, DATE_TIME -> value.isTextual();
          case BOOLEAN -> value.isBoolean();
          case INTEGER -> value.isIntegralNumber();
          case DECIMAL -> value.isNumber();
          case COMPLEX -> value.isObject();
        };
    if (!ok) {
      out.add(path + ": expected " + type.wireName() + ", got " + kind(value));
      return;
    }
    if (type == AttributeType.DATE_TIME) {
      try {
        OffsetDateTime.parse(value.textValue());
      } catch (DateTimeParseException e) {
        out.add(path + ": not an xsd:dateTime with offset: '" + value.textValue() + "'");
      }
    }
  }

  private static String kind(JsonNode value) {
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static Optional<ScimSchema> byUrn(List<ScimSchema> schemas, String urn) {
    return schemas.stream().filter(s -> s.id().equalsIgnoreCase(urn)).findFirst();
  }

  private static boolean containsIgnoreCase(List<String> values, String wanted) {
    return values.stream().anyMatch(v -> v.equalsIgnoreCase(wanted));
  }

  /** The member with this name, matched case-insensitively; null when absent. */
  private static JsonNode field(JsonNode object, String name) {
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      if (member.getKey().equalsIgnoreCase(name)) {
        return member.getValue();
      }
    }
    return null;
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
