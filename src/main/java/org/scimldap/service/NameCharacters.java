package org.scimldap.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.RDN;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;

/**
 * What names may hold, and how names compare for uniqueness. A name ({@code userName}, {@code
 * displayName}, and the value of the naming attribute of the entry) may not hold control (Unicode
 * category Cc: NUL, TAB, line breaks…) or format characters (Cf: zero-width space and joiners,
 * directional marks, soft hyphen…): they make names that look alike but are not the same (400
 * {@code invalidValue}). For uniqueness, names compare in their NFKC form, case-folded ({@link
 * #folded}): full-width {@code ａｌｉｃｅ} is {@code alice}, as OpenLDAP's matching rules compare them.
 * Letters of different scripts that look alike (Cyrillic {@code а}, Latin {@code a}) are different
 * letters, so those names are different names.
 */
final class NameCharacters {
  private NameCharacters() {}

  /**
   * Fails with 400 invalidValue when a name of {@code after} that differs from {@code before} (all
   * names, when {@code before} is null) holds a control or format character.
   */
  static void require(EntryMapper mapper, ObjectNode before, ObjectNode after) {
    Map<String, String> had = null;
    for (Map.Entry<String, String> name : names(mapper, after).entrySet()) {
      if (invisible(name.getValue()) < 0) {
        continue;
      }
      // Only a name that holds one is looked up in before: a name kept as it was may hold one.
      if (had == null) {
        had = before == null ? Map.of() : names(mapper, before);
      }
      if (!Objects.equals(had.get(name.getKey()), name.getValue())) {
        refuseInvisible(name.getKey(), name.getValue());
      }
    }
  }

  /** The value that names compare by for uniqueness: NFKC, then case-folded. */
  static String folded(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFKC)
        .toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> names(EntryMapper mapper, ObjectNode resource) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String attribute : new String[] {"userName", "displayName"}) {
      JsonNode value = JsonFields.field(resource, attribute);
      if (value != null && value.isTextual()) {
        names.put(attribute, value.asText());
      }
    }
    try {
      RDN rdn = mapper.rdn(resource);
      names.put(String.valueOf(mapper.mapping().rdnSource()), rdn.getAttributeValues()[0]);
    } catch (ScimException e) {
      // No naming value: the write fails on that, with its own error.
    }
    return names;
  }

  private static void refuseInvisible(String where, String value) {
    int i = invisible(value);
    if (i < 0) {
      return;
    }
    int cp = value.codePointAt(i);
    throw ScimException.invalidValue(
        where
            + ": contains the "
            + (Character.getType(cp) == Character.CONTROL ? "control" : "invisible format")
            + " character U+"
            + String.format("%04X", cp)
            + " at position "
            + i
            + "; names may not contain control or format characters");
  }

  /** Where the first control or format character of {@code value} is; -1 when it has none. */
  private static int invisible(String value) {
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }
}
