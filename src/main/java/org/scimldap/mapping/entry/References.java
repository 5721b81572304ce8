package org.scimldap.mapping.entry;

import com.unboundid.ldap.sdk.DN;
import java.util.HashMap;
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
 */
public record References(Map<String, DN> dnsById, Map<DN, Target> targetsByDn) {

  /** A resource a DN names: its SCIM id and resource type. */
  public record Target(String id, String resourceType) {
    public Target {
      Objects.requireNonNull(id);
      Objects.requireNonNull(resourceType);
    }
  }

  private static final References NONE = new References(Map.of(), Map.of());

  public References {
    dnsById = Map.copyOf(dnsById);
    targetsByDn = Map.copyOf(targetsByDn);
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

  /** Both tables; where they disagree, {@code other} wins. */
  public References and(References other) {
    if (other.dnsById.isEmpty() && other.targetsByDn.isEmpty()) {
      return this;
    }
    Map<String, DN> dns = new HashMap<>(dnsById);
    dns.putAll(other.dnsById);
    Map<DN, Target> targets = new HashMap<>(targetsByDn);
    targets.putAll(other.targetsByDn);
    return new References(dns, targets);
  }

  /** A table builder, for resolvers. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects resolved references; {@link #build()} freezes them. */
  public static final class Builder {
    private final Map<String, DN> dns = new HashMap<>();
    private final Map<DN, Target> targets = new HashMap<>();

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

    public References build() {
      return new References(dns, targets);
    }
  }
}
