package org.scimldap.scim.schema;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.path.AttributePath;

/**
 * The attributes named by an {@code attributes} or {@code excludedAttributes} list (RFC 7644
 * §3.4.2.5), resolved against one resource schema: whole schemas, whole attributes and single
 * sub-attributes. Lookups are case-insensitive. A path the schema does not know is kept under the
 * schema it names (the core schema when unqualified), so attributes a resource carries beyond its
 * schema can still be selected by name.
 */
final class AttributeSelection {
  private final boolean empty;
  private final Set<String> wholeSchemas = new HashSet<>();
  private final Set<String> wholeAttributes = new HashSet<>();
  private final Map<String, Set<String>> subAttributes = new HashMap<>();

  private AttributeSelection(boolean empty) {
    this.empty = empty;
  }

  static AttributeSelection of(ResourceSchema schema, List<AttributePath> paths) {
    AttributeSelection selection = new AttributeSelection(paths.isEmpty());
    for (AttributePath path : paths) {
      selection.add(schema, path);
    }
    return selection;
  }

  /** True when the list was empty (which is not the same as naming nothing this schema knows). */
  boolean isEmpty() {
    return empty;
  }

  /** The attribute is named by itself or through its whole schema. */
  boolean namesWhole(ScimSchema owner, String attribute) {
    return !empty && (namesSchema(owner) || wholeAttributes.contains(key(owner.id(), attribute)));
  }

  boolean namesSchema(ScimSchema owner) {
    return !empty && wholeSchemas.contains(lower(owner.id()));
  }

  /** Lower-cased names of the sub-attributes of this attribute named as {@code attr.sub}. */
  Set<String> namedSubAttributes(ScimSchema owner, String attribute) {
    if (empty) {
      return Set.of();
    }
    return subAttributes.getOrDefault(key(owner.id(), attribute), Set.of());
  }

  private void add(ResourceSchema schema, AttributePath path) {
    Optional<ResourceSchema.Resolved> attribute = schema.resolve(path.parent());
    if (attribute.isPresent()) {
      String owner = attribute.get().schema().id();
      String name = attribute.get().attribute().name();
      Optional<AttributeDefinition> sub =
          path.hasSubAttribute()
              ? attribute.get().attribute().subAttribute(path.subAttribute())
              : Optional.empty();
      record(owner, name, sub.map(AttributeDefinition::name).orElse(path.subAttribute()));
      return;
    }
    Optional<ScimSchema> whole = wholeSchema(schema, path);
    if (whole.isPresent()) {
      wholeSchemas.add(lower(whole.get().id()));
      return;
    }
    String owner = path.schemaUrn() != null ? path.schemaUrn() : schema.core().id();
    record(owner, path.name(), path.subAttribute());
  }

  /** A bare schema URN parses as (URN minus its last segment, last segment), e.g. (…:2.0, User). */
  private static Optional<ScimSchema> wholeSchema(ResourceSchema schema, AttributePath path) {
    if (path.schemaUrn() == null || path.hasSubAttribute()) {
      return Optional.empty();
    }
    return schema.schema(path.schemaUrn() + ":" + path.name());
  }

  private void record(String owner, String name, String sub) {
    String key = key(owner, name);
    if (sub == null) {
      wholeAttributes.add(key);
    } else {
      subAttributes.computeIfAbsent(key, k -> new HashSet<>()).add(lower(sub));
    }
  }

  private static String key(String owner, String attribute) {
    return lower(owner) + "|" + lower(attribute);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
