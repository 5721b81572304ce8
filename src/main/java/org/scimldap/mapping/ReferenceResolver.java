package org.scimldap.mapping;

import com.unboundid.ldap.sdk.DN;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Turns SCIM ids into DNs and back, for reference attributes (members, manager). */
public interface ReferenceResolver {

  /** A resolved reference: the SCIM id and the resource type it belongs to. */
  record Target(String id, String resourceType) {}

  /** The DN of the resource with this id, if it exists. */
  Optional<DN> dnOf(String id);

  /** The ids of the entries with these DNs; DNs that are not SCIM resources are left out. */
  Map<DN, Target> targetsOf(Collection<DN> dns);
}
