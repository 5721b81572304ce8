package org.scimldap.service;

/**
 * Entity-tag lists of {@code If-Match} and {@code If-None-Match} (RFC 9110 §13.1), compared weakly
 * (RFC 9110 §8.8.3.2): {@code W/"x"} and {@code "x"} name the same version; {@code *} names any.
 */
public final class Versions {
  private Versions() {}

  /** True when the header lists {@code version} or {@code *}. */
  public static boolean listed(String header, String version) {
    for (String tag : header.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || opaque(t).equals(opaque(version))) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
