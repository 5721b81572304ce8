package org.scimldap.scim.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.scimldap.scim.path.AttributePath;

/**
 * The schemas of one resource type (RFC 7643 §6): the core schema and its extensions, with
 * case-insensitive resolution of attribute paths. Attributes of an extension live in the resource
 * JSON under the extension's URN; core attributes live at the top level.
 *
 * @param name the resource type name, e.g. {@code User}
 * @param endpoint the endpoint, e.g. {@code /Users}
 * @param core the core schema
 * @param extensions extension schemas, in the order they are advertised
 * @param requiredExtensions URNs of the extensions a resource of this type must include (RFC 7643
 *     §6 {@code schemaExtensions.required})
 */
public record ResourceSchema(
    String name,
    String endpoint,
    ScimSchema core,
    List<ScimSchema> extensions,
    List<String> requiredExtensions) {

  public ResourceSchema {
    extensions = List.copyOf(extensions);
    requiredExtensions = List.copyOf(requiredExtensions);
  }

  /** A resource type whose extensions are all optional. */
  public ResourceSchema(
      String name, String endpoint, ScimSchema core, List<ScimSchema> extensions) {
    this(name, endpoint, core, extensions, List.of());
  }

  /** True when {@code urn} names an extension a resource of this type must include. */
  public boolean requires(String urn) {
    return requiredExtensions.stream().anyMatch(u -> u.equalsIgnoreCase(urn));
  }

  /** Where an attribute path lands: the schema that defines it and its definition. */
  public record Resolved(
      ScimSchema schema, AttributeDefinition attribute, AttributeDefinition sub) {
    /** True when the attribute is in an extension schema (nested under the URN in JSON). */
    public boolean inExtension(ResourceSchema owner) {
      return !schema.id().equalsIgnoreCase(owner.core().id());
    }

    /** The definition the path addresses: the sub-attribute when there is one. */
    public AttributeDefinition target() {
      return sub != null ? sub : attribute;
    }
  }

  /** The schema with this URN (case-insensitive), core or extension. */
  public Optional<ScimSchema> schema(String urn) {
    if (core.id().equalsIgnoreCase(urn)) {
      return Optional.of(core);
    }
    // A loop, not a stream: resources are walked through this attribute by attribute.
    for (ScimSchema s : extensions) {
      if (s.id().equalsIgnoreCase(urn)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * Resolves a path: with a URN, only in that schema; without one, the core schema first, then the
   * extensions in order. Empty when the schema, attribute or sub-attribute is unknown.
   */
  public Optional<Resolved> resolve(AttributePath path) {
    if (path.schemaUrn() != null) {
      return schema(path.schemaUrn()).flatMap(s -> resolveIn(List.of(s), path));
    }
    Optional<AttributeDefinition> inCore = core.attribute(path.name());
    return inCore.isPresent() ? resolved(core, inCore.get(), path) : resolveIn(extensions, path);
  }

  /** Resolves {@code path} in the first of {@code schemas} that has its attribute. */
  private static Optional<Resolved> resolveIn(List<ScimSchema> schemas, AttributePath path) {
    for (ScimSchema s : schemas) {
      Optional<AttributeDefinition> attr = s.attribute(path.name());
      if (attr.isEmpty()) {
        continue;
      }
      return resolved(s, attr.get(), path);
    }
    return Optional.empty();
  }

  private static Optional<Resolved> resolved(
      ScimSchema s, AttributeDefinition attr, AttributePath path) {
    if (!path.hasSubAttribute()) {
      return Optional.of(new Resolved(s, attr, null));
    }
    return attr.subAttribute(path.subAttribute()).map(sub -> new Resolved(s, attr, sub));
  }

  /**
   * How sets of top-level attributes name one across the core schema and the extensions: its name
   * in lower case, after the extension's URN and a colon for an extension's attribute.
   */
  public String topLevelKey(ScimSchema owner, String attribute) {
    String name = attribute.toLowerCase(Locale.ROOT);
    return owner.id().equalsIgnoreCase(core.id())
        ? name
        : owner.id().toLowerCase(Locale.ROOT) + ":" + name;
  }

  /** The {@link #topLevelKey} of the top-level attribute {@code path} names; empty when unknown. */
  public Optional<String> topLevelKey(AttributePath path) {
    return resolve(new AttributePath(path.schemaUrn(), path.name(), null))
        .map(r -> topLevelKey(r.schema(), r.attribute().name()));
  }

  /** The {@link #topLevelKey}s of the top-level attributes, of every schema, that {@code test}. */
  public Set<String> topLevelKeys(BiPredicate<ScimSchema, AttributeDefinition> test) {
    Set<String> keys = new HashSet<>();
    for (ScimSchema s : allSchemas()) {
      for (AttributeDefinition a : s.attributes()) {
        if (test.test(s, a)) {
          keys.add(topLevelKey(s, a.name()));
        }
      }
    }
    return keys;
  }

  /** The core schema followed by the extensions. */
  public List<ScimSchema> allSchemas() {
    return concat();
  }

  private List<ScimSchema> concat() {
    List<ScimSchema> all = new ArrayList<>();
    all.add(core);
    all.addAll(extensions);
    return List.copyOf(all);
  }
}
