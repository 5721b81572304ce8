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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;

/**
 * Group membership between SCIM and LDAP: SCIM {@code members} (ids) to member DNs and back, and
 * the single-value changes between two member lists, with the placeholder member that object
 * classes such as {@code groupOfNames} need while a group is empty.
 */
public final class GroupMembers {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private GroupMembers() {}

  /**
   * Single-value member adds and deletes, keeping the placeholder only while the group is empty.
   */
  static List<Modification> changes(
      MembersRule rule,
      ObjectNode before,
      ObjectNode after,
      Entry current,
      ReferenceResolver resolver) {
    Set<String> was = ids(before);
    Set<String> now = ids(after);
    List<Modification> mods = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (String id : now) {
      if (!was.contains(id)) {
        added.add(resolveMember(id, resolver, org.scimldap.ldap.Entries.dn(current)).toString());
      }
    }
    List<String> removed = new ArrayList<>();
    for (String id : was) {
      if (!now.contains(id)) {
        resolver.dnOf(id).ifPresent(dn -> removed.add(dn.toString()));
      }
    }
    Optional<DN> placeholder = rule.placeholderDn();
    boolean hasPlaceholder =
        placeholder.isPresent() && hasValue(current, rule.ldap(), placeholder.get());
    int remaining = realMemberCount(current, rule) - removed.size() + added.size();
    if (placeholder.isPresent() && remaining <= 0 && !hasPlaceholder) {
      mods.add(new Modification(ModificationType.ADD, rule.ldap(), placeholder.get().toString()));
    }
    if (!added.isEmpty()) {
      mods.add(new Modification(ModificationType.ADD, rule.ldap(), added.toArray(String[]::new)));
    }
    if (!removed.isEmpty()) {
      mods.add(
          new Modification(ModificationType.DELETE, rule.ldap(), removed.toArray(String[]::new)));
    }
    if (placeholder.isPresent() && remaining > 0 && hasPlaceholder) {
      mods.add(
          new Modification(ModificationType.DELETE, rule.ldap(), placeholder.get().toString()));
    }
    return mods;
  }

  private static int realMemberCount(Entry current, MembersRule rule) {
    String[] values = current.getAttributeValues(rule.ldap());
    if (values == null) {
      return 0;
    }
    int count = values.length;
    if (rule.placeholderDn().isPresent() && hasValue(current, rule.ldap(), rule.placeholder())) {
      count--;
    }
    return count;
  }

  private static boolean hasValue(Entry entry, String attribute, DN dn) {
    String[] values = entry.getAttributeValues(attribute);
    if (values == null) {
      return false;
    }
    for (String v : values) {
      if (sameDn(v, dn)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameDn(String value, DN dn) {
    try {
      return new DN(value).equals(dn);
    } catch (LDAPException e) {
      return false;
    }
  }

  /** Member ids of a group resource, in order, without duplicates. */
  static Set<String> ids(ObjectNode resource) {
    Set<String> ids = new LinkedHashSet<>();
    JsonNode members = JsonFields.field(resource, "members");
    if (members != null && members.isArray()) {
      for (JsonNode m : members) {
        JsonNode value = JsonFields.field(m, "value");
        if (value != null && value.isTextual() && !value.asText().isBlank()) {
          ids.add(value.asText());
        }
      }
    }
    return ids;
  }

  static Set<DN> dns(ObjectNode resource, ReferenceResolver resolver) {
    Set<DN> dns = new LinkedHashSet<>();
    for (String id : ids(resource)) {
      dns.add(resolveMember(id, resolver));
    }
    return dns;
  }

  /** The DN of a member id; an id that names no resource is a 400. */
  public static DN resolveMember(String id, ReferenceResolver resolver) {
    return resolver
        .dnOf(id)
        .orElseThrow(
            () -> ScimException.invalidValue("members: no User or Group has the id '" + id + "'"));
  }

  /** As {@link #resolveMember(String, ReferenceResolver)}; a group cannot be its own member. */
  public static DN resolveMember(String id, ReferenceResolver resolver, DN group) {
    DN member = resolveMember(id, resolver);
    if (member.equals(group)) {
      throw ScimException.invalidValue(
          "members: a group cannot be a member of itself ('" + id + "')");
    }
    return member;
  }

  static ArrayNode toScim(Entry entry, MembersRule rule, ReferenceResolver resolver) {
    ArrayNode array = JSON.arrayNode();
    String[] raw = entry.getAttributeValues(rule.ldap());
    if (raw == null) {
      return array;
    }
    List<DN> dns = new ArrayList<>();
    for (String v : raw) {
      try {
        DN dn = new DN(v);
        if (rule.placeholderDn().map(p -> !p.equals(dn)).orElse(true)) {
          dns.add(dn);
        }
      } catch (LDAPException e) {
        // A member value that is not a DN cannot name a SCIM resource; it is left out.
      }
    }
    Map<DN, ReferenceResolver.Target> targets = resolver.targetsOf(dns);
    for (DN dn : dns) {
      ReferenceResolver.Target t = targets.get(dn);
      if (t != null) {
        array.addObject().put("value", t.id()).put("type", t.resourceType());
      }
    }
    return array;
  }
}
