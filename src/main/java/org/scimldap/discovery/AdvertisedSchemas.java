package org.scimldap.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.Mutability;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.Returned;
import org.scimldap.scim.schema.ScimSchema;
import org.scimldap.scim.schema.Uniqueness;

/**
 * The schemas a resource type advertises on {@code /Schemas} (RFC 7643 §7, RFC 7644 §4): the
 * schemas of its {@link ResourceSchema}, narrowed to the attributes its mapping carries.
 *
 * <ul>
 *   <li>An attribute is kept when the {@code scim} path of some rule resolves to it, whatever the
 *       rule's direction (a write-only {@code password} is kept), when it is the naming source
 *       ({@code rdnSource}), or when it is {@code members} and the mapping has a members rule.
 *       Fallback paths do not count: they are only consulted when the rule's own path is empty.
 *   <li>Of a complex attribute only the mapped sub-attributes are kept: the rule's sub-attribute
 *       ({@code name.givenName}, {@code emails[...].value}), the sub-attributes its value filter
 *       mentions ({@code type} in {@code emails[type eq "work"]}), {@code primary} when the rule
 *       sets {@code primary: true}, and all of them when a rule maps the complex value as a whole.
 *       {@code members} keeps {@code value}, {@code $ref} and {@code type}; {@code groups}, kept
 *       when the mapping says where they come from, keeps {@code value}, {@code $ref}, {@code
 *       display} and {@code type}.
 *   <li>The common attributes {@code id}, {@code externalId} and {@code meta} (RFC 7643 §3.1) are
 *       never listed, as in the schemas the RFC publishes (§8.7.1).
 *   <li>Characteristics are those of the full schema, except {@code required}: true for the naming
 *       source (the gateway cannot create an entry without it), otherwise as the schema says; and
 *       {@code uniqueness}: {@code server} for the naming source and for what a rule with {@code
 *       unique: true} maps (the gateway checks both).
 *   <li>The core schema is always returned; an extension only when some attribute of it is kept, or
 *       when the mapping makes it required.
 * </ul>
 */
final class AdvertisedSchemas {
  private static final Set<String> COMMON = Set.of("id", "externalid", "meta");
  private static final List<String> MEMBER_SUBS = List.of("value", "$ref", "type");
  private static final List<String> GROUP_SUBS = List.of("value", "$ref", "display", "type");
  private static final String WHOLE = "*";

  /** Per schema URN, per attribute name (both lower-cased), the sub-attribute names kept. */
  private final Map<String, Map<String, Set<String>>> used = new HashMap<>();

  /** Lower-cased {@code urn|attribute} and {@code urn|attribute.sub} that are required. */
  private final Set<String> required = new LinkedHashSet<>();

  /** Keys, as for {@link #required}, that some rule writes; and those only read. */
  private final Set<String> written = new LinkedHashSet<>();

  private final Set<String> readOnly = new LinkedHashSet<>();

  /** Keys of the naming attribute and of {@code unique: true} rules: unique among the entries. */
  private final Set<String> unique = new LinkedHashSet<>();

  private final ResourceSchema schema;

  private AdvertisedSchemas(ResourceSchema schema) {
    this.schema = schema;
  }

  /** The core schema followed by the extensions that keep at least one attribute. */
  static List<ScimSchema> of(ResourceMapping mapping) {
    AdvertisedSchemas advertised = new AdvertisedSchemas(mapping.schema());
    for (AttributeRule rule : mapping.rules()) {
      advertised.use(rule.scim(), rule.primary());
      if (rule.unique()) {
        advertised.unique.addAll(advertised.keys(rule.scim()));
      }
      advertised
          .keys(rule.scim())
          .forEach(
              k -> (rule.direction().writes() ? advertised.written : advertised.readOnly).add(k));
    }
    if (mapping.unmapped() == ResourceMapping.Unmapped.KEEP) {
      advertised.useEverythingKept(mapping.schema());
    }
    advertised.use(mapping.rdnSource(), false);
    advertised.markRequired(mapping.rdnSource());
    advertised.unique.addAll(advertised.keys(mapping.rdnSource()));
    advertised.readOnly.removeAll(advertised.written);
    ScimSchema core = mapping.schema().core();
    mapping
        .membersRule()
        .flatMap(rule -> core.attribute("members"))
        .ifPresent(members -> advertised.subs(core, members).addAll(MEMBER_SUBS));
    mapping
        .groupsRule()
        .flatMap(rule -> core.attribute("groups"))
        .ifPresent(groups -> advertised.subs(core, groups).addAll(GROUP_SUBS));
    List<ScimSchema> out = new ArrayList<>();
    out.add(advertised.narrow(core));
    for (ScimSchema extension : mapping.schema().extensions()) {
      ScimSchema narrowed = advertised.narrow(extension);
      if (!narrowed.attributes().isEmpty() || mapping.schema().requires(extension.id())) {
        out.add(narrowed);
      }
    }
    return out;
  }

  /**
   * One schema for two resource types that share its URN: the union of what each keeps. An
   * attribute or sub-attribute is required only when both require it.
   */
  static ScimSchema merge(ScimSchema a, ScimSchema b) {
    return new ScimSchema(
        a.id(), a.name(), a.description(), mergeAll(a.attributes(), b.attributes()));
  }

  private static List<AttributeDefinition> mergeAll(
      List<AttributeDefinition> a, List<AttributeDefinition> b) {
    Map<String, AttributeDefinition> out = new LinkedHashMap<>();
    for (AttributeDefinition def : a) {
      out.put(
          key(def.name()),
          find(b, def.name())
              .map(
                  other ->
                      copy(
                          def,
                          def.required() && other.required(),
                          mergeAll(def.subAttributes(), other.subAttributes())))
              .orElse(copy(def, false, def.subAttributes())));
    }
    for (AttributeDefinition def : b) {
      out.putIfAbsent(key(def.name()), copy(def, false, def.subAttributes()));
    }
    return List.copyOf(out.values());
  }

  /**
   * With {@code unmapped: keep}, every attribute a client may set round-trips (through the store
   * where no rule maps it): all of them are advertised, whole, and writable.
   */
  private void useEverythingKept(ResourceSchema of) {
    for (ScimSchema s : of.allSchemas()) {
      for (AttributeDefinition def : s.attributes()) {
        if (def.mutability() == Mutability.READ_ONLY
            || def.returned() == Returned.NEVER
            || COMMON.contains(key(def.name()))) {
          continue;
        }
        subs(s, def).add(WHOLE);
        written.add(key(s.id()) + "|" + key(def.name()));
      }
    }
  }

  private void use(ScimPath path, boolean primary) {
    Optional<ResourceSchema.Resolved> found = schema.resolve(path.attribute().parent());
    if (found.isEmpty()) {
      return;
    }
    AttributeDefinition attribute = found.get().attribute();
    Set<String> subs = subs(found.get().schema(), attribute);
    if (!attribute.isComplex()) {
      return;
    }
    String target = path.targetSubAttribute();
    subs.add(target == null ? WHOLE : key(target));
    if (path.hasValueFilter()) {
      filterNames(path.valueFilter(), subs);
    }
    if (primary) {
      subs.add("primary");
    }
  }

  private void markRequired(ScimPath path) {
    schema
        .resolve(path.attribute().parent())
        .ifPresent(
            found -> {
              String attribute = key(found.schema().id()) + "|" + key(found.attribute().name());
              required.add(attribute);
              String sub = path.targetSubAttribute();
              if (sub != null) {
                required.add(attribute + "." + key(sub));
              }
            });
  }

  /** The keys a path names: its attribute, and its sub-attribute when it names one. */
  private List<String> keys(ScimPath path) {
    return schema
        .resolve(path.attribute().parent())
        .map(
            found -> {
              String attribute = key(found.schema().id()) + "|" + key(found.attribute().name());
              String sub = path.targetSubAttribute();
              return sub == null ? List.of(attribute) : List.of(attribute + "." + key(sub));
            })
        .orElse(List.of());
  }

  private Set<String> subs(ScimSchema owner, AttributeDefinition attribute) {
    return used.computeIfAbsent(key(owner.id()), k -> new HashMap<>())
        .computeIfAbsent(key(attribute.name()), k -> new LinkedHashSet<>());
  }

  /** Adds the (relative) attribute names a value filter mentions, e.g. {@code type}. */
  private static void filterNames(ScimFilter filter, Set<String> into) {
    filter.leafPaths().forEach(path -> into.add(relativeName(path)));
  }

  private static String relativeName(AttributePath path) {
    return key(path.name());
  }

  private ScimSchema narrow(ScimSchema full) {
    Map<String, Set<String>> kept = used.getOrDefault(key(full.id()), Map.of());
    List<AttributeDefinition> attributes = new ArrayList<>();
    for (AttributeDefinition def : full.attributes()) {
      Set<String> subs = kept.get(key(def.name()));
      if (subs == null || COMMON.contains(key(def.name()))) {
        continue;
      }
      String where = key(full.id()) + "|" + key(def.name());
      List<AttributeDefinition> keptSubs = new ArrayList<>();
      for (AttributeDefinition sub : def.subAttributes()) {
        if (subs.contains(WHOLE) || subs.contains(key(sub.name()))) {
          String subKey = where + "." + key(sub.name());
          boolean subRequired = sub.required() || required.contains(subKey);
          keptSubs.add(characteristics(copy(sub, subRequired, sub.subAttributes()), subKey));
        }
      }
      attributes.add(
          characteristics(copy(def, def.required() || required.contains(where), keptSubs), where));
    }
    return new ScimSchema(full.id(), full.name(), full.description(), attributes);
  }

  private static Optional<AttributeDefinition> find(List<AttributeDefinition> defs, String name) {
    return defs.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * What the mapping changes in an attribute's characteristics: one that is only read from the
   * directory is {@code readOnly}; the naming attribute and {@code unique: true} rules are unique
   * among the type's entries.
   */
  private AttributeDefinition characteristics(AttributeDefinition def, String key) {
    Mutability mutability = readOnly.contains(key) ? Mutability.READ_ONLY : def.mutability();
    Uniqueness uniqueness = unique.contains(key) ? Uniqueness.SERVER : def.uniqueness();
    return new AttributeDefinition(
        def.name(),
        def.type(),
        def.multiValued(),
        def.description(),
        def.required(),
        def.caseExact(),
        mutability,
        def.returned(),
        uniqueness,
        def.canonicalValues(),
        def.referenceTypes(),
        def.subAttributes());
  }

  private static AttributeDefinition copy(
      AttributeDefinition def, boolean isRequired, List<AttributeDefinition> subAttributes) {
    return new AttributeDefinition(
        def.name(),
        def.type(),
        def.multiValued(),
        def.description(),
        isRequired,
        def.caseExact(),
        def.mutability(),
        def.returned(),
        def.uniqueness(),
        def.canonicalValues(),
        def.referenceTypes(),
        subAttributes);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
