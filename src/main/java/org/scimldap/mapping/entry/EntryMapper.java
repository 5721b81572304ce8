package org.scimldap.mapping.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.scimldap.config.ConfigException;
import org.scimldap.ldap.DnStrings;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.mapping.spec.DerivedValue;
import org.scimldap.mapping.spec.DnTemplates;
import org.scimldap.mapping.spec.Fallback;
import org.scimldap.mapping.spec.GroupsRule;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.mapping.spec.ReadRuleIndex;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.mapping.spec.ValueTransform;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.ScimSchema;

/**
 * Pure translation between SCIM resources (JSON) and directory entries for one resource type,
 * driven by its {@link ResourceMapping}: to SCIM, to a new entry, and the modifications between two
 * versions of a resource. References (members, managers) are resolved by the caller beforehand, in
 * one batch, into the {@link References} it passes in ({@link #referencedDns} and {@link
 * #referencedIds} say which are needed); nothing here searches the directory or touches the store.
 */
public final class EntryMapper {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> META_ATTRIBUTES =
      List.of("objectClass", "createTimestamp", "modifyTimestamp", "entryCSN", "uSNChanged");

  private final ResourceMapping mapping;
  private final Containers containers;

  /** {@link #attributesToFetch} without and with members, worked out once. */
  private final List<String> toFetch;

  private final List<String> toFetchWithMembers;

  /** The mapping's rules that read from LDAP and those that write to it, sorted out once. */
  private final List<AttributeRule> readRules;

  /** The LDAP attributes the read rules read, numbered. */
  private final AttributeNames readNames;

  /** The number in {@link #readNames} of each read rule's attribute (by index); -1 for none. */
  private final int[] readNameOf;

  private final List<AttributeRule> writeRules;

  /** The LDAP attribute of each of {@link #writeRules}, in lower case (empty for the store's). */
  private final String[] writeKeys;

  /** {@link #namingRules(List, ResourceMapping)}, worked out once. */
  private final List<AttributeRule> namingRules;

  /**
   * The top-level attributes ({@link ResourceSchema#topLevelKey}) each writing rule takes values
   * from, fallbacks included; no entry for a rule one of whose paths the schema does not resolve.
   */
  private final Map<AttributeRule, Set<String>> ruleInputs = new IdentityHashMap<>();

  /** The LDAP attributes whose value order means something ({@link #ordered}), in lower case. */
  private final Set<String> orderedAttributes = new HashSet<>();

  /** Which parts of a resource the mapping's rules read, worked out once. */
  private final UnmappedValues unmappedValues;

  /** The read rules by the attribute they give values to, for filters. */
  private final ReadRuleIndex readRuleIndex;

  private final boolean usesStore;

  /** {@link #tlsOnlyAttributes()} and {@link #writeOnlyAttributes()}, worked out once. */
  private final Set<String> tlsOnly;

  private final Set<String> writeOnly;

  public EntryMapper(ResourceMapping mapping, Containers containers) {
    this.mapping = mapping;
    this.containers = containers;
    this.readRules = mapping.readRules();
    this.readNames =
        new AttributeNames(
            readRules.stream().map(AttributeRule::ldap).filter(Objects::nonNull).toList());
    this.readNameOf =
        readRules.stream()
            .mapToInt(r -> r.ldap() == null ? -1 : readNames.indexOf(r.ldap()))
            .toArray();
    this.writeRules = mapping.writeRules();
    this.namingRules = namingRules(writeRules, mapping);
    this.writeKeys =
        writeRules.stream().map(r -> r.ldap().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    for (int r = 0; r < writeRules.size(); r++) {
      AttributeRule rule = writeRules.get(r);
      inputsOf(rule).ifPresent(inputs -> ruleInputs.put(rule, inputs));
      if (rule.primary()) {
        orderedAttributes.add(writeKeys[r]);
      }
    }
    this.toFetch = fetched(mapping, false);
    this.toFetchWithMembers = fetched(mapping, true);
    this.unmappedValues = new UnmappedValues(mapping);
    this.readRuleIndex = new ReadRuleIndex(mapping);
    this.usesStore =
        mapping.rules().stream().anyMatch(r -> r.source() == AttributeRule.Source.STORE);
    this.tlsOnly = Collections.unmodifiableSet(tlsOnlyAttributes(writeRules));
    this.writeOnly = Collections.unmodifiableSet(writeOnlyAttributes(mapping));
  }

  /**
   * Builds the mapper, putting {@code baseDn} into the mapping's DN templates; {@code
   * containerOverride} (may be null) replaces the mapping's placement (see {@link
   * Containers#resolve}).
   */
  public static EntryMapper forBase(
      ResourceMapping mapping, String baseDn, String containerOverride) {
    ResourceMapping resolved;
    try {
      Filter protect = mapping.protection().orElse(null);
      resolved =
          mapping.withFilters(
              DnTemplates.resolve(mapping.entryFilter(), baseDn),
              protect == null ? null : DnTemplates.resolve(protect, baseDn));
    } catch (LDAPException e) {
      throw new ConfigException(
          "Invalid filter for " + mapping.name() + " under " + baseDn + ": " + e.getMessage(), e);
    }
    return new EntryMapper(resolved, Containers.resolve(resolved, baseDn, containerOverride));
  }

  /**
   * One mapper per resource type of {@code spec}; {@code containers} (by type name, as {@code
   * ldap.containers} sets them) replace the placements of those types.
   */
  public static List<EntryMapper> forSpec(
      MappingSpec spec, String baseDn, Map<String, String> containers) {
    return spec.resources().stream()
        .map(r -> forBase(r, baseDn, containers.get(r.name())))
        .toList();
  }

  /** What of a resource the mapping leaves unmapped (see {@link UnmappedValues}). */
  public UnmappedValues unmappedValues() {
    return unmappedValues;
  }

  /** The read rules by the attribute they give values to (see {@link ReadRuleIndex}). */
  public ReadRuleIndex readRuleIndex() {
    return readRuleIndex;
  }

  public ResourceMapping mapping() {
    return mapping;
  }

  /** Where the type's entries live: containers, search base, leavers. */
  public Containers containers() {
    return containers;
  }

  public DN searchBase() {
    return containers.searchBase();
  }

  /** The RDN a resource's entry is named by; a missing naming value is a 400. */
  public RDN rdn(ObjectNode resource) {
    List<JsonNode> values = ScimValues.select(resource, mapping.rdnSource(), mapping.schema());
    String value = values.isEmpty() ? "" : values.get(0).asText();
    if (value.isBlank()) {
      throw ScimException.invalidValue(
          "Attribute '" + mapping.rdnSource() + "' is required for a " + mapping.name());
    }
    return new RDN(mapping.rdnAttribute(), namingValue(value));
  }

  /**
   * The naming value as the rule that writes the naming attribute from the same path writes it (its
   * text steps applied, e.g. cut to Active Directory's 64 characters for {@code cn}), so that the
   * RDN and the attribute hold one value.
   */
  private String namingValue(String value) {
    for (AttributeRule rule : namingRules) {
      List<ASN1OctetString> written =
          rule.transform().toLdap(List.of(JSON.textNode(value)), List.of());
      if (!written.isEmpty() && !written.get(0).stringValue().isBlank()) {
        return written.get(0).stringValue();
      }
    }
    return value;
  }

  /**
   * The rules that write the naming attribute from the naming path with text steps, in the
   * mapping's order: those {@link #namingValue} applies.
   */
  private static List<AttributeRule> namingRules(
      List<AttributeRule> writeRules, ResourceMapping mapping) {
    List<AttributeRule> rules = new ArrayList<>();
    for (AttributeRule rule : writeRules) {
      boolean naming =
          rule.source() == AttributeRule.Source.LDAP
              && rule.ldap().equalsIgnoreCase(mapping.rdnAttribute())
              && rule.scim().toString().equalsIgnoreCase(mapping.rdnSource().toString());
      boolean text =
          rule.transform() instanceof ValueTransform.Text
              || (rule.transform() instanceof ValueTransform.Chain chain
                  && chain.last() instanceof ValueTransform.Text);
      if (naming && text) {
        rules.add(rule);
      }
    }
    return List.copyOf(rules);
  }

  /** The DN a new resource gets, in the container its placement gives it. */
  public DN dnFor(ObjectNode resource) {
    return new DN(rdn(resource), containers.forNew(resource));
  }

  /** The value a store-kept rule (externalId) has in the resource. */
  public Optional<String> storedValue(ObjectNode resource) {
    for (AttributeRule rule : mapping.rules()) {
      if (rule.source() == AttributeRule.Source.STORE && rule.direction().writes()) {
        List<JsonNode> values = ScimValues.select(resource, rule.scim(), mapping.schema());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).asText());
      }
    }
    return Optional.empty();
  }

  /** True when the mapping keeps some SCIM attribute in the correlation store. */
  public boolean usesStore() {
    return usesStore;
  }

  /**
   * The ids a resource refers to (members, reference attributes such as {@code manager.value}):
   * what {@link #newEntry} and {@link #diff} need resolved.
   */
  public Set<String> referencedIds(ObjectNode resource) {
    Set<String> ids = new LinkedHashSet<>();
    for (AttributeRule rule : writeRules) {
      if (rule.source() == AttributeRule.Source.LDAP && rule.isReference()) {
        rule.transform().toLdap(scimValues(rule, resource), List.of()).stream()
            .map(ASN1OctetString::stringValue)
            .forEach(ids::add);
      }
    }
    mapping.membersRule().ifPresent(rule -> ids.addAll(GroupMembers.ids(resource)));
    return ids;
  }

  /**
   * The ids a resource refers to through reference attributes such as {@code manager} (members
   * aside), by the SCIM path of the rule that names them.
   */
  public Map<String, Set<String>> attributeReferences(ObjectNode resource) {
    Map<String, Set<String>> ids = new LinkedHashMap<>();
    for (AttributeRule rule : writeRules) {
      if (rule.source() == AttributeRule.Source.LDAP && rule.isReference()) {
        rule.transform().toLdap(scimValues(rule, resource), List.of()).stream()
            .map(ASN1OctetString::stringValue)
            .forEach(
                id ->
                    ids.computeIfAbsent(rule.scim().toString(), k -> new LinkedHashSet<>())
                        .add(id));
      }
    }
    return ids;
  }

  /**
   * The DNs an entry refers to through reference attributes and, with {@code withMembers}, its
   * members: what {@link #toScim} needs resolved.
   */
  public Set<DN> referencedDns(Entry entry, boolean withMembers) {
    Set<DN> dns = new LinkedHashSet<>();
    for (AttributeRule rule : readRules) {
      if (rule.source() == AttributeRule.Source.LDAP && rule.isReference()) {
        String[] raw = entry.getAttributeValues(rule.ldap());
        dns.addAll(dnValues(raw == null ? List.of() : List.of(raw)));
      }
    }
    if (withMembers) {
      mapping.membersRule().ifPresent(rule -> dns.addAll(GroupMembers.memberDns(entry, rule)));
    }
    return dns;
  }

  /** The entry to add for a new resource; {@code refs} holds its {@link #referencedIds}. */
  public Entry newEntry(ObjectNode resource, References refs) {
    DN dn = dnFor(resource);
    Entry entry = new Entry(dn);
    entry.addAttribute("objectClass", mapping.objectClasses().toArray(String[]::new));
    ldapValues(resource, refs, null)
        .forEach(
            (name, values) -> {
              if (!values.isEmpty()) {
                entry.addAttribute(name, bytes(values));
              }
            });
    for (DerivedValue d : mapping.derived()) {
      List<ASN1OctetString> values = derivedValues(d, resource);
      if (!values.isEmpty()) {
        entry.addAttribute(d.ldap(), bytes(values));
      }
    }
    entry.addAttribute(mapping.rdnAttribute(), dn.getRDN().getAttributeValues()[0]);
    mapping
        .membersRule()
        .ifPresent(
            rule -> {
              List<String> values =
                  new GroupPlaceholder(rule).newGroupValues(GroupMembers.dns(resource, refs));
              if (!values.isEmpty()) {
                entry.addAttribute(rule.ldap(), values.toArray(String[]::new));
              }
            });
    return entry;
  }

  /**
   * The modifications that turn the entry of {@code before} into that of {@code after}: a replace
   * per changed attribute, and single-value adds and deletes for members. The naming attribute is
   * left out: a new name is a rename. {@code current} is the entry as read (for the placeholder);
   * {@code refs} holds the {@link #referencedIds} of both versions. With {@code members} false,
   * membership is left alone (the caller changes it value by value).
   */
  public List<Modification> diff(
      ObjectNode before, ObjectNode after, Entry current, References refs, boolean members) {
    List<Modification> mods = new ArrayList<>();
    // Only the LDAP attributes that some rule fills from a changed SCIM attribute can differ: the
    // others are worked out from the same values, twice.
    Set<String> changed = changedKeys(before, after);
    Set<String> affected = new HashSet<>();
    for (int r = 0; r < writeRules.size(); r++) {
      Set<String> inputs = ruleInputs.get(writeRules.get(r));
      if (inputs == null || !Collections.disjoint(inputs, changed)) {
        affected.add(writeKeys[r]);
      }
    }
    Map<String, List<ASN1OctetString>> was = ldapValues(before, refs, current, affected);
    Map<String, List<ASN1OctetString>> now = ldapValues(after, refs, current, affected);
    Set<String> names = new LinkedHashSet<>(was.keySet());
    names.addAll(now.keySet());
    for (String name : names) {
      if (name.equalsIgnoreCase(mapping.rdnAttribute())) {
        continue;
      }
      List<ASN1OctetString> a = was.getOrDefault(name, List.of());
      List<ASN1OctetString> b = now.getOrDefault(name, List.of());
      boolean same =
          ordered(name) ? a.equals(b) : new LinkedHashSet<>(a).equals(new LinkedHashSet<>(b));
      if (!same) {
        mods.add(new Modification(ModificationType.REPLACE, name, bytes(b)));
      }
    }
    for (DerivedValue d : mapping.derived()) {
      if (d.onCreateOnly()) {
        continue;
      }
      List<ASN1OctetString> wanted = derivedValues(d, after);
      List<ASN1OctetString> held =
          d instanceof DerivedValue.Constant
              ? rawValues(current, d.ldap())
              : derivedValues(d, before);
      if (!new LinkedHashSet<>(held).equals(new LinkedHashSet<>(wanted))) {
        mods.add(new Modification(ModificationType.REPLACE, d.ldap(), bytes(wanted)));
      }
    }
    if (members) {
      mapping
          .membersRule()
          .ifPresent(rule -> mods.addAll(GroupMembers.changes(rule, before, after, current, refs)));
    }
    return mods;
  }

  /** The values a constant or template gives for a resource. */
  private List<ASN1OctetString> derivedValues(DerivedValue d, ObjectNode resource) {
    if (d instanceof DerivedValue.Constant constant) {
      return constant.values().stream().map(ASN1OctetString::new).toList();
    }
    DerivedValue.Template template = (DerivedValue.Template) d;
    return template
        .transform()
        .toLdap(ScimValues.values(template.template(), resource, mapping.schema()), List.of());
  }

  /**
   * True for an attribute whose value order means something: the first value of a rule with {@code
   * primary} is the primary one, so moving {@code primary} rewrites the order.
   */
  private boolean ordered(String ldapAttribute) {
    return orderedAttributes.contains(ldapAttribute.toLowerCase(Locale.ROOT));
  }

  /** The top-level attributes whose values differ between two versions of a resource. */
  private Set<String> changedKeys(ObjectNode before, ObjectNode after) {
    ResourceSchema schema = mapping.schema();
    Set<String> changed = new HashSet<>();
    for (ScimSchema s : schema.allSchemas()) {
      boolean extension = s != schema.core();
      JsonNode was = extension ? JsonFields.field(before, s.id()) : before;
      JsonNode now = extension ? JsonFields.field(after, s.id()) : after;
      if (was instanceof ObjectNode w
          && now instanceof ObjectNode n
          && changedUnderSameKeys(schema, s, w, n, changed)) {
        continue;
      }
      for (AttributeDefinition a : s.attributes()) {
        JsonNode a1 = was == null ? null : JsonFields.field(was, a.name());
        JsonNode a2 = now == null ? null : JsonFields.field(now, a.name());
        if (!Objects.equals(a1, a2)) {
          changed.add(schema.topLevelKey(s, a.name()));
        }
      }
    }
    return changed;
  }

  /**
   * {@link #changedKeys} of schema {@code s}, where {@code was} and {@code now} have the very same
   * keys in the same order (as a PATCH of values leaves them): only the keys whose values differ
   * are looked up in the schema, and each attribute takes its values from the first key that names
   * it, as {@link JsonFields#field} finds it. False, adding nothing, when the keys differ, or when
   * a key beyond ASCII whose values differ is not found in the schema: the caller then compares
   * every attribute.
   */
  private static boolean changedUnderSameKeys(
      ResourceSchema schema, ScimSchema s, ObjectNode was, ObjectNode now, Set<String> changed) {
    if (was.size() != now.size()) {
      return false;
    }
    Iterator<String> other = now.fieldNames();
    for (Iterator<String> keys = was.fieldNames(); keys.hasNext(); ) {
      if (!keys.next().equals(other.next())) {
        return false;
      }
    }
    Set<String> found = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = was.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      if (field.getValue().equals(now.get(key))) {
        continue;
      }
      Optional<AttributeDefinition> a = s.attribute(key);
      if (a.isEmpty()) {
        // Attribute names are ASCII (ATTRNAME, RFC 7643 §2.1; schema files are checked for it): an
        // ASCII key that the schema does not find names none of them, ignoring case (an
        // extension's URN, say). Another may name one as equalsIgnoreCase compares.
        if (key.chars().allMatch(c -> c < 0x80)) {
          continue;
        }
        return false;
      }
      Optional<String> first = JsonFields.findKey(was, a.get().name());
      if (first.isEmpty()) {
        return false;
      }
      if (key.equals(first.get())) {
        found.add(schema.topLevelKey(s, a.get().name()));
      }
    }
    changed.addAll(found);
    return true;
  }

  /** The top-level attributes a rule's paths name; empty when the schema does not resolve one. */
  private Optional<Set<String>> inputsOf(AttributeRule rule) {
    List<ScimPath> paths = new ArrayList<>();
    paths.add(rule.scim());
    for (Fallback fallback : rule.fallbacks()) {
      if (fallback instanceof Fallback.FromPath fromPath) {
        paths.add(fromPath.path());
      } else {
        for (Object part : ((Fallback.FromTemplate) fallback).parts()) {
          if (part instanceof ScimPath path) {
            paths.add(path);
          }
        }
      }
    }
    Set<String> keys = new HashSet<>();
    for (ScimPath path : paths) {
      Optional<String> key = mapping.schema().topLevelKey(path.attribute());
      if (key.isEmpty()) {
        return Optional.empty();
      }
      keys.add(key.get());
    }
    return Optional.of(keys);
  }

  /**
   * LDAP values per attribute (keys as the mapping spells them) for the writing rules; {@code
   * current} is the entry as it is (null for a new one), for transforms that keep part of a value.
   */
  private Map<String, List<ASN1OctetString>> ldapValues(
      ObjectNode resource, References refs, Entry current) {
    return ldapValues(resource, refs, current, null);
  }

  /** {@link #ldapValues}, of only the LDAP attributes {@code only} names (lower case), or all. */
  private Map<String, List<ASN1OctetString>> ldapValues(
      ObjectNode resource, References refs, Entry current, Set<String> only) {
    Map<String, List<ASN1OctetString>> out = new LinkedHashMap<>();
    Map<String, String> spelled = new LinkedHashMap<>();
    for (int r = 0; r < writeRules.size(); r++) {
      AttributeRule rule = writeRules.get(r);
      String key = writeKeys[r];
      if (rule.source() != AttributeRule.Source.LDAP || (only != null && !only.contains(key))) {
        continue;
      }
      List<ASN1OctetString> ldap =
          rule.transform().toLdap(scimValues(rule, resource), rawValues(current, rule.ldap()));
      if (rule.isReference()) {
        ldap =
            ldap.stream()
                .map(ASN1OctetString::stringValue)
                .map(
                    id ->
                        refs.dnOf(id)
                            .orElseThrow(
                                () ->
                                    ScimException.invalidValue(
                                        "'"
                                            + rule.scim()
                                            + "' refers to '"
                                            + id
                                            + "', which is not a known id")))
                .map(DnStrings::of)
                .map(ASN1OctetString::new)
                .toList();
      }
      spelled.putIfAbsent(key, rule.ldap());
      out.put(spelled.get(key), List.copyOf(new LinkedHashSet<>(ldap)));
    }
    return out;
  }

  /** The values a writing rule takes from a resource: its path's, else its first fallback's. */
  private List<JsonNode> scimValues(AttributeRule rule, ObjectNode resource) {
    List<JsonNode> values = ScimValues.select(resource, rule.scim(), mapping.schema());
    for (int i = 0; values.isEmpty() && i < rule.fallbacks().size(); i++) {
      values = ScimValues.values(rule.fallbacks().get(i), resource, mapping.schema());
    }
    return values;
  }

  /**
   * The LDAP attributes that hold secrets the directory only takes over TLS (a rule whose transform
   * says so, such as {@code unicodePwd}), in lower case.
   */
  public Set<String> tlsOnlyAttributes() {
    return tlsOnly;
  }

  private static Set<String> tlsOnlyAttributes(List<AttributeRule> writeRules) {
    Set<String> names = new LinkedHashSet<>();
    for (AttributeRule rule : writeRules) {
      if (rule.source() == AttributeRule.Source.LDAP && rule.transform().needsTls()) {
        names.add(rule.ldap().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  /**
   * The LDAP attributes that hold write-only secrets (a rule whose transform never reads values
   * back, such as a password: {@code userPassword}, {@code unicodePwd}), in lower case: what the
   * directory returns of them, if anything, is no value the gateway wrote.
   */
  public Set<String> writeOnlyAttributes() {
    return writeOnly;
  }

  private static Set<String> writeOnlyAttributes(ResourceMapping mapping) {
    Set<String> names = new LinkedHashSet<>();
    for (AttributeRule rule : mapping.rules()) {
      if (rule.source() == AttributeRule.Source.LDAP && rule.transform().writeOnly()) {
        names.add(rule.ldap().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  /**
   * LDAP attributes to request when reading entries of this type: those the type's rules read and
   * those its modifications may change (so that a write can name the values it replaces), but never
   * a write-only secret ({@link #writeOnlyAttributes}), even where another rule reads it; with
   * {@code withMembers}, those of {@code members} and (from {@code memberOf}) of {@code groups}.
   */
  public List<String> attributesToFetch(boolean withMembers) {
    return withMembers ? toFetchWithMembers : toFetch;
  }

  /**
   * {@link #attributesToFetch}, without the directory attributes that only rules of {@code hidden}
   * top-level attributes ({@link #topLevelKey}) read: for an answer that will not show them. What
   * names, identifies, versions and dates the entry, and derived values, are always read.
   */
  public List<String> attributesToFetch(boolean withMembers, Set<String> hidden) {
    if (hidden.isEmpty()) {
      return attributesToFetch(withMembers);
    }
    Set<String> onlyHidden = new HashSet<>();
    Set<String> needed = new HashSet<>();
    for (AttributeRule rule : mapping.rules()) {
      if (rule.source() == AttributeRule.Source.LDAP) {
        String ldap = rule.ldap().toLowerCase(Locale.ROOT);
        (hidden.contains(topLevelKey(rule.scim().attribute())) ? onlyHidden : needed).add(ldap);
      }
    }
    onlyHidden.removeAll(needed);
    onlyHidden.remove(mapping.idAttribute().toLowerCase(Locale.ROOT));
    onlyHidden.remove(mapping.rdnAttribute().toLowerCase(Locale.ROOT));
    META_ATTRIBUTES.forEach(a -> onlyHidden.remove(a.toLowerCase(Locale.ROOT)));
    mapping.derived().forEach(d -> onlyHidden.remove(d.ldap().toLowerCase(Locale.ROOT)));
    List<String> fetched = new ArrayList<>();
    for (String a : attributesToFetch(withMembers)) {
      if (!onlyHidden.contains(a.toLowerCase(Locale.ROOT))) {
        fetched.add(a);
      }
    }
    return List.copyOf(fetched);
  }

  /**
   * What checking entries against a filter and ordering them needs, where neither names {@code
   * meta}: the id, and the attributes that the reading rules of the top-level attributes not {@code
   * hidden} read (all of them when {@code hidden} is empty); with {@code withMembers}, those of
   * {@code members} and (from {@code memberOf}) of {@code groups}. What only names, types, versions
   * or dates an entry is left out: a scan of every entry of the type then carries a few attributes
   * each, not all of them.
   */
  public List<String> attributesToCheck(boolean withMembers, Set<String> hidden) {
    Set<String> read = new HashSet<>();
    read.add(mapping.idAttribute().toLowerCase(Locale.ROOT));
    for (AttributeRule rule : readRules) {
      if (rule.source() == AttributeRule.Source.LDAP
          && !hidden.contains(topLevelKey(rule.scim().attribute()))) {
        read.add(rule.ldap().toLowerCase(Locale.ROOT));
      }
    }
    if (withMembers) {
      memberAttributes(mapping).forEach(a -> read.add(a.toLowerCase(Locale.ROOT)));
    }
    List<String> checked = new ArrayList<>();
    for (String a : attributesToFetch(withMembers)) {
      if (read.contains(a.toLowerCase(Locale.ROOT))) {
        checked.add(a);
      }
    }
    return List.copyOf(checked);
  }

  /**
   * A rule's top-level attribute as {@link ResourceSchema#topLevelKey} names it; a name the schema
   * does not resolve is kept as written, in lower case.
   */
  private String topLevelKey(AttributePath attribute) {
    return mapping
        .schema()
        .topLevelKey(attribute)
        .orElseGet(
            () ->
                (attribute.schemaUrn() == null ? "" : attribute.schemaUrn() + ":")
                        .toLowerCase(Locale.ROOT)
                    + attribute.name().toLowerCase(Locale.ROOT));
  }

  /**
   * The {@link ResourceSchema#topLevelKey}s of every top-level attribute but those {@code wanted}
   * names, for {@link #attributesToFetch(boolean, Set)}; none (hide nothing) when one of them is
   * not in the schema.
   */
  public Set<String> hiddenBut(Collection<AttributePath> wanted) {
    ResourceSchema schema = mapping.schema();
    Set<String> keep = new HashSet<>();
    for (AttributePath p : wanted) {
      Optional<String> key = schema.topLevelKey(p);
      if (key.isEmpty()) {
        return Set.of();
      }
      keep.add(key.get());
    }
    return schema.topLevelKeys((s, a) -> !keep.contains(schema.topLevelKey(s, a.name())));
  }

  private static List<String> fetched(ResourceMapping mapping, boolean withMembers) {
    Set<String> attrs = new LinkedHashSet<>(META_ATTRIBUTES);
    attrs.add(mapping.idAttribute());
    attrs.add(mapping.rdnAttribute());
    // A write-only secret (a password) is never asked for, whichever rule names its attribute: what
    // a directory would send of it (a hash) is no value of the resource's.
    Set<String> secrets = writeOnlyAttributes(mapping);
    for (AttributeRule rule : mapping.rules()) {
      if (rule.source() == AttributeRule.Source.LDAP
          && !secrets.contains(rule.ldap().toLowerCase(Locale.ROOT))) {
        attrs.add(rule.ldap());
      }
    }
    for (DerivedValue d : mapping.derived()) {
      if (!d.onCreateOnly()) {
        attrs.add(d.ldap());
      }
    }
    if (withMembers) {
      attrs.addAll(memberAttributes(mapping));
    }
    return List.copyOf(attrs);
  }

  /** The attributes of {@code members} and (from {@code memberOf}) of {@code groups}. */
  private static List<String> memberAttributes(ResourceMapping mapping) {
    List<String> attrs = new ArrayList<>();
    mapping.membersRule().ifPresent(r -> attrs.add(r.ldap()));
    mapping
        .groupsRule()
        .filter(g -> g.from() == GroupsRule.From.MEMBER_OF)
        .ifPresent(g -> attrs.add(g.ldap()));
    return attrs;
  }

  /**
   * The attributes whose values an entry read with {@link #attributesToFetch} shows as they are, in
   * lower case: those fetched but the {@link #writeOnlyAttributes} (which are not fetched anyway,
   * unless a derived value names one).
   */
  public Set<String> attributesReadBack(boolean withMembers) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : attributesToFetch(withMembers)) {
      names.add(name.toLowerCase(Locale.ROOT));
    }
    names.removeAll(writeOnlyAttributes());
    return names;
  }

  /**
   * The SCIM resource for an entry (without {@code meta}): {@code schemas}, {@code id}, the
   * store-kept {@code externalId}, the mapped attributes and, when asked, {@code members} and
   * {@code groups}; {@code refs} holds the entry's {@link #referencedDns} and, for {@code groups},
   * its memberships.
   */
  public ObjectNode toScim(
      Entry entry, String id, String externalId, References refs, boolean withMembers) {
    ObjectNode node = JSON.objectNode();
    ArrayNode schemas = node.putArray("schemas");
    schemas.add(mapping.schema().core().id());
    node.put("id", id);
    Attribute[] read = readAttributes(entry);
    for (int r = 0; r < readNameOf.length; r++) {
      AttributeRule rule = readRules.get(r);
      if (rule.source() == AttributeRule.Source.STORE) {
        if (externalId != null) {
          ScimValues.put(
              node, rule.scim(), List.of(JSON.textNode(externalId)), false, mapping.schema());
        }
        continue;
      }
      Attribute held = readNameOf[r] < 0 ? null : read[readNameOf[r]];
      List<ASN1OctetString> ldap = held == null ? List.of() : List.of(held.getRawValues());
      if (rule.isReference()) {
        ldap =
            referencedIds(ldap.stream().map(ASN1OctetString::stringValue).toList(), refs).stream()
                .map(ASN1OctetString::new)
                .toList();
        if (ldap.isEmpty()) {
          continue;
        }
      }
      List<JsonNode> converted = rule.transform().toScim(ldap);
      if (converted.isEmpty()) {
        // Most rules of a mapping find no value in a given entry: nothing to type or place.
        continue;
      }
      List<JsonNode> values = ScimValues.typed(converted, rule.scim(), mapping.schema());
      if (!values.isEmpty() && ScimValues.select(node, rule.scim(), mapping.schema()).isEmpty()) {
        ScimValues.put(node, rule.scim(), values, rule.primary(), mapping.schema());
      }
    }
    if (withMembers) {
      mapping
          .membersRule()
          .map(rule -> GroupMembers.toScim(entry, rule, refs))
          // An empty array is no value (RFC 7643 §2.5): an answer leaves it out.
          .filter(members -> !members.isEmpty())
          .ifPresent(members -> node.set("members", members));
      if (mapping.groupsRule().isPresent()) {
        GroupMembers.groupsToScim(refs.knowsGroups() ? refs.groupsOf(Entries.dn(entry)) : List.of())
            .ifPresent(groups -> node.set("groups", groups));
      }
    }
    for (ScimSchema ext : mapping.schema().extensions()) {
      if (node.has(ext.id())) {
        schemas.add(ext.id());
      }
    }
    return node;
  }

  private static List<String> referencedIds(List<String> dnValues, References refs) {
    List<String> ids = new ArrayList<>();
    for (DN dn : dnValues(dnValues)) {
      refs.targetOf(dn).ifPresent(t -> ids.add(t.id()));
    }
    return ids;
  }

  /**
   * The entry's attributes that read rules read, by their number in {@link #readNames} (names with
   * options, if any, compared ignoring case, as {@link Entry#getAttribute(String)} finds them);
   * null where the entry has none.
   */
  private Attribute[] readAttributes(Entry entry) {
    Attribute[] read = new Attribute[readNames.size()];
    for (Attribute a : entry.getAttributes()) {
      int n = readNames.indexOf(a.getName());
      if (n >= 0) {
        read[n] = a;
      }
    }
    return read;
  }

  /** The values of an attribute of an entry, as octet strings; none for a null entry. */
  private static List<ASN1OctetString> rawValues(Entry entry, String attribute) {
    Attribute a = entry == null ? null : entry.getAttribute(attribute);
    return a == null ? List.of() : List.of(a.getRawValues());
  }

  private static byte[][] bytes(List<ASN1OctetString> values) {
    return values.stream().map(ASN1OctetString::getValue).toArray(byte[][]::new);
  }

  private static List<DN> dnValues(List<String> values) {
    List<DN> dns = new ArrayList<>();
    for (String v : values) {
      try {
        dns.add(new DN(v));
      } catch (LDAPException e) {
        // Not a DN: it cannot be a reference to a SCIM resource.
      }
    }
    return dns;
  }

  /**
   * False when {@code id} cannot be an id of this type, without asking the directory: ids from
   * {@code entryUUID} or {@code objectGUID} are lower-case UUIDs (RFC 4122), as the gateway writes
   * them.
   */
  public boolean plausibleId(String id) {
    String attr = mapping.idAttribute();
    if (attr.equalsIgnoreCase("entryUUID")
        || attr.equalsIgnoreCase("objectGUID")
        || mapping.idTransform() instanceof ValueTransform.Binary) {
      return isUuid(id);
    }
    return !id.isBlank();
  }

  /**
   * The filter that selects the entry of resource {@code id}: an equality on the id attribute, with
   * the value the directory holds (for a binary id, its bytes, escaped as RFC 4515 §3 says).
   */
  public Filter idFilter(String id) {
    if (mapping.idTransform() instanceof ValueTransform.Binary binary) {
      return Filter.createEqualityFilter(mapping.idAttribute(), binary.bytes(id));
    }
    return Filter.createEqualityFilter(mapping.idAttribute(), id);
  }

  /**
   * True for a lower-case UUID in its usual text form: 8, 4, 4, 4 and 12 hexadecimal digits between
   * hyphens. Checked by hand, since every request by id asks.
   */
  public static boolean isUuid(String text) {
    if (text.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      boolean ok =
          i == 8 || i == 13 || i == 18 || i == 23
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The immutable id of an entry as a SCIM id; entries without one cannot be served. */
  public Optional<String> immutableId(Entry entry) {
    if (mapping.idTransform() instanceof ValueTransform.Binary binary) {
      return Optional.ofNullable(entry.getAttributeValueBytes(mapping.idAttribute()))
          .map(binary::text)
          .map(s -> s.toLowerCase(Locale.ROOT));
    }
    return Optional.ofNullable(entry.getAttributeValue(mapping.idAttribute()))
        .map(s -> s.toLowerCase(Locale.ROOT));
  }
}
