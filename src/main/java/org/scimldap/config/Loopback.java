package org.scimldap.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Whether a host name or address is the loopback interface, reachable from this machine only. */
public final class Loopback {
  private Loopback() {}

  /**
   * True for {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}, and for a name that resolves
   * to a loopback address; false for a wildcard ({@code 0.0.0.0}, {@code ::}), a null, or a name
   * that does not resolve.
   */
  public static boolean is(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
