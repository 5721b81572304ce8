package org.scimldap.mapping.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.spec.MembersRule;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;

/**
 * Group membership between SCIM and LDAP: SCIM {@code members} (ids) to member DNs and back, and
 * the single-value changes between two member lists. Ids and DNs are looked up in resolved {@link
 * References}; the placeholder of empty groups is {@link GroupPlaceholder}'s business.
 */
public final class GroupMembers {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private GroupMembers() {}

  /** Single-value member adds and deletes from {@code before} to {@code after}. */
  static List<Modification> changes(
      MembersRule rule, ObjectNode before, ObjectNode after, Entry current, References refs) {
    Set<String> was = ids(before);
    Set<String> now = ids(after);
    DN group = Entries.dn(current);
    List<DN> added = new ArrayList<>();
    for (String id : now) {
      if (!was.contains(id)) {
        added.add(member(id, refs, group));
      }
    }
    List<DN> removed = new ArrayList<>();
    for (String id : was) {
      if (!now.contains(id)) {
        refs.dnOf(id).ifPresent(removed::add);
      }
    }
    return new GroupPlaceholder(rule)
        .change(current.getAttributeValues(rule.ldap()), added, removed);
  }

  /** Member ids of a group resource, in order, without duplicates. */
  public static Set<String> ids(ObjectNode resource) {
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

  /** The member DNs of a new group resource. */
  static Set<DN> dns(ObjectNode resource, References refs) {
    Set<DN> dns = new LinkedHashSet<>();
    for (String id : ids(resource)) {
      dns.add(member(id, refs));
    }
    return dns;
  }

  /** The DN of a member id; an id that names no resource is a 400. */
  public static DN member(String id, References refs) {
    return refs.dnOf(id)
        .orElseThrow(
            () -> ScimException.invalidValue("members: no User or Group has the id '" + id + "'"));
  }

  /** As {@link #member(String, References)}; a group cannot be its own member. */
  public static DN member(String id, References refs, DN group) {
    DN member = member(id, refs);
    if (member.equals(group)) {
      throw ScimException.invalidValue(
          "members: a group cannot be a member of itself ('" + id + "')");
    }
    return member;
  }

  /** The member DNs of an entry, without the placeholder and values that are not DNs. */
  static List<DN> memberDns(Entry entry, MembersRule rule) {
    GroupPlaceholder placeholder = new GroupPlaceholder(rule);
    List<DN> dns = new ArrayList<>();
    String[] raw = entry.getAttributeValues(rule.ldap());
    for (String v : raw == null ? new String[0] : raw) {
      try {
        DN dn = new DN(v);
        if (!placeholder.is(dn)) {
          dns.add(dn);
        }
      } catch (LDAPException e) {
        // A member value that is not a DN cannot name a SCIM resource; it is left out.
      }
    }
    return dns;
  }

  /** SCIM {@code members} of an entry: the member DNs that name resources, in order. */
  static ArrayNode toScim(Entry entry, MembersRule rule, References refs) {
    ArrayNode array = JSON.arrayNode();
    for (DN dn : memberDns(entry, rule)) {
      refs.targetOf(dn)
          .ifPresent(t -> array.addObject().put("value", t.id()).put("type", t.resourceType()));
    }
    return array;
  }

  /**
   * SCIM {@code groups} (RFC 7643 §4.1.2) from an entry's resolved memberships, in their order:
   * {@code value} (the group's id), {@code display} when the group has a display name, and {@code
   * type} {@code direct} (the gateway reads direct memberships only). Empty when there are none, so
   * the attribute is unassigned.
   */
  static Optional<ArrayNode> groupsToScim(List<References.Membership> memberships) {
    if (memberships.isEmpty()) {
      return Optional.empty();
    }
    ArrayNode array = JSON.arrayNode();
    for (References.Membership m : memberships) {
      ObjectNode group = array.addObject().put("value", m.id());
      if (!m.display().isEmpty()) {
        group.put("display", m.display());
      }
      group.put("type", "direct");
    }
    return Optional.of(array);
  }
}
