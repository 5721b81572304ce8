package org.scimldap.mapping.spec;

import java.util.List;
import java.util.Objects;

/**
 * An LDAP attribute a mapping writes without a SCIM attribute of its own: a constant ({@code
 * groupType} of a new Active Directory group) or a template of SCIM values ({@code
 * userPrincipalName} from {@code userName} and a suffix). Write-only: never read back.
 */
public sealed interface DerivedValue permits DerivedValue.Constant, DerivedValue.Template {

  /** The LDAP attribute written. */
  String ldap();

  /** True when it is written only on create (an entry's later value is left alone). */
  boolean onCreateOnly();

  /** Where the rule is in the mapping file, for messages. */
  String origin();

  /** Fixed values. */
  record Constant(String ldap, List<String> values, boolean onCreateOnly, String origin)
      implements DerivedValue {
    public Constant {
      Objects.requireNonNull(ldap);
      values = List.copyOf(values);
    }
  }

  /**
   * A template of SCIM paths and text, e.g. {@code "{userName}@corp.example.com"}; it gives a value
   * only when every path in it has one. The value goes through {@code transform} (text steps).
   */
  record Template(
      String ldap,
      Fallback.FromTemplate template,
      ValueTransform transform,
      boolean onCreateOnly,
      String origin)
      implements DerivedValue {
    public Template {
      Objects.requireNonNull(ldap);
      Objects.requireNonNull(template);
      Objects.requireNonNull(transform);
    }
  }
}
