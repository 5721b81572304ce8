package org.scimldap.mapping.entry;

import com.unboundid.ldap.sdk.DN;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * References between resources (group members, managers), resolved before the mapper runs: SCIM ids
 * to the DNs of their entries, and DNs to the ids and types of the resources they are. An immutable
 * table, so the mapper that reads it stays a pure function; a reference the table does not hold
 * names no resource.
 *
 * @param dnsById the DN of each resolved id
 * @param targetsByDn the resource each resolved DN is (DNs compare as RFC 4514 names)
 * @param groupsByMember the groups each entry (by DN) is a direct member of, in the order they are
 *     shown: what {@code groups} ({@link org.scimldap.mapping.spec.GroupsRule}) reads
 * @param groupsByDisplay the DNs of the groups whose display name is each key (lower case): what a
 *     filter on {@code groups.display} compares
 */
public record References(
    Map<String, DN> dnsById,
    Map<DN, Target> targetsByDn,
    Map<DN, List<Membership>> groupsByMember,
    Map<String, List<DN>> groupsByDisplay) {

  /** A resource a DN names: its SCIM id and resource type. */
  public record Target(String id, String resourceType) {
    public Target {
      Objects.requireNonNull(id);
      Objects.requireNonNull(resourceType);
    }
  }

  /**
   * A group an entry is a direct member of (RFC 7643 §4.1.2 {@code groups}): its SCIM id, resource
   * type and display name (empty when it has none).
   */
  public record Membership(String id, String resourceType, String display) {
    public Membership {
      Objects.requireNonNull(id);
      Objects.requireNonNull(resourceType);
      Objects.requireNonNull(display);
    }
  }

  private static final References NONE = new References(Map.of(), Map.of());

  public References {
    dnsById = Map.copyOf(dnsById);
    targetsByDn = Map.copyOf(targetsByDn);
    groupsByMember = Map.copyOf(groupsByMember);
    groupsByDisplay = Map.copyOf(groupsByDisplay);
  }

  /** References without group memberships. */
  public References(Map<String, DN> dnsById, Map<DN, Target> targetsByDn) {
    this(dnsById, targetsByDn, Map.of(), Map.of());
  }

  /** No references at all. */
  public static References none() {
    return NONE;
  }

  /** The DN of the resource with this id, if it was resolved. */
  public Optional<DN> dnOf(String id) {
    return Optional.ofNullable(dnsById.get(id));
  }

  /** The resource a DN names, if it was resolved to one. */
  public Optional<Target> targetOf(DN dn) {
    return Optional.ofNullable(targetsByDn.get(dn));
  }

  /** True when some entry's groups are known here; otherwise {@link #groupsOf} is always empty. */
  public boolean knowsGroups() {
    return !groupsByMember.isEmpty();
  }

  /** The groups the entry at {@code member} is a direct member of, if they were resolved. */
  public List<Membership> groupsOf(DN member) {
    return groupsByMember.getOrDefault(member, List.of());
  }

  /** The DNs of the groups whose display name is {@code display} (compared ignoring case). */
  public List<DN> groupsDisplayed(String display) {
    return groupsByDisplay.getOrDefault(display.toLowerCase(Locale.ROOT), List.of());
  }

  /** Both tables; where they disagree, {@code other} wins. */
  public References and(References other) {
    if (other.dnsById.isEmpty()
        && other.targetsByDn.isEmpty()
        && other.groupsByMember.isEmpty()
        && other.groupsByDisplay.isEmpty()) {
      return this;
    }
    Map<String, DN> dns = new HashMap<>(dnsById);
    dns.putAll(other.dnsById);
    Map<DN, Target> targets = new HashMap<>(targetsByDn);
    targets.putAll(other.targetsByDn);
    Map<DN, List<Membership>> groups = new HashMap<>(groupsByMember);
    groups.putAll(other.groupsByMember);
    Map<String, List<DN>> displays = new HashMap<>(groupsByDisplay);
    displays.putAll(other.groupsByDisplay);
    return new References(dns, targets, groups, displays);
  }

  /** A table builder, for resolvers. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects resolved references; {@link #build()} freezes them. */
  public static final class Builder {
    private final Map<String, DN> dns = new HashMap<>();
    private final Map<DN, Target> targets = new HashMap<>();
    private final Map<DN, List<Membership>> groups = new HashMap<>();
    private final Map<String, List<DN>> displays = new HashMap<>();

    private Builder() {}

    /** Records that resource {@code id} of {@code resourceType} is the entry at {@code dn}. */
    public Builder resource(String id, String resourceType, DN dn) {
      dns.put(id, dn);
      targets.put(dn, new Target(id, resourceType));
      return this;
    }

    /** Records only that {@code id} names the entry at {@code dn}. */
    public Builder dn(String id, DN dn) {
      dns.put(id, dn);
      return this;
    }

    /**
     * Records that {@code member} is a direct member of {@code group}; an entry's groups keep the
     * order they are recorded in.
     */
    public Builder membership(DN member, Membership group) {
      groups.computeIfAbsent(member, k -> new ArrayList<>()).add(group);
      return this;
    }

    /** Records that the group at {@code dn} has the display name {@code display}. */
    public Builder displayed(String display, DN dn) {
      displays.computeIfAbsent(display.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(dn);
      return this;
    }

    public References build() {
      Map<DN, List<Membership>> frozen = new HashMap<>();
      groups.forEach((dn, list) -> frozen.put(dn, List.copyOf(list)));
      Map<String, List<DN>> named = new HashMap<>();
      displays.forEach((d, list) -> named.put(d, List.copyOf(list)));
      return new References(dns, targets, frozen, named);
    }
  }
}
