package org.scimldap.service;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.mapping.spec.ValueTransform;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.path.AttributePath;

/**
 * The uniqueness of the attributes whose rules say {@code unique: true} (published as {@code
 * uniqueness: server}, RFC 7643 §2.2): before an entry is added, and before a modify that gives
 * such an attribute a value the entry did not have, no other entry under the type's search base may
 * hold that value, whatever it is (on Active Directory, a computer or a group holding a {@code
 * sAMAccountName} collides too), as the directory compares it (LDAP equality on the value as it
 * would be written) or in its NFKC, case-folded form ({@link NameCharacters#folded}). One search
 * answers for all of a write's unique values: the OR of their equalities. The naming attribute is
 * checked on its own ({@link EntryWriter#requireUnique}).
 *
 * <p>The check runs before the write, so two requests at the same moment can both pass; a
 * directory-side uniqueness constraint (OpenLDAP's {@code unique} overlay, 389-ds attribute
 * uniqueness) closes that window where it matters.
 */
final class UniqueValues {
  private final EntryMapper mapper;
  private final Directory directory;
  private final List<AttributeRule> rules;

  UniqueValues(EntryMapper mapper, Directory directory) {
    this.mapper = mapper;
    this.directory = directory;
    this.rules =
        mapper.mapping().writeRules().stream()
            .filter(AttributeRule::unique)
            .filter(r -> !r.ldap().equalsIgnoreCase(mapper.mapping().rdnAttribute()))
            .toList();
  }

  /** One value to check, and the rule that writes it. */
  private record Wanted(AttributeRule rule, ASN1OctetString value) {}

  /**
   * Fails with 409 when another entry holds a unique value of the new {@code entry}; a value of a
   * rule with {@code unique: suffix} that is taken is first replaced, in {@code entry}, by the
   * value with the smallest free number appended.
   */
  void requireFree(Entry entry) {
    for (AttributeRule rule : rules) {
      if (rule.suffixOnClash() && entry.getAttributeValue(rule.ldap()) != null) {
        entry.setAttribute(rule.ldap(), freeValue(rule, entry.getAttributeValue(rule.ldap())));
      }
    }
    List<Wanted> wanted = new ArrayList<>();
    for (AttributeRule rule : rules) {
      Attribute a = entry.getAttribute(rule.ldap());
      if (a != null) {
        for (ASN1OctetString v : a.getRawValues()) {
          wanted.add(new Wanted(rule, v));
        }
      }
    }
    check(wanted, null);
  }

  /**
   * Fails with 409 when another entry holds a unique value that {@code modifications} give {@code
   * current}, which did not have it.
   */
  void requireFree(List<Modification> modifications, Entry current) {
    List<Wanted> wanted = new ArrayList<>();
    for (Modification mod : modifications) {
      if (mod.getModificationType() != ModificationType.REPLACE
          && mod.getModificationType() != ModificationType.ADD) {
        continue;
      }
      for (AttributeRule rule : rules) {
        if (!rule.ldap().equalsIgnoreCase(mod.getAttributeName())) {
          continue;
        }
        Attribute had = current.getAttribute(rule.ldap());
        for (ASN1OctetString v : mod.getRawValues()) {
          if (had == null || !had.hasValue(v.getValue())) {
            wanted.add(new Wanted(rule, v));
          }
        }
      }
    }
    check(wanted, Entries.dn(current));
  }

  private void check(List<Wanted> wanted, DN self) {
    if (wanted.isEmpty()) {
      return;
    }
    Set<Filter> equalities = new LinkedHashSet<>();
    Set<String> attributes = new LinkedHashSet<>();
    for (Wanted w : wanted) {
      equalities.add(Filter.createEqualityFilter(w.rule().ldap(), w.value().getValue()));
      if (!(w.rule().transform() instanceof ValueTransform.Binary)) {
        String text = w.value().stringValue();
        String folded = NameCharacters.folded(text);
        if (!folded.equals(text)) {
          equalities.add(Filter.createEqualityFilter(w.rule().ldap(), folded));
        }
      }
      attributes.add(w.rule().ldap());
    }
    Filter any =
        equalities.size() == 1
            ? equalities.iterator().next()
            : Filter.createORFilter(List.copyOf(equalities));
    List<Entry> clash = new ArrayList<>();
    directory.search(
        mapper.searchBase(), SearchScope.SUB, any, List.copyOf(attributes), clash::add);
    clash.removeIf(e -> self != null && Entries.dn(e).equals(self));
    if (!clash.isEmpty()) {
      Wanted taken = taken(wanted, clash.get(0)).orElse(wanted.get(0));
      throw ScimException.uniqueness(
          mapper.mapping().name()
              + " with "
              + attributeName(taken.rule())
              + shown(taken)
              + " already exists (unique LDAP attribute "
              + taken.rule().ldap()
              + ")");
    }
  }

  /**
   * {@code value}, or when another entry of the type holds it, the value with the smallest number
   * from 1 appended that none holds, cut so that it stays within the rule's length: {@code jsmith},
   * {@code jsmith1}, … ({@code alexandra.wilkinson} at 20 characters: {@code alexandra.wilkinso1}).
   * One search reads every value that starts as the candidates do.
   */
  private String freeValue(AttributeRule rule, String value) {
    int max = rule.maxLength();
    String stem =
        value.length() > Math.max(1, max - 3) ? value.substring(0, Math.max(1, max - 3)) : value;
    Set<String> held = new HashSet<>();
    directory.search(
        mapper.searchBase(),
        SearchScope.SUB,
        Filter.createSubstringFilter(rule.ldap(), stem, null, null),
        List.of(rule.ldap()),
        e -> {
          String[] values = e.getAttributeValues(rule.ldap());
          for (String v : values == null ? new String[0] : values) {
            held.add(v.toLowerCase(Locale.ROOT));
          }
        });
    if (!held.contains(value.toLowerCase(Locale.ROOT))) {
      return value;
    }
    for (int n = 1; n < 1000; n++) {
      String suffix = Integer.toString(n);
      String base =
          value.length() + suffix.length() > max
              ? value.substring(0, Math.max(1, max - suffix.length()))
              : value;
      String candidate = base + suffix;
      if (!held.contains(candidate.toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
    return value;
  }

  /** The value the other entry holds, as the gateway compares it (ignoring case). */
  private static Optional<Wanted> taken(List<Wanted> wanted, Entry other) {
    return wanted.stream()
        .filter(
            w -> {
              Attribute a = other.getAttribute(w.rule().ldap());
              return a != null && a.hasValue(w.value().getValue());
            })
        .findFirst();
  }

  /** The SCIM attribute a rule writes, without its value filter: {@code emails.value}. */
  private static String attributeName(AttributeRule rule) {
    String sub = rule.scim().targetSubAttribute();
    AttributePath attribute = rule.scim().attribute().parent();
    return (sub == null ? attribute : attribute.withSubAttribute(sub)).toString();
  }

  /** {@code " 'value'"}, or nothing for a binary value that would not read as text. */
  private static String shown(Wanted w) {
    return w.rule().transform() instanceof ValueTransform.Binary
        ? ""
        : " '" + w.value().stringValue() + "'";
  }
}
