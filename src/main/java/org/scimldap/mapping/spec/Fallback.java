package org.scimldap.mapping.spec;

import java.util.List;
import java.util.Objects;
import org.scimldap.scim.path.ScimPath;

/**
 * Where a rule takes its value from when its own SCIM path has none (for attributes the object
 * class requires): another SCIM path, or a template such as {@code "{name.givenName}
 * {name.familyName}"} that yields a value only when every path in it has one.
 */
public sealed interface Fallback permits Fallback.FromPath, Fallback.FromTemplate {

  /** The values at another SCIM path. */
  record FromPath(ScimPath path) implements Fallback {
    public FromPath {
      Objects.requireNonNull(path);
    }
  }

  /**
   * Literal text and SCIM paths, joined.
   *
   * @param template the template as written, for messages
   * @param parts literal {@link String}s and {@link ScimPath}s, in order
   */
  record FromTemplate(String template, List<Object> parts) implements Fallback {
    public FromTemplate {
      parts = List.copyOf(parts);
    }
  }
}
