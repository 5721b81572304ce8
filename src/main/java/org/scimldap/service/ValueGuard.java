package org.scimldap.service;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a modify computed from an entry as read hold only while the entry still holds the values it
 * was read with, for directories without the Assertion control (RFC 4528) such as Active Directory
 * and Samba: each replace of an attribute whose values were read becomes a delete of exactly those
 * values and an add of the new ones, in the same modify (an attribute that was absent is only added
 * to; one that is emptied only loses the values read). A modify is applied whole or not at all (RFC
 * 4511 §4.6), so when another request removed a value read in the meantime ({@code
 * noSuchAttribute}), or gave a single-valued attribute its value first ({@code
 * attributeOrValueExists}), nothing is written and the write is computed again from a fresh read. A
 * value that another request added to a multi-valued attribute stays: both changes land.
 *
 * <p>What the entry as read cannot tell is sent as it is: a replace of an attribute that was not
 * read or is never read back (a password), and the adds and deletes of single values (members),
 * which name their values already.
 */
final class ValueGuard {
  private final Set<String> readBack;
  private final Optional<Schema> schema;

  /**
   * @param readBack the attributes read whose values the entry shows as they are, in lower case
   *     ({@link org.scimldap.mapping.entry.EntryMapper#attributesReadBack})
   * @param schema the directory's schema, to find an attribute the entry holds under another of its
   *     names
   */
  ValueGuard(Set<String> readBack, Optional<Schema> schema) {
    this.readBack = Set.copyOf(readBack);
    this.schema = schema;
  }

  /**
   * The modifications to send in place of {@code modifications}, for an entry read as {@code
   * asRead}.
   */
  List<Modification> rewrite(Entry asRead, List<Modification> modifications) {
    List<Modification> out = new ArrayList<>();
    Map<String, byte[][]> replaced = new HashMap<>();
    for (Modification mod : modifications) {
      String name = mod.getAttributeName();
      String key = name.toLowerCase(Locale.ROOT);
      if (mod.getModificationType() != ModificationType.REPLACE || !readBack.contains(key)) {
        out.add(mod);
        continue;
      }
      byte[][] held = replaced.containsKey(key) ? replaced.get(key) : values(asRead, name);
      if (held.length > 0) {
        out.add(new Modification(ModificationType.DELETE, name, held));
      }
      if (mod.hasValue()) {
        out.add(new Modification(ModificationType.ADD, name, mod.getValueByteArrays()));
      }
      replaced.put(key, mod.getValueByteArrays());
    }
    return out;
  }

  private byte[][] values(Entry entry, String name) {
    Attribute a =
        schema.map(s -> entry.getAttribute(name, s)).orElseGet(() -> entry.getAttribute(name));
    return a == null ? new byte[0][] : a.getValueByteArrays();
  }
}
