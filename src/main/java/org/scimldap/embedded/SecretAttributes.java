package org.scimldap.embedded;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.ldap.sdk.controls.MatchedValuesFilter;
import com.unboundid.ldap.sdk.controls.MatchedValuesRequestControl;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.controls.VirtualListViewRequestControl;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The attributes of the embedded directory that only its administrator may read or test (passwords
 * and their hashes, by name or OID, with or without options such as {@code ;binary}), and where a
 * request names them: its filter, or a control that evaluates a filter or an ordering against
 * entries. Each such place answers a yes/no question about a value, so a reader who may ask it
 * recovers the value in a few hundred questions: the assertion control (RFC 4528), server-side
 * sorting (RFC 2891) and the virtual list view that depends on it, matched values (RFC 3876),
 * compare (RFC 4511 §4.10) and search filters (RFC 4511 §4.5.1.7).
 */
final class SecretAttributes {
  private static final Set<String> NAMES =
      Set.of(
          "userpassword",
          "2.5.4.35",
          "authpassword",
          "1.3.6.1.4.1.4203.1.3.4",
          "unicodepwd",
          "1.2.840.113556.1.4.90",
          "pwdhistory",
          "1.3.6.1.4.1.42.2.27.8.1.20");

  private SecretAttributes() {}

  /** Whether {@code attribute} (a name or OID, options allowed) is a secret one. */
  static boolean isSecret(String attribute) {
    if (attribute == null) {
      return false;
    }
    int options = attribute.indexOf(';');
    String base = options < 0 ? attribute : attribute.substring(0, options);
    return NAMES.contains(base.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * What in {@code filter} tests a secret attribute, if anything: a component naming one, or an
   * extensible match without an attribute, which is evaluated against every attribute.
   */
  static Optional<String> probedBy(Filter filter) {
    if (filter == null) {
      return Optional.empty();
    }
    if (isSecret(filter.getAttributeName())) {
      return Optional.of("the filter component " + filter);
    }
    if (filter.getFilterType() == Filter.FILTER_TYPE_EXTENSIBLE_MATCH
        && filter.getAttributeName() == null) {
      return Optional.of("the extensible match " + filter + ", which names no attribute");
    }
    for (Filter component : filter.getComponents()) {
      Optional<String> found = probedBy(component);
      if (found.isPresent()) {
        return found;
      }
    }
    return probedBy(filter.getNOTComponent());
  }

  /**
   * Which of {@code controls} would evaluate a secret attribute, if any. A control of these kinds
   * that cannot be decoded counts as one, since the server might still read it.
   */
  static Optional<String> probedBy(List<Control> controls) {
    for (Control control : controls) {
      Optional<String> found;
      try {
        found = probedBy(control);
      } catch (LDAPException e) {
        found = Optional.of("a control that cannot be decoded (" + control.getOID() + ")");
      }
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> probedBy(Control control) throws LDAPException {
    switch (control.getOID()) {
      case AssertionRequestControl.ASSERTION_REQUEST_OID:
        return probedBy(new AssertionRequestControl(control).getFilter())
            .map(what -> "the assertion control: " + what);
      case ServerSideSortRequestControl.SERVER_SIDE_SORT_REQUEST_OID:
        for (SortKey key : new ServerSideSortRequestControl(control).getSortKeys()) {
          if (isSecret(key.getAttributeName())) {
            return Optional.of("the server-side sort on " + key.getAttributeName());
          }
        }
        return Optional.empty();
      case MatchedValuesRequestControl.MATCHED_VALUES_REQUEST_OID:
        for (MatchedValuesFilter f : new MatchedValuesRequestControl(control).getFilters()) {
          if (isSecret(f.getAttributeType())) {
            return Optional.of("the matched values control on " + f.getAttributeType());
          }
        }
        return Optional.empty();
      case VirtualListViewRequestControl.VIRTUAL_LIST_VIEW_REQUEST_OID:
        // Its target is found by the sort order, which the sort control above is checked for.
        new VirtualListViewRequestControl(control);
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }
}
