package org.scimldap.mapping.filter;

import com.unboundid.ldap.sdk.Filter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scimldap.mapping.filter.FilterTranslator.Translation;

/**
 * AND, OR and NOT of {@link Translation}s, keeping their contract: an inexact translation selects a
 * superset of the true matches. AND and OR of supersets are supersets; the NOT of a superset is a
 * subset, so it widens to {@link #ALWAYS}. Nested ANDs and ORs are flattened, repeated components
 * dropped and the constants folded, so that the RFC 4515 string stays readable.
 */
final class Translations {
  /** Matches every entry: every entry has an object class (RFC 4512 §2.4.1). */
  static final Filter ALWAYS = Filter.createPresenceFilter("objectClass");

  /**
   * Matches no entry. Written as {@code (!(objectClass=*))} rather than the RFC 4526 absolute false
   * {@code (|)}, which not every directory supports.
   */
  static final Filter NEVER = Filter.createNOTFilter(ALWAYS);

  private Translations() {}

  static Translation exact(Filter filter) {
    return new Translation(filter, true);
  }

  static Translation superset(Filter filter) {
    return new Translation(filter, false);
  }

  static Translation always() {
    return exact(ALWAYS);
  }

  static Translation never() {
    return exact(NEVER);
  }

  /** The same filter, now only claimed to be a superset. */
  static Translation widened(Translation t) {
    return superset(t.ldap());
  }

  /**
   * The same filter, a superset because it compares every value of {@code attribute} where SCIM
   * shows the first: still exact on an entry with at most one value of it, if it was before.
   */
  static Translation firstValueOf(Translation t, String attribute) {
    return new Translation(
        t.ldap(),
        t.exactWhenSingle()
            .map(
                others -> {
                  Set<String> all = new LinkedHashSet<>(others);
                  all.add(attribute);
                  return all;
                }));
  }

  /** What {@code parts} are exact on, together: empty when one of them is not exact on any. */
  private static Optional<Set<String>> exactWhenSingle(List<Translation> parts) {
    Set<String> all = new LinkedHashSet<>();
    for (Translation t : parts) {
      if (t.exactWhenSingle().isEmpty()) {
        return Optional.empty();
      }
      all.addAll(t.exactWhenSingle().get());
    }
    return Optional.of(all);
  }

  static Translation and(Translation... parts) {
    return and(List.of(parts));
  }

  static Translation and(List<Translation> parts) {
    Set<Filter> filters = new LinkedHashSet<>();
    for (Translation t : parts) {
      if (t.ldap().equals(NEVER)) {
        return never();
      }
      addFlattened(filters, t.ldap(), Filter.FILTER_TYPE_AND, ALWAYS);
    }
    return new Translation(
        combine(filters, Filter.FILTER_TYPE_AND, ALWAYS), exactWhenSingle(parts));
  }

  static Translation or(Translation... parts) {
    return or(List.of(parts));
  }

  static Translation or(List<Translation> parts) {
    Set<Filter> filters = new LinkedHashSet<>();
    for (Translation t : parts) {
      if (t.ldap().equals(ALWAYS)) {
        return new Translation(ALWAYS, t.exactWhenSingle());
      }
      addFlattened(filters, t.ldap(), Filter.FILTER_TYPE_OR, NEVER);
    }
    return new Translation(combine(filters, Filter.FILTER_TYPE_OR, NEVER), exactWhenSingle(parts));
  }

  /** The complement of an exact translation; the complement of a superset can only be ALWAYS. */
  static Translation not(Translation t) {
    if (!t.exact()) {
      return superset(ALWAYS);
    }
    Filter f = t.ldap();
    if (f.equals(ALWAYS)) {
      return never();
    }
    if (f.equals(NEVER)) {
      return always();
    }
    if (f.getFilterType() == Filter.FILTER_TYPE_NOT) {
      return exact(f.getNOTComponent());
    }
    return exact(Filter.createNOTFilter(f));
  }

  private static void addFlattened(Set<Filter> into, Filter f, byte type, Filter neutral) {
    if (f.equals(neutral)) {
      return;
    }
    if (f.getFilterType() == type) {
      for (Filter c : f.getComponents()) {
        addFlattened(into, c, type, neutral);
      }
    } else {
      into.add(f);
    }
  }

  private static Filter combine(Set<Filter> filters, byte type, Filter neutral) {
    if (filters.isEmpty()) {
      return neutral;
    }
    if (filters.size() == 1) {
      return filters.iterator().next();
    }
    List<Filter> list = new ArrayList<>(filters);
    return type == Filter.FILTER_TYPE_AND
        ? Filter.createANDFilter(list)
        : Filter.createORFilter(list);
  }
}
