package org.scimldap.mapping.spec;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * DN templates of a mapping file: DNs in which {@code {baseDn}} stands for {@code ldap.baseDn}. To
 * compare templates before the base DN is known, {@code {baseDn}} is read as one RDN of its own
 * (RFC 4514 §2); two templates compare only when both use it or neither does.
 */
public final class DnTemplates {
  static final String BASE = "{baseDn}";
  private static final String STAND_IN = "dc={baseDn}";

  private DnTemplates() {}

  /** The DN a template names under the base DN {@code baseDn}. */
  public static DN resolve(String template, String baseDn) throws LDAPException {
    return new DN(template.replace(BASE, baseDn));
  }

  /**
   * The entry filter {@code filter} with {@code {baseDn}} in its values (e.g. {@code
   * (!(memberOf=CN=Domain Admins,CN=Users,{baseDn}))}) replaced by {@code baseDn}, escaped as a
   * filter value (RFC 4515).
   */
  public static Filter resolve(Filter filter, String baseDn) throws LDAPException {
    String text = filter.toString();
    if (!text.contains(BASE)) {
      return filter;
    }
    return Filter.create(text.replace(BASE, Filter.encodeValue(baseDn)));
  }

  /** The template as a DN with {@code {baseDn}} as one RDN; fails on a template that is no DN. */
  static DN parse(String template) throws LDAPException {
    return new DN(template.replace(BASE, STAND_IN));
  }

  /**
   * Whether the entry a template names is {@code base} or below it; empty when that depends on the
   * base DN (one template uses {@code {baseDn}} and the other does not).
   */
  static Optional<Boolean> within(String template, String base) {
    if (template.contains(BASE) != base.contains(BASE)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(template).isDescendantOf(parse(base), true));
    } catch (LDAPException e) {
      return Optional.empty();
    }
  }

  /**
   * The deepest entry that is, or is above, every one of {@code templates}, as a template; empty
   * when they have none in common below the root (or some use {@code {baseDn}} and some do not).
   */
  static Optional<String> commonAncestor(List<String> templates) {
    if (templates.isEmpty()
        || templates.stream().map(t -> t.contains(BASE)).distinct().count() > 1) {
      return Optional.empty();
    }
    try {
      RDN[] common = reversed(parse(templates.get(0)));
      int length = common.length;
      for (String t : templates.subList(1, templates.size())) {
        RDN[] rdns = reversed(parse(t));
        int same = 0;
        while (same < Math.min(length, rdns.length) && rdns[same].equals(common[same])) {
          same++;
        }
        length = same;
      }
      if (length == 0) {
        return Optional.empty();
      }
      RDN[] ancestor = Arrays.copyOf(common, length);
      reverse(ancestor);
      return Optional.of(new DN(ancestor).toString().replace(STAND_IN, BASE));
    } catch (LDAPException e) {
      return Optional.empty();
    }
  }

  /** The RDNs of a DN from the root down. */
  private static RDN[] reversed(DN dn) {
    RDN[] rdns = dn.getRDNs().clone();
    reverse(rdns);
    return rdns;
  }

  private static void reverse(RDN[] rdns) {
    for (int i = 0, j = rdns.length - 1; i < j; i++, j--) {
      RDN t = rdns[i];
      rdns[i] = rdns[j];
      rdns[j] = t;
    }
  }
}
