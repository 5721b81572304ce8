package org.scimldap.mapping.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.filter.FilterEvaluator;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.Mutability;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.Returned;
import org.scimldap.scim.schema.ScimSchema;

/**
 * The parts of a SCIM resource that no rule reads back from the directory: attributes of the type's
 * schemas that no rule maps ({@code nickName}), sub-attributes no rule maps ({@code
 * name.middleName}), and elements of a multi-valued attribute that no rule's value filter takes (a
 * {@code home} email where only {@code emails[type eq "work"]} is mapped). With {@code unmapped:
 * keep} they live in the correlation store and are merged back on every read, so a resource comes
 * back as it was sent. Read-only and never-returned attributes ({@code groups}, {@code password})
 * are never kept. Pure functions of the mapping.
 */
public final class UnmappedValues {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ResourceMapping mapping;
  private final ResourceSchema schema;

  /** The rules that give each attribute its values, by schema and attribute (identity). */
  private final Map<ScimSchema, Map<AttributeDefinition, List<AttributeRule>>> rulesOf =
      new IdentityHashMap<>();

  public UnmappedValues(ResourceMapping mapping) {
    this.mapping = mapping;
    this.schema = mapping.schema();
    for (AttributeRule rule : mapping.rules()) {
      if (!rule.direction().reads() && rule.source() == AttributeRule.Source.LDAP) {
        continue;
      }
      schema
          .resolve(rule.scim().attribute().parent())
          .ifPresent(
              r ->
                  rulesOf
                      .computeIfAbsent(r.schema(), s -> new IdentityHashMap<>())
                      .computeIfAbsent(r.attribute(), a -> new ArrayList<>())
                      .add(rule));
    }
  }

  /**
   * The unmapped parts of {@code resource}, shaped like a resource (extension attributes under
   * their URN); an empty object when every part is mapped.
   */
  public ObjectNode of(ObjectNode resource) {
    ObjectNode kept = JSON.objectNode();
    for (ScimSchema s : schema.allSchemas()) {
      boolean extension = s != schema.core();
      JsonNode holder = extension ? JsonFields.field(resource, s.id()) : resource;
      if (!(holder instanceof ObjectNode fields)) {
        continue;
      }
      ObjectNode part = JSON.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        Optional<AttributeDefinition> def = s.attribute(field.getKey());
        if (def.isEmpty() || !keepable(def.get())) {
          continue;
        }
        JsonNode unmapped = unmapped(s, def.get(), field.getValue());
        if (unmapped != null) {
          part.set(def.get().name(), unmapped);
        }
      }
      if (!part.isEmpty()) {
        if (extension) {
          kept.set(s.id(), part);
        } else {
          kept.setAll(part);
        }
      }
    }
    return kept;
  }

  /**
   * Merges kept parts into a resource read from the directory: attributes it lacks are added,
   * elements of multi-valued attributes appended (a kept primary element takes {@code primary} from
   * the mapped ones), sub-attributes of complex ones added.
   */
  public void mergeInto(ObjectNode resource, ObjectNode kept) {
    for (ScimSchema s : schema.allSchemas()) {
      boolean extension = s != schema.core();
      JsonNode from = extension ? JsonFields.field(kept, s.id()) : kept;
      if (!(from instanceof ObjectNode fields) || fields.isEmpty()) {
        continue;
      }
      ObjectNode into = extension ? holder(resource, s.id()) : resource;
      for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        s.attribute(field.getKey()).ifPresent(def -> merge(into, def, field.getValue()));
      }
    }
  }

  /**
   * True when a condition on {@code attribute} (and its sub-attribute {@code sub}, may be null) can
   * only be met by values the directory holds: nothing of it is ever kept.
   */
  public boolean alwaysMapped(ScimSchema in, AttributeDefinition attribute, String sub) {
    if (!keepable(attribute)) {
      return true;
    }
    List<AttributeRule> rules = rules(in, attribute);
    if (rules.isEmpty()) {
      return coveredAsMembers(in, attribute);
    }
    if (!attribute.isComplex()) {
      return true;
    }
    if (attribute.multiValued()) {
      return rules.stream().anyMatch(r -> !r.scim().hasValueFilter());
    }
    return sub != null && anyTargets(rules, sub);
  }

  /**
   * True when every element of the multi-valued {@code attribute} that meets {@code condition} is
   * one a rule takes (so none of them is kept): the condition's equality terms include all of a
   * rule's value filter, as {@code type eq "work"} does for {@code emails[type eq "work"].value}.
   */
  public boolean onlyTakenElements(
      ScimSchema in, AttributeDefinition attribute, ScimFilter condition) {
    ObjectNode wanted =
        new ScimPath(AttributePath.of(attribute.name()), condition, null).equalityTerms();
    for (AttributeRule rule : rules(in, attribute)) {
      if (!rule.scim().hasValueFilter()) {
        return true;
      }
      ObjectNode terms = rule.scim().equalityTerms();
      if (terms.size() != rule.scim().valueFilter().conjuncts().size()) {
        continue;
      }
      boolean implied = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = terms.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> term = it.next();
        JsonNode w = JsonFields.field(wanted, term.getKey());
        implied &= w != null && same(w, term.getValue());
      }
      if (implied) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    return a.isTextual() && b.isTextual() ? a.asText().equalsIgnoreCase(b.asText()) : a.equals(b);
  }

  private JsonNode unmapped(ScimSchema in, AttributeDefinition def, JsonNode value) {
    if (JsonFields.isUnassigned(value)) {
      return null;
    }
    List<AttributeRule> rules = rules(in, def);
    if (rules.isEmpty()) {
      return coveredAsMembers(in, def) ? null : value.deepCopy();
    }
    if (!def.isComplex()) {
      return null;
    }
    if (!def.multiValued()) {
      if (!(value instanceof ObjectNode complex)) {
        return null;
      }
      ObjectNode out = JSON.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = complex.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> sub = it.next();
        if (!anyTargets(rules, sub.getKey()) && !JsonFields.isUnassigned(sub.getValue())) {
          out.set(sub.getKey(), sub.getValue().deepCopy());
        }
      }
      return out.isEmpty() ? null : out;
    }
    ArrayNode out = JSON.arrayNode();
    for (JsonNode element : value.isArray() ? value : JSON.arrayNode().add(value)) {
      if (!anyTakes(rules, element, def)) {
        out.add(element.deepCopy());
      }
    }
    return out.isEmpty() ? null : out;
  }

  private void merge(ObjectNode into, AttributeDefinition def, JsonNode kept) {
    JsonNode present = JsonFields.field(into, def.name());
    if (JsonFields.isUnassigned(present)) {
      JsonFields.put(into, def.name(), kept.deepCopy());
      return;
    }
    if (def.multiValued() && present instanceof ArrayNode mapped && kept.isArray()) {
      boolean keptPrimary = false;
      for (JsonNode e : kept) {
        keptPrimary |= e.path("primary").asBoolean(false);
      }
      if (keptPrimary) {
        mapped.forEach(e -> clearPrimary(e));
      }
      kept.forEach(e -> mapped.add(e.deepCopy()));
      return;
    }
    if (def.isComplex() && present instanceof ObjectNode mapped && kept instanceof ObjectNode k) {
      k.fields()
          .forEachRemaining(
              sub -> {
                if (JsonFields.isUnassigned(JsonFields.field(mapped, sub.getKey()))) {
                  mapped.set(sub.getKey(), sub.getValue().deepCopy());
                }
              });
    }
  }

  private static void clearPrimary(JsonNode element) {
    if (element instanceof ObjectNode o && o.has("primary")) {
      o.remove("primary");
    }
  }

  private static ObjectNode holder(ObjectNode resource, String urn) {
    JsonNode existing = JsonFields.field(resource, urn);
    if (existing instanceof ObjectNode o) {
      return o;
    }
    ObjectNode created = resource.putObject(urn);
    JsonNode schemas = resource.get("schemas");
    if (schemas instanceof ArrayNode list) {
      list.add(urn);
    }
    return created;
  }

  /** Attributes a client sets and reads: not read-only, not write-only, returned. */
  private static boolean keepable(AttributeDefinition def) {
    return def.mutability() != Mutability.READ_ONLY
        && def.mutability() != Mutability.WRITE_ONLY
        && def.returned() != Returned.NEVER
        && !def.name().equalsIgnoreCase("id")
        && !def.name().equalsIgnoreCase("meta");
  }

  /** {@code members} of a type with a members rule is the directory's. */
  private boolean coveredAsMembers(ScimSchema in, AttributeDefinition def) {
    return in == schema.core()
        && def.name().equalsIgnoreCase("members")
        && mapping.membersRule().isPresent();
  }

  /** The rules that give the resource values of {@code def}: read rules, and the store's. */
  private List<AttributeRule> rules(ScimSchema in, AttributeDefinition def) {
    return rulesOf.getOrDefault(in, Map.of()).getOrDefault(def, List.of());
  }

  /** Whether one of the rules reads back sub-attribute {@code sub} of a complex attribute. */
  private static boolean anyTargets(List<AttributeRule> rules, String sub) {
    for (AttributeRule rule : rules) {
      String target = rule.scim().targetSubAttribute();
      if (target == null || target.equalsIgnoreCase(sub)) {
        return true;
      }
    }
    return false;
  }

  /** Whether one of the rules reads back this element of a multi-valued attribute. */
  private boolean anyTakes(List<AttributeRule> rules, JsonNode element, AttributeDefinition def) {
    for (AttributeRule rule : rules) {
      if (!rule.scim().hasValueFilter()
          || (element.isObject()
              && FilterEvaluator.matchesValue(rule.scim().valueFilter(), element, def, schema))) {
        return true;
      }
    }
    return false;
  }
}
