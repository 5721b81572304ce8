package org.scimldap.http.auth;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.scimldap.config.RightsConfig;

/**
 * What one client may do: read and write resource types by name ({@code "*"} for every type), and
 * call the admin endpoints. Writing a type includes reading it.
 *
 * @param read types the client may read
 * @param write types the client may create, replace, patch and delete
 * @param admin whether the client may call the admin endpoints
 */
public record Rights(Set<String> read, Set<String> write, boolean admin) {
  /** Stands for every resource type. */
  public static final String EVERY_TYPE = "*";

  /** Every right there is. */
  public static final Rights ALL = new Rights(Set.of(EVERY_TYPE), Set.of(EVERY_TYPE), true);

  /** The scope that grants reading every type; {@code scim:read:User} grants reading one. */
  static final String READ_SCOPE = "scim:read";

  /** The scope that grants writing every type; {@code scim:write:User} grants writing one. */
  static final String WRITE_SCOPE = "scim:write";

  /** The scope that grants the admin endpoints. */
  static final String ADMIN_SCOPE = "scim:admin";

  public Rights {
    read = Set.copyOf(read);
    write = Set.copyOf(write);
  }

  /** The rights of a configured client. */
  public static Rights of(RightsConfig config) {
    return new Rights(Set.copyOf(config.read()), Set.copyOf(config.write()), config.admin());
  }

  /**
   * The rights that OAuth scopes grant: {@code scim:read}, {@code scim:write} (every type), {@code
   * scim:read:TYPE}, {@code scim:write:TYPE} and {@code scim:admin}; other scopes grant nothing.
   */
  public static Rights ofScopes(Collection<String> scopes) {
    Set<String> read = new HashSet<>();
    Set<String> write = new HashSet<>();
    boolean admin = false;
    for (String scope : scopes) {
      admin |= scope.equals(ADMIN_SCOPE);
      grant(scope, READ_SCOPE, read);
      grant(scope, WRITE_SCOPE, write);
    }
    return new Rights(read, write, admin);
  }

  private static void grant(String scope, String prefix, Set<String> types) {
    if (scope.equals(prefix)) {
      types.add(EVERY_TYPE);
    } else if (scope.startsWith(prefix + ":") && scope.length() > prefix.length() + 1) {
      types.add(scope.substring(prefix.length() + 1));
    }
  }

  /** Whether the client may read resources of {@code type}. */
  public boolean mayRead(String type) {
    return mayWrite(type) || read.contains(EVERY_TYPE) || read.contains(type);
  }

  /** Whether the client may read and write every resource type. */
  public boolean mayWriteEvery() {
    return write.contains(EVERY_TYPE);
  }

  /** Whether the client may write resources of {@code type}. */
  public boolean mayWrite(String type) {
    return mayWriteEvery() || write.contains(type);
  }

  /** Whether the client may read every one of {@code types}. */
  public boolean mayReadAll(List<String> types) {
    return types.stream().allMatch(this::mayRead);
  }
}
