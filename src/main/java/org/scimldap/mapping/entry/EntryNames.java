package org.scimldap.mapping.entry;

import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether an entry's name is the one a mapping gives it, compared as names rather than as strings
 * (RFC 4514): attribute types ignore case and, where the directory's schema knows them, stand for
 * the same type under any of its names or its OID ({@code CN}, {@code cn}, {@code commonName},
 * {@code 2.5.4.3}); values are compared after the escaping is undone ({@code Doe\, Jane} and {@code
 * Doe\2C Jane} are one value). A value that differs in case is another name: that is what people
 * see, so a change of case still renames.
 */
public final class EntryNames {
  private EntryNames() {}

  /** True when {@code current} and {@code wanted} name an entry the same, as described above. */
  public static boolean same(RDN current, RDN wanted, Optional<Schema> schema) {
    String[] types = current.getAttributeNames();
    byte[][] values = current.getByteArrayAttributeValues();
    String[] wantedTypes = wanted.getAttributeNames();
    byte[][] wantedValues = wanted.getByteArrayAttributeValues();
    if (types.length != wantedTypes.length) {
      return false;
    }
    boolean[] matched = new boolean[wantedTypes.length];
    for (int i = 0; i < types.length; i++) {
      boolean found = false;
      for (int j = 0; j < wantedTypes.length && !found; j++) {
        if (!matched[j]
            && Arrays.equals(values[i], wantedValues[j])
            && sameType(types[i], wantedTypes[j], schema)) {
          matched[j] = true;
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** True when two attribute type names stand for the same type. */
  static boolean sameType(String a, String b, Optional<Schema> schema) {
    return a.equalsIgnoreCase(b) || oid(a, schema).equals(oid(b, schema));
  }

  /** The OID of a type, where the schema knows the name; else the name in lower case. */
  private static String oid(String type, Optional<Schema> schema) {
    return schema
        .map(s -> s.getAttributeType(type))
        .map(AttributeTypeDefinition::getOID)
        .orElse(type)
        .toLowerCase(Locale.ROOT);
  }
}
