package org.scimldap.mapping.entry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed set of LDAP attribute descriptions (names, with options if any), each with a number, that
 * finds the number of a name ignoring case as LDAP does (RFC 4512 §2.5), without lowering the case
 * of the name it is asked about: a mapper asks for every attribute of every entry it reads.
 *
 * <p>Descriptions are ASCII (RFC 4512 §1.4 {@code keystring} and options), so only ASCII letters
 * are folded, on both sides.
 */
final class AttributeNames {
  private final String[] names;

  /** Open addressing: {@code slots[i]} is a number plus one, 0 where nothing is. */
  private final int[] slots;

  private final int mask;

  /** The distinct descriptions of {@code descriptions} (any case), numbered in order from 0. */
  AttributeNames(List<String> descriptions) {
    Map<String, Integer> distinct = new LinkedHashMap<>();
    for (String d : descriptions) {
      StringBuilder lower = new StringBuilder(d.length());
      d.chars().forEach(c -> lower.append(folded((char) c)));
      distinct.putIfAbsent(lower.toString(), distinct.size());
    }
    this.names = new ArrayList<>(distinct.keySet()).toArray(String[]::new);
    int size = Integer.highestOneBit(Math.max(4, names.length * 4) - 1) << 1;
    this.slots = new int[size];
    this.mask = size - 1;
    for (int n = 0; n < names.length; n++) {
      int i = hash(names[n]) & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = n + 1;
    }
  }

  /** How many distinct descriptions there are. */
  int size() {
    return names.length;
  }

  /** The number of {@code description} (any case), or -1 when it is not one of them. */
  int indexOf(String description) {
    for (int i = hash(description) & mask; ; i = (i + 1) & mask) {
      int slot = slots[i];
      if (slot == 0) {
        return -1;
      }
      if (sameFolded(names[slot - 1], description)) {
        return slot - 1;
      }
    }
  }

  /** True when {@code other} is {@code lower} once its ASCII capitals are lowered. */
  private static boolean sameFolded(String lower, String other) {
    if (lower.length() != other.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      if (lower.charAt(i) != folded(other.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A hash of the length and of the first, middle and last characters, case folded: the names of
   * one mapping differ there, and it costs the same whatever their length.
   */
  private static int hash(String s) {
    int n = s.length();
    if (n == 0) {
      return 0;
    }
    int h = 31 * n + folded(s.charAt(0));
    h = 31 * h + folded(s.charAt(n / 2));
    h = 31 * h + folded(s.charAt(n - 1));
    return h ^ (h >>> 16);
  }

  private static char folded(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
