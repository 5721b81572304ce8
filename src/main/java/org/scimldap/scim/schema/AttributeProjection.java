package org.scimldap.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.path.AttributePath;

/**
 * Applies the {@code attributes} and {@code excludedAttributes} parameters (RFC 7644 §3.4.2.5,
 * §3.9) and the {@code returned} characteristic (RFC 7643 §7) to a resource on its way out.
 *
 * <ul>
 *   <li>{@code returned: never} is never sent; {@code always} always is, whatever the parameters
 *       say, and so are {@code id} and {@code schemas}. A sub-attribute returned {@code always}
 *       goes out whenever its parent does.
 *   <li>{@code returned: request} is sent only when the attribute (or, for a sub-attribute, it or
 *       its parent) is named in {@code attributes}.
 *   <li>With a non-empty {@code attributes}, only the named attributes are sent; {@code
 *       name.givenName} sends {@code name} with only {@code givenName}, {@code emails.value} each
 *       email with only its value. Otherwise every {@code default} attribute is sent.
 *   <li>{@code excludedAttributes} removes attributes or sub-attributes, never {@code always} ones.
 *   <li>Either list may use URN-qualified names or a bare schema URN, which selects or excludes
 *       that whole extension object.
 * </ul>
 *
 * Complex values left empty are dropped, and {@code schemas} is rewritten to the core URN followed
 * by the URN of each extension object still present.
 */
public final class AttributeProjection {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String SCHEMAS = "schemas";
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*|\\$ref");
  private static final Pattern URN = Pattern.compile("(?i)urn:[a-z0-9][a-z0-9-]*(:[^\\s:]+)+");

  private AttributeProjection() {}

  /** What of one attribute goes out: all default sub-attributes or only the named ones. */
  private record Plan(boolean all, boolean named, Set<String> subs, Set<String> excludedSubs) {}

  /**
   * The resource as it goes out. {@code resource} is not modified; without {@code attributes} or
   * {@code excludedAttributes}, a resource that the {@code returned} characteristics leave as it is
   * (what the gateway's own resources are, unless they hold a {@code request} attribute) is
   * returned itself, otherwise a new object.
   */
  public static ObjectNode project(
      ObjectNode resource,
      ResourceSchema schema,
      List<AttributePath> attributes,
      List<AttributePath> excludedAttributes) {
    if (attributes.isEmpty() && excludedAttributes.isEmpty() && keptWhole(resource, schema)) {
      return resource;
    }
    return projectAll(resource, schema, attributes, excludedAttributes);
  }

  /** {@link #project}, always building a new object. */
  static ObjectNode projectAll(
      ObjectNode resource,
      ResourceSchema schema,
      List<AttributePath> attributes,
      List<AttributePath> excludedAttributes) {
    AttributeSelection included = AttributeSelection.of(schema, attributes);
    AttributeSelection excluded = AttributeSelection.of(schema, excludedAttributes);
    ObjectNode body = NODES.objectNode();
    for (Map.Entry<String, JsonNode> member : resource.properties()) {
      String key = member.getKey();
      if (key.equalsIgnoreCase(SCHEMAS)) {
        continue;
      }
      Optional<ScimSchema> extension = extension(schema, key);
      Optional<JsonNode> value =
          extension.isPresent()
              ? projectExtension(extension.get(), member.getValue(), included, excluded)
              : projectAttribute(schema.core(), key, member.getValue(), included, excluded);
      value.ifPresent(v -> body.set(key, v));
    }
    ObjectNode out = NODES.objectNode();
    out.set(SCHEMAS, schemasOf(body, schema));
    out.setAll(body);
    return out;
  }

  /**
   * True when projecting {@code resource} without parameters would give it back as it is: {@code
   * schemas} first, listing the core schema and then the extensions present in their order; no
   * attribute or sub-attribute returned {@code never} or {@code request}; no complex value, list of
   * them or extension object that would be dropped as empty.
   */
  public static boolean keptWhole(ObjectNode resource, ResourceSchema schema) {
    if (!(resource.get(SCHEMAS) instanceof ArrayNode urns)
        || urns.isEmpty()
        || !schema.core().id().equals(urns.get(0).textValue())) {
      return false;
    }
    int listed = 1;
    boolean first = true;
    for (Map.Entry<String, JsonNode> member : resource.properties()) {
      String key = member.getKey();
      if (first) {
        first = false;
        if (!key.equals(SCHEMAS)) {
          return false;
        }
        continue;
      }
      Optional<ScimSchema> extension = extension(schema, key);
      if (extension.isEmpty()) {
        if (!attributeKeptWhole(schema.core(), key, member.getValue())) {
          return false;
        }
        continue;
      }
      if (listed >= urns.size() || !extension.get().id().equals(urns.get(listed).textValue())) {
        return false;
      }
      for (int earlier = 1; earlier < listed; earlier++) {
        if (extension.get().id().equals(urns.get(earlier).textValue())) {
          return false; // an extension under two keys: listed once when projected
        }
      }
      listed++;
      JsonNode value = member.getValue();
      if (value.isObject()) {
        if (value.isEmpty()) {
          return false;
        }
        for (Map.Entry<String, JsonNode> inner : value.properties()) {
          if (!attributeKeptWhole(extension.get(), inner.getKey(), inner.getValue())) {
            return false;
          }
        }
      }
    }
    return listed == urns.size();
  }

  private static boolean attributeKeptWhole(ScimSchema owner, String name, JsonNode value) {
    if (name.equalsIgnoreCase(SCHEMAS)) {
      return false;
    }
    AttributeDefinition def = owner.attribute(name).orElse(null);
    Returned returned = def == null ? Returned.DEFAULT : def.returned();
    if ((returned == Returned.NEVER || returned == Returned.REQUEST)
        && !name.equalsIgnoreCase("id")) {
      return false;
    }
    if (def == null || !def.isComplex()) {
      return true;
    }
    if (!value.isArray()) {
      return complexKeptWhole(def, value);
    }
    if (value.isEmpty()) {
      return false;
    }
    for (JsonNode item : value) {
      if (!complexKeptWhole(def, item)) {
        return false;
      }
    }
    return true;
  }

  private static boolean complexKeptWhole(AttributeDefinition def, JsonNode value) {
    if (!value.isObject()) {
      return true;
    }
    if (value.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      AttributeDefinition sub = def.subAttribute(member.getKey()).orElse(null);
      Returned returned = sub == null ? Returned.DEFAULT : sub.returned();
      if (returned == Returned.NEVER || returned == Returned.REQUEST) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a top-level attribute (or {@code attr.sub}, possibly URN-qualified, or a whole
   * extension named by its URN) will be in the projected resource, so callers can skip fetching
   * what will not be sent, e.g. group {@code members} under {@code excludedAttributes=members}.
   *
   * @throws ScimException 400 when {@code attributeName} is not in attribute notation
   */
  public static boolean needs(
      ResourceSchema schema,
      List<AttributePath> attributes,
      List<AttributePath> excluded,
      String attributeName) {
    AttributeSelection included = AttributeSelection.of(schema, attributes);
    AttributeSelection without = AttributeSelection.of(schema, excluded);
    Optional<ScimSchema> whole = schema.schema(attributeName);
    if (whole.isPresent()) {
      return whole.get().attributes().stream()
          .anyMatch(a -> plan(whole.get(), a, a.name(), included, without).isPresent());
    }
    AttributePath path = parsePath(attributeName);
    Optional<ResourceSchema.Resolved> resolved = schema.resolve(path.parent());
    ScimSchema owner = resolved.map(ResourceSchema.Resolved::schema).orElse(schema.core());
    AttributeDefinition def = resolved.map(ResourceSchema.Resolved::attribute).orElse(null);
    Optional<Plan> plan = plan(owner, def, path.name(), included, without);
    if (plan.isEmpty() || !path.hasSubAttribute()) {
      return plan.isPresent();
    }
    AttributeDefinition sub =
        def == null ? null : def.subAttribute(path.subAttribute()).orElse(null);
    return keepsSubAttribute(plan.get(), sub, path.subAttribute());
  }

  /**
   * Splits a query parameter such as {@code userName,name.givenName, emails} into paths (RFC 7644
   * §3.10 attribute notation). A URN-qualified name is split at the last colon: {@code
   * urn:ietf:params:scim:schemas:core:2.0:User:name.givenName} gives URN {@code
   * urn:ietf:params:scim:schemas:core:2.0:User}, name {@code name}, sub-attribute {@code
   * givenName}. A bare schema URN is split the same way, so {@code
   * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User} gives URN {@code
   * urn:ietf:params:scim:schemas:extension:enterprise:2.0} and name {@code User}; {@link #project}
   * and {@link #needs} recognize that pair as the whole extension. A schema URN whose last segment
   * is not a valid attribute name therefore cannot be named bare.
   *
   * @return an empty list for a null or blank parameter
   * @throws ScimException 400 without scimType when an entry is empty or not a valid attribute name
   */
  public static List<AttributePath> parseList(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    List<AttributePath> paths = new ArrayList<>();
    for (String entry : commaSeparated.split(",", -1)) {
      paths.add(parsePath(entry.trim()));
    }
    return List.copyOf(paths);
  }

  private static AttributePath parsePath(String text) {
    String urn = null;
    String rest = text;
    int colon = text.lastIndexOf(':');
    if (colon >= 0) {
      urn = text.substring(0, colon);
      rest = text.substring(colon + 1);
      if (!URN.matcher(urn).matches()) {
        throw invalidName(text);
      }
    }
    int dot = rest.indexOf('.');
    String name = dot < 0 ? rest : rest.substring(0, dot);
    String sub = dot < 0 ? null : rest.substring(dot + 1);
    if (!ATTRIBUTE_NAME.matcher(name).matches()
        || (sub != null && !ATTRIBUTE_NAME.matcher(sub).matches())) {
      throw invalidName(text);
    }
    return new AttributePath(urn, name, sub);
  }

  private static ScimException invalidName(String text) {
    return ScimException.badRequest("'" + text + "' is not a valid attribute name");
  }

  private static Optional<ScimSchema> extension(ResourceSchema schema, String key) {
    // Only a key that starts like a URN can name an extension: most keys are core attributes.
    if (!key.regionMatches(true, 0, "urn:", 0, 4)) {
      return Optional.empty();
    }
    return schema.schema(key).filter(s -> s != schema.core());
  }

  private static Optional<JsonNode> projectExtension(
      ScimSchema extension,
      JsonNode value,
      AttributeSelection included,
      AttributeSelection excluded) {
    if (excluded.namesSchema(extension)) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      boolean wanted = included.isEmpty() || included.namesSchema(extension);
      return wanted ? Optional.of(value.deepCopy()) : Optional.empty();
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      projectAttribute(extension, member.getKey(), member.getValue(), included, excluded)
          .ifPresent(v -> out.set(member.getKey(), v));
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  private static Optional<JsonNode> projectAttribute(
      ScimSchema owner,
      String name,
      JsonNode value,
      AttributeSelection included,
      AttributeSelection excluded) {
    AttributeDefinition def = owner.attribute(name).orElse(null);
    Optional<Plan> plan = plan(owner, def, name, included, excluded);
    if (plan.isEmpty()) {
      return Optional.empty();
    }
    if (def == null || !def.isComplex()) {
      return Optional.of(value.deepCopy());
    }
    if (!value.isArray()) {
      return complexValue(def, value, plan.get());
    }
    ArrayNode out = NODES.arrayNode();
    for (JsonNode item : value) {
      complexValue(def, item, plan.get()).ifPresent(out::add);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  private static Optional<JsonNode> complexValue(
      AttributeDefinition def, JsonNode value, Plan plan) {
    if (!value.isObject()) {
      return Optional.of(value.deepCopy());
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      AttributeDefinition sub = def.subAttribute(member.getKey()).orElse(null);
      if (keepsSubAttribute(plan, sub, member.getKey())) {
        out.set(member.getKey(), member.getValue().deepCopy());
      }
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  /**
   * Decides whether an attribute goes out and how much of it; {@code def} is null for an attribute
   * the schema does not define, which is treated as {@code returned: default}.
   */
  private static Optional<Plan> plan(
      ScimSchema owner,
      AttributeDefinition def,
      String name,
      AttributeSelection included,
      AttributeSelection excluded) {
    Returned returned = def == null ? Returned.DEFAULT : def.returned();
    boolean named = included.namesWhole(owner, name);
    Set<String> subs = included.namedSubAttributes(owner, name);
    if (returned == Returned.ALWAYS || name.equalsIgnoreCase("id")) {
      return Optional.of(new Plan(true, named, subs, Set.of()));
    }
    if (returned == Returned.NEVER || excluded.namesWhole(owner, name)) {
      return Optional.empty();
    }
    boolean all = included.isEmpty() ? returned == Returned.DEFAULT : named;
    if (!all && subs.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Plan(all, named, subs, excluded.namedSubAttributes(owner, name)));
  }

  private static boolean keepsSubAttribute(Plan plan, AttributeDefinition sub, String name) {
    String key = name.toLowerCase(Locale.ROOT);
    Returned returned = sub == null ? Returned.DEFAULT : sub.returned();
    return switch (returned) {
      case NEVER -> false;
      case ALWAYS -> true;
      case REQUEST -> plan.named() || plan.subs().contains(key);
      case DEFAULT ->
          (plan.all() || plan.subs().contains(key)) && !plan.excludedSubs().contains(key);
    };
  }

  private static ArrayNode schemasOf(ObjectNode body, ResourceSchema schema) {
    Set<String> urns = new LinkedHashSet<>();
    urns.add(schema.core().id());
    body.fieldNames()
        .forEachRemaining(key -> extension(schema, key).ifPresent(s -> urns.add(s.id())));
    ArrayNode out = NODES.arrayNode();
    urns.forEach(out::add);
    return out;
  }
}
