package org.scimldap.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * The host names and IP addresses a server certificate is for, and whether a host is one of them,
 * as RFC 6125 §6 has a client check them: an IP address only against the certificate's {@code
 * iPAddress} subject alternative names; a DNS name against its {@code dNSName}s, where {@code *}
 * may stand for the whole leftmost label, and against the subject's common name only when there is
 * no {@code dNSName}. No exception is made for loopback addresses: a certificate for {@code
 * dc1.corp.example.com} is not one for {@code 127.0.0.1}.
 *
 * @param dnsNames the {@code dNSName} subject alternative names, lower case
 * @param ipAddresses the {@code iPAddress} subject alternative names
 * @param commonName the most specific common name of the subject, when there is one
 */
record CertificateNames(
    List<String> dnsNames, List<String> ipAddresses, Optional<String> commonName) {
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;
  private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

  CertificateNames {
    dnsNames = dnsNames.stream().map(CertificateNames::normalized).toList();
    ipAddresses = List.copyOf(ipAddresses);
  }

  /** The names of {@code certificate}. */
  static CertificateNames of(X509Certificate certificate) {
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    Collection<List<?>> alternatives;
    try {
      alternatives = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      alternatives = null;
    }
    if (alternatives != null) {
      for (List<?> name : alternatives) {
        int type = (Integer) name.get(0);
        if (type == DNS_NAME) {
          dns.add((String) name.get(1));
        } else if (type == IP_ADDRESS) {
          ips.add((String) name.get(1));
        }
      }
    }
    return new CertificateNames(dns, ips, commonName(certificate.getSubjectX500Principal()));
  }

  /** True when {@code host} (a DNS name or an IP address, as in an LDAP URL) is one of these. */
  boolean matches(String host) {
    String h = normalized(host);
    Optional<InetAddress> address = ipAddress(h);
    if (address.isPresent()) {
      return ipAddresses.stream().map(CertificateNames::ipAddress).anyMatch(a -> a.equals(address));
    }
    if (!dnsNames.isEmpty()) {
      return dnsNames.stream().anyMatch(pattern -> dnsMatches(pattern, h));
    }
    return commonName.map(CertificateNames::normalized).filter(cn -> dnsMatches(cn, h)).isPresent();
  }

  /** The names a client may connect with: the DNS names and IP addresses, or the common name. */
  List<String> all() {
    List<String> names = new ArrayList<>(dnsNames);
    names.addAll(ipAddresses);
    if (dnsNames.isEmpty()) {
      commonName.ifPresent(names::add);
    }
    return List.copyOf(names);
  }

  /**
   * The names a client may connect with, for messages: e.g. {@code dc1.corp.example.com and
   * 127.0.0.1}, or {@code no host} when there is none.
   */
  String describe() {
    List<String> names = all();
    if (names.isEmpty()) {
      return "no host";
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  private static boolean dnsMatches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      String rest = pattern.substring(1);
      int firstDot = host.indexOf('.');
      return rest.indexOf('.', 1) > 0 && firstDot > 0 && host.substring(firstDot).equals(rest);
    }
    return pattern.equals(host);
  }

  /** An IP address literal as an address (never a name lookup); empty for a DNS name. */
  private static Optional<InetAddress> ipAddress(String text) {
    boolean v4 = IPV4.matcher(text).matches();
    if (!v4 && !text.contains(":")) {
      return Optional.empty();
    }
    try {
      // In brackets, text that is not an IPv6 address fails rather than being looked up as a name.
      return Optional.of(InetAddress.getByName(v4 ? text : "[" + text + "]"));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String normalized(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static Optional<String> commonName(X500Principal subject) {
    try {
      for (RDN rdn : new DN(subject.getName(X500Principal.RFC2253)).getRDNs()) {
        String[] names = rdn.getAttributeNames();
        for (int i = 0; i < names.length; i++) {
          if (names[i].equalsIgnoreCase("cn") || names[i].equals("2.5.4.3")) {
            return Optional.of(rdn.getAttributeValues()[i]);
          }
        }
      }
    } catch (LDAPException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
