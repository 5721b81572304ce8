package org.scimldap.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.path.AttributePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a resource sent by a client (POST, PUT, or a PATCH value) into the shape the schema
 * defines, so that later stages can look attributes up by their canonical names.
 *
 * <ul>
 *   <li>Names are case-insensitive (RFC 7643 §2.1) and are rewritten to the schema's spelling, also
 *       inside extension objects and multi-valued complex values.
 *   <li>A top-level member named with a URN-qualified attribute (RFC 7644 §3.10), e.g. {@code
 *       urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}, is moved to its
 *       place: core attributes to the top level, extension attributes under the extension URN.
 *       {@code urn:…:User:name.givenName} places one sub-attribute of a single-valued complex.
 *   <li>{@code schemas} is copied as sent.
 *   <li>Values are coerced to the attribute's type (see {@link ValueCoercer}); a single-valued
 *       attribute sent as a one-element array is unwrapped and a multi-valued attribute sent as a
 *       single value is wrapped.
 *   <li>Unknown attributes and extension URNs are dropped, as are read-only attributes and
 *       sub-attributes ({@code id}, {@code meta}, {@code groups}): RFC 7644 §3.5.1 says a service
 *       provider ignores them. Null values, empty arrays and empty complex values are unassigned
 *       (RFC 7643 §2.5) and dropped.
 * </ul>
 *
 * Required attributes, mutability of writable attributes and the {@code schemas} list are checked
 * by the caller.
 */
public final class ResourceNormalizer {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceNormalizer.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String SCHEMAS = "schemas";

  private ResourceNormalizer() {}

  /**
   * Returns a new object holding the normalized resource; {@code body} is not modified.
   *
   * @throws ScimException {@code invalidSyntax} when the body is not an object; {@code
   *     invalidValue} when a value cannot be coerced to its attribute's type
   */
  public static ObjectNode normalize(JsonNode body, ResourceSchema schema) {
    if (body == null || !body.isObject()) {
      throw ScimException.invalidSyntax("the resource must be a JSON object");
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> member : body.properties()) {
      placeMember(out, member.getKey(), member.getValue(), schema);
    }
    return out;
  }

  /**
   * Normalizes the value of one attribute or sub-attribute, e.g. a PATCH {@code value} for the
   * operation's path (RFC 7644 §3.5.2). A multi-valued attribute's value is always an array, even
   * when a single element was sent. Mutability of the addressed attribute itself is not checked;
   * read-only sub-attributes inside the value are dropped.
   *
   * @return empty when the value is null or becomes empty
   * @throws ScimException {@code invalidPath} when the path is not in the schema; {@code
   *     invalidValue} when the value cannot be coerced
   */
  public static Optional<JsonNode> normalizeValue(
      JsonNode value, ResourceSchema schema, AttributePath path) {
    ResourceSchema.Resolved resolved =
        schema
            .resolve(path)
            .orElseThrow(() -> ScimException.invalidPath("unknown attribute '" + path + "'"));
    String where = pathText(schema, resolved.schema(), resolved.attribute().name());
    if (resolved.sub() != null) {
      where += "." + resolved.sub().name();
    }
    return attributeValue(resolved.target(), value, where);
  }

  private static void placeMember(
      ObjectNode out, String key, JsonNode value, ResourceSchema schema) {
    if (value.isNull()) {
      return;
    }
    if (key.equalsIgnoreCase(SCHEMAS)) {
      out.set(SCHEMAS, value.deepCopy());
      return;
    }
    Optional<ScimSchema> keyedSchema = schema.schema(key);
    if (keyedSchema.isPresent()) {
      placeSchemaObject(out, keyedSchema.get(), value, schema);
      return;
    }
    int colon = key.lastIndexOf(':');
    if (colon < 0) {
      placeAttribute(out, schema, schema.core(), key, null, value);
      return;
    }
    Optional<ScimSchema> qualifier = schema.schema(key.substring(0, colon));
    if (qualifier.isEmpty()) {
      LOG.debug("Dropping '{}': not an attribute of a schema of {}", key, schema.name());
      return;
    }
    String attribute = key.substring(colon + 1);
    int dot = attribute.indexOf('.');
    String name = dot < 0 ? attribute : attribute.substring(0, dot);
    String sub = dot < 0 ? null : attribute.substring(dot + 1);
    placeAttribute(out, schema, qualifier.get(), name, sub, value);
  }

  /** An object keyed by a schema URN: the attributes of that schema (RFC 7643 §3.3). */
  private static void placeSchemaObject(
      ObjectNode out, ScimSchema owner, JsonNode value, ResourceSchema schema) {
    if (!value.isObject()) {
      throw ScimException.invalidValue(
          "extension '"
              + owner.id()
              + "' must be a JSON object, got "
              + ValueCoercer.describe(value));
    }
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      placeAttribute(out, schema, owner, member.getKey(), null, member.getValue());
    }
  }

  private static void placeAttribute(
      ObjectNode out,
      ResourceSchema schema,
      ScimSchema owner,
      String name,
      String subName,
      JsonNode value) {
    Optional<AttributeDefinition> found = owner.attribute(name);
    if (found.isEmpty()) {
      LOG.debug("Dropping unknown attribute '{}' of schema {}", name, owner.id());
      return;
    }
    AttributeDefinition def = found.get();
    String where = pathText(schema, owner, def.name());
    if (def.mutability() == Mutability.READ_ONLY) {
      LOG.debug("Dropping read-only attribute '{}'", where);
      return;
    }
    Optional<JsonNode> normalized;
    if (subName == null) {
      normalized = attributeValue(def, value, where);
    } else {
      normalized = singleSubAttribute(def, subName, value, where);
    }
    normalized.ifPresent(v -> merge(container(out, schema, owner), def.name(), v));
  }

  /** {@code urn:…:name.givenName}: one sub-attribute of a single-valued complex attribute. */
  private static Optional<JsonNode> singleSubAttribute(
      AttributeDefinition def, String subName, JsonNode value, String where) {
    Optional<AttributeDefinition> sub = def.subAttribute(subName);
    if (!def.isComplex() || def.multiValued() || sub.isEmpty()) {
      LOG.debug("Dropping '{}.{}': not a sub-attribute of a single-valued complex", where, subName);
      return Optional.empty();
    }
    if (sub.get().mutability() == Mutability.READ_ONLY) {
      LOG.debug("Dropping read-only sub-attribute '{}.{}'", where, sub.get().name());
      return Optional.empty();
    }
    return attributeValue(sub.get(), value, where + "." + sub.get().name())
        .map(v -> NODES.objectNode().set(sub.get().name(), v));
  }

  private static Optional<JsonNode> attributeValue(
      AttributeDefinition def, JsonNode value, String where) {
    if (value.isNull()) {
      return Optional.empty();
    }
    if (def.multiValued()) {
      ArrayNode values = NODES.arrayNode();
      Iterable<JsonNode> items = value.isArray() ? value : List.of(value);
      for (JsonNode item : items) {
        singleValue(def, item, where).ifPresent(values::add);
      }
      return values.isEmpty() ? Optional.empty() : Optional.of(values);
    }
    if (!value.isArray()) {
      return singleValue(def, value, where);
    }
    if (value.size() > 1) {
      throw ScimException.invalidValue(
          "attribute '" + where + "' is single-valued, got " + value.size() + " values");
    }
    return value.isEmpty() ? Optional.empty() : singleValue(def, value.get(0), where);
  }

  private static Optional<JsonNode> singleValue(
      AttributeDefinition def, JsonNode value, String where) {
    if (value.isNull()) {
      return Optional.empty();
    }
    if (!def.isComplex()) {
      return Optional.of(ValueCoercer.coerce(value, def.type(), where));
    }
    if (!value.isObject()) {
      throw ScimException.invalidValue(
          "attribute '" + where + "' must be a JSON object, got " + ValueCoercer.describe(value));
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      Optional<AttributeDefinition> sub = def.subAttribute(member.getKey());
      if (sub.isEmpty()) {
        LOG.debug("Dropping unknown sub-attribute '{}.{}'", where, member.getKey());
      } else if (sub.get().mutability() == Mutability.READ_ONLY) {
        LOG.debug("Dropping read-only sub-attribute '{}.{}'", where, sub.get().name());
      } else {
        String subWhere = where + "." + sub.get().name();
        attributeValue(sub.get(), member.getValue(), subWhere)
            .ifPresent(v -> out.set(sub.get().name(), v));
      }
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  /**
   * Adds a value; when the same attribute arrives twice (names differing in case, or once nested
   * and once URN-qualified) complex values are merged, arrays concatenated, and otherwise the later
   * wins.
   */
  private static void merge(ObjectNode target, String name, JsonNode value) {
    JsonNode existing = target.get(name);
    if (existing instanceof ObjectNode previous && value instanceof ObjectNode next) {
      previous.setAll(next);
    } else if (existing instanceof ArrayNode previous && value instanceof ArrayNode next) {
      previous.addAll(next);
    } else {
      target.set(name, value);
    }
  }

  private static ObjectNode container(ObjectNode out, ResourceSchema schema, ScimSchema owner) {
    if (isCore(schema, owner)) {
      return out;
    }
    JsonNode existing = out.get(owner.id());
    return existing instanceof ObjectNode object ? object : out.putObject(owner.id());
  }

  private static String pathText(ResourceSchema schema, ScimSchema owner, String name) {
    return isCore(schema, owner) ? name : owner.id() + ":" + name;
  }

  private static boolean isCore(ResourceSchema schema, ScimSchema owner) {
    return owner.id().equalsIgnoreCase(schema.core().id());
  }
}
