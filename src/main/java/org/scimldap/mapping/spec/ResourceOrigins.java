package org.scimldap.mapping.spec;

import java.util.List;
import java.util.Objects;

/**
 * Where the parts of one resource type are written in its mapping file ({@code file:line:column}),
 * so that a check against a directory can point at the line to change.
 *
 * @param type the resource type's own key
 * @param objectClasses each entry of {@code objectClasses}, in order
 * @param container the {@code container} value
 * @param searchBase the {@code searchBase} value (the container's place when it is not written)
 * @param rdn the {@code rdn} value
 * @param id the {@code id} value (the type's place when it is not written)
 * @param members the {@code members} section (the type's place when there is none)
 */
public record ResourceOrigins(
    String type,
    List<String> objectClasses,
    String container,
    String searchBase,
    String rdn,
    String id,
    String members) {

  public ResourceOrigins {
    Objects.requireNonNull(type);
    objectClasses = List.copyOf(objectClasses);
    Objects.requireNonNull(container);
    Objects.requireNonNull(searchBase);
    Objects.requireNonNull(rdn);
    Objects.requireNonNull(id);
    Objects.requireNonNull(members);
  }

  /** The place of the object class at {@code index} in {@code objectClasses}. */
  public String objectClass(int index) {
    return index < objectClasses.size() ? objectClasses.get(index) : type;
  }
}
