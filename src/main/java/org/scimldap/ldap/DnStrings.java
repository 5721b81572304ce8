package org.scimldap.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;

/**
 * DNs as the gateway sends them: written the way every directory reads them. RFC 4514 requires
 * escaping {@code , + " \ < > ;}, a leading space or {@code #} and a trailing space; Active
 * Directory also refuses an unescaped {@code =} in a value (RFC 4514 allows escaping it), so it is
 * escaped too, and control characters are written as {@code \XX}.
 */
public final class DnStrings {
  private DnStrings() {}

  /** The DN as sent to directories, and as written in DN-valued attributes and filters. */
  public static String of(DN dn) {
    StringBuilder out = new StringBuilder();
    RDN[] rdns = dn.getRDNs();
    for (int i = 0; i < rdns.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      append(out, rdns[i]);
    }
    return out.toString();
  }

  public static String of(RDN rdn) {
    StringBuilder out = new StringBuilder();
    append(out, rdn);
    return out.toString();
  }

  private static void append(StringBuilder out, RDN rdn) {
    String[] names = rdn.getAttributeNames();
    String[] values = rdn.getAttributeValues();
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        out.append('+');
      }
      out.append(names[i]).append('=');
      escape(out, values[i]);
    }
  }

  private static void escape(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean edgeSpace = c == ' ' && (i == 0 || i == value.length() - 1);
      if (",+\"\\<>;=".indexOf(c) >= 0 || edgeSpace || (c == '#' && i == 0)) {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append('\\').append(String.format("%02X", (int) c));
      } else {
        out.append(c);
      }
    }
  }
}
