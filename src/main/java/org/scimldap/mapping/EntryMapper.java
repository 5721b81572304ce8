package org.scimldap.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.schema.ScimSchema;

/**
 * Pure translation between SCIM resources (JSON) and directory entries for one resource type,
 * driven by its {@link ResourceMapping}. References are resolved through the {@link
 * ReferenceResolver} the caller passes in; nothing here opens a connection.
 */
public final class EntryMapper {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> META_ATTRIBUTES =
      List.of("objectClass", "createTimestamp", "modifyTimestamp", "entryCSN");

  private static final java.util.regex.Pattern UUID_TEXT =
      java.util.regex.Pattern.compile(
          "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

  private final ResourceMapping mapping;
  private final DN container;
  private final DN searchBase;

  public EntryMapper(ResourceMapping mapping, DN container, DN searchBase) {
    this.mapping = mapping;
    this.container = container;
    this.searchBase = searchBase;
  }

  /** Builds the mapper, putting {@code baseDn} into the mapping's DN templates. */
  public static EntryMapper forBase(
      ResourceMapping mapping, String baseDn, String containerOverride) {
    try {
      DN container =
          new DN(
              containerOverride != null
                  ? containerOverride
                  : mapping.container().replace("{baseDn}", baseDn));
      DN searchBase =
          containerOverride != null && mapping.searchBase().equals(mapping.container())
              ? container
              : new DN(mapping.searchBase().replace("{baseDn}", baseDn));
      return new EntryMapper(mapping, container, searchBase);
    } catch (LDAPException e) {
      throw new org.scimldap.config.ConfigException(
          "Invalid container for " + mapping.name() + ": " + e.getMessage(), e);
    }
  }

  public ResourceMapping mapping() {
    return mapping;
  }

  public DN container() {
    return container;
  }

  public DN searchBase() {
    return searchBase;
  }

  /** The RDN a resource's entry is named by; a missing naming value is a 400. */
  public RDN rdn(ObjectNode resource) {
    List<JsonNode> values = ScimValues.select(resource, mapping.rdnSource(), mapping.schema());
    String value = values.isEmpty() ? "" : values.get(0).asText();
    if (value.isBlank()) {
      throw ScimException.invalidValue(
          "Attribute '" + mapping.rdnSource() + "' is required for a " + mapping.name());
    }
    return new RDN(mapping.rdnAttribute(), value);
  }

  /** The DN a new resource gets. */
  public DN dnFor(ObjectNode resource) {
    return new DN(rdn(resource), container);
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
    return mapping.rules().stream().anyMatch(r -> r.source() == AttributeRule.Source.STORE);
  }

  /** The entry to add for a new resource. */
  public Entry newEntry(ObjectNode resource, ReferenceResolver resolver) {
    DN dn = dnFor(resource);
    Entry entry = new Entry(dn);
    entry.addAttribute("objectClass", mapping.objectClasses().toArray(String[]::new));
    ldapValues(resource, resolver)
        .forEach(
            (name, values) -> {
              if (!values.isEmpty()) {
                entry.addAttribute(name, values.toArray(String[]::new));
              }
            });
    entry.addAttribute(mapping.rdnAttribute(), dn.getRDN().getAttributeValues()[0]);
    mapping
        .membersRule()
        .ifPresent(
            rule -> {
              Set<DN> members = GroupMembers.dns(resource, resolver);
              if (members.isEmpty()) {
                rule.placeholderDn().ifPresent(p -> entry.addAttribute(rule.ldap(), p.toString()));
              } else {
                entry.addAttribute(
                    rule.ldap(), members.stream().map(DN::toString).toArray(String[]::new));
              }
            });
    return entry;
  }

  /**
   * The modifications that turn the entry of {@code before} into that of {@code after}: a replace
   * per changed attribute, and single-value adds and deletes for members. The naming attribute is
   * left out: a new name is a rename. {@code current} is the entry as read (for the placeholder).
   * With {@code members} false, membership is left alone (the caller changes it value by value).
   */
  public List<Modification> diff(
      ObjectNode before,
      ObjectNode after,
      Entry current,
      ReferenceResolver resolver,
      boolean members) {
    List<Modification> mods = new ArrayList<>();
    Map<String, List<String>> was = ldapValues(before, resolver);
    Map<String, List<String>> now = ldapValues(after, resolver);
    Set<String> names = new LinkedHashSet<>(was.keySet());
    names.addAll(now.keySet());
    for (String name : names) {
      if (name.equalsIgnoreCase(mapping.rdnAttribute())) {
        continue;
      }
      List<String> a = was.getOrDefault(name, List.of());
      List<String> b = now.getOrDefault(name, List.of());
      boolean same =
          ordered(name) ? a.equals(b) : new LinkedHashSet<>(a).equals(new LinkedHashSet<>(b));
      if (!same) {
        mods.add(new Modification(ModificationType.REPLACE, name, b.toArray(String[]::new)));
      }
    }
    if (members) {
      mapping
          .membersRule()
          .ifPresent(
              rule -> mods.addAll(GroupMembers.changes(rule, before, after, current, resolver)));
    }
    return mods;
  }

  /**
   * True for an attribute whose value order means something: the first value of a rule with {@code
   * primary} is the primary one, so moving {@code primary} rewrites the order.
   */
  private boolean ordered(String ldapAttribute) {
    return mapping.writeRules().stream()
        .anyMatch(r -> r.primary() && r.ldap().equalsIgnoreCase(ldapAttribute));
  }

  /** LDAP values per attribute (keys as the mapping spells them) for the writing rules. */
  Map<String, List<String>> ldapValues(ObjectNode resource, ReferenceResolver resolver) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Map<String, String> spelled = new LinkedHashMap<>();
    for (AttributeRule rule : mapping.writeRules()) {
      if (rule.source() != AttributeRule.Source.LDAP) {
        continue;
      }
      List<JsonNode> values = ScimValues.select(resource, rule.scim(), mapping.schema());
      for (int i = 0; values.isEmpty() && i < rule.fallbacks().size(); i++) {
        values = rule.fallbacks().get(i).values(resource, mapping.schema());
      }
      List<String> ldap = rule.transform().toLdap(values);
      if (rule.isReference()) {
        ldap =
            ldap.stream()
                .map(
                    id ->
                        resolver
                            .dnOf(id)
                            .orElseThrow(
                                () ->
                                    ScimException.invalidValue(
                                        "'"
                                            + rule.scim()
                                            + "' refers to '"
                                            + id
                                            + "', which is not a known id"))
                            .toString())
                .toList();
      }
      String key = rule.ldap().toLowerCase(Locale.ROOT);
      spelled.putIfAbsent(key, rule.ldap());
      out.put(spelled.get(key), List.copyOf(new LinkedHashSet<>(ldap)));
    }
    return out;
  }

  /** LDAP attributes to request when reading entries of this type. */
  public List<String> attributesToFetch(boolean withMembers) {
    Set<String> attrs = new LinkedHashSet<>(META_ATTRIBUTES);
    attrs.add(mapping.idAttribute());
    attrs.add(mapping.rdnAttribute());
    for (AttributeRule rule : mapping.readRules()) {
      if (rule.source() == AttributeRule.Source.LDAP) {
        attrs.add(rule.ldap());
      }
    }
    if (withMembers) {
      mapping.membersRule().ifPresent(r -> attrs.add(r.ldap()));
    }
    return List.copyOf(attrs);
  }

  /**
   * The SCIM resource for an entry (without {@code meta}): {@code schemas}, {@code id}, the
   * store-kept {@code externalId}, the mapped attributes and, when asked, {@code members}.
   */
  public ObjectNode toScim(
      Entry entry, String id, String externalId, ReferenceResolver resolver, boolean withMembers) {
    ObjectNode node = JSON.objectNode();
    ArrayNode schemas = node.putArray("schemas");
    schemas.add(mapping.schema().core().id());
    node.put("id", id);
    for (AttributeRule rule : mapping.readRules()) {
      if (rule.source() == AttributeRule.Source.STORE) {
        if (externalId != null) {
          ScimValues.put(
              node, rule.scim(), List.of(JSON.textNode(externalId)), false, mapping.schema());
        }
        continue;
      }
      String[] raw = entry.getAttributeValues(rule.ldap());
      List<String> ldap = raw == null ? List.of() : List.of(raw);
      if (rule.isReference()) {
        ldap = referencedIds(ldap, resolver);
        if (ldap.isEmpty()) {
          continue;
        }
      }
      List<JsonNode> values = rule.transform().toScim(ldap);
      if (!values.isEmpty() && ScimValues.select(node, rule.scim(), mapping.schema()).isEmpty()) {
        ScimValues.put(node, rule.scim(), values, rule.primary(), mapping.schema());
      }
    }
    if (withMembers) {
      mapping
          .membersRule()
          .ifPresent(rule -> node.set("members", GroupMembers.toScim(entry, rule, resolver)));
    }
    for (ScimSchema ext : mapping.schema().extensions()) {
      if (node.has(ext.id())) {
        schemas.add(ext.id());
      }
    }
    return node;
  }

  private static List<String> referencedIds(List<String> dnValues, ReferenceResolver resolver) {
    List<DN> dns = new ArrayList<>();
    for (String v : dnValues) {
      try {
        dns.add(new DN(v));
      } catch (LDAPException e) {
        // Not a DN: it cannot be a reference to a SCIM resource.
      }
    }
    Map<DN, ReferenceResolver.Target> targets = resolver.targetsOf(dns);
    return dns.stream().filter(targets::containsKey).map(dn -> targets.get(dn).id()).toList();
  }

  /**
   * False when {@code id} cannot be an id of this type, without asking the directory: ids from
   * {@code entryUUID} or {@code objectGUID} are lower-case UUIDs (RFC 4122), as the gateway writes
   * them.
   */
  public boolean plausibleId(String id) {
    String attr = mapping.idAttribute();
    if (attr.equalsIgnoreCase("entryUUID") || attr.equalsIgnoreCase("objectGUID")) {
      return isUuid(id);
    }
    return !id.isBlank();
  }

  /** True for a lower-case UUID in its usual text form. */
  public static boolean isUuid(String text) {
    return UUID_TEXT.matcher(text).matches();
  }

  /** The immutable id of an entry as a SCIM id; entries without one cannot be served. */
  public Optional<String> immutableId(Entry entry) {
    return Optional.ofNullable(entry.getAttributeValue(mapping.idAttribute()))
        .map(s -> s.toLowerCase(Locale.ROOT));
  }

  /** True when an entry's object classes make it a resource of this type. */
  public boolean matches(Entry entry) {
    try {
      return mapping.entryFilter().matchesEntry(entry);
    } catch (LDAPException e) {
      return false;
    }
  }
}
