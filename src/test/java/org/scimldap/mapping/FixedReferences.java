package org.scimldap.mapping;

import com.unboundid.ldap.sdk.DN;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A {@link ReferenceResolver} over a fixed table of ids, DNs and resource types. */
final class FixedReferences implements ReferenceResolver {
  private final Map<String, DN> dns = new HashMap<>();
  private final Map<DN, Target> targets = new HashMap<>();

  FixedReferences with(String id, String dn, String resourceType) {
    DN parsed = dn(dn);
    dns.put(id.toLowerCase(Locale.ROOT), parsed);
    targets.put(parsed, new Target(id, resourceType));
    return this;
  }

  @Override
  public Optional<DN> dnOf(String id) {
    return Optional.ofNullable(dns.get(id.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Map<DN, Target> targetsOf(Collection<DN> wanted) {
    Map<DN, Target> out = new HashMap<>();
    for (DN dn : wanted) {
      if (targets.containsKey(dn)) {
        out.put(dn, targets.get(dn));
      }
    }
    return out;
  }

  private static DN dn(String dn) {
    try {
      return new DN(dn);
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      throw new IllegalArgumentException(dn, e);
    }
  }
}
