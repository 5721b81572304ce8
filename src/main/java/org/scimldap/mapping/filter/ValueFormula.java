package org.scimldap.mapping.filter;

import java.util.ArrayList;
import java.util.List;
import org.scimldap.mapping.filter.FilterTranslator.Translation;

/**
 * A condition on one value {@code v} of one mapping rule's LDAP attribute: the part of a SCIM
 * filter that concerns one element of a multi-valued attribute (the inside of {@code emails[type eq
 * "work" and value co "@x"]}), after everything that does not depend on {@code v} has been
 * evaluated to a constant.
 *
 * <p>An LDAP filter on a multi-valued attribute asks whether <em>some</em> value matches (RFC 4511
 * §4.5.1.7), so {@link #exists} answers "is there a value {@code v} for which the condition holds".
 * That is exact for one assertion and for OR; for AND and NOT it is exact only when the attribute
 * holds a single value: {@code (&(mail=a*)(mail=*z))} may be met by two different values, and
 * {@code (!(mail=x))} says no value is {@code x}, not that some value is not {@code x}. There the
 * result widens to a superset.
 */
sealed interface ValueFormula {

  /** A condition that does not depend on the value. */
  record Const(boolean value) implements ValueFormula {}

  /** An LDAP assertion on the value, e.g. {@code (mail=*@x*)}; inexact when it is a superset. */
  record Atom(Translation ldap) implements ValueFormula {}

  /** A condition LDAP cannot state; any value may satisfy it. */
  record Unknown() implements ValueFormula {}

  record And(List<ValueFormula> parts) implements ValueFormula {}

  record Or(List<ValueFormula> parts) implements ValueFormula {}

  record Not(ValueFormula inner) implements ValueFormula {}

  ValueFormula TRUE = new Const(true);
  ValueFormula FALSE = new Const(false);
  ValueFormula UNKNOWN = new Unknown();

  static ValueFormula and(ValueFormula a, ValueFormula b) {
    if (a.equals(FALSE) || b.equals(FALSE)) {
      return FALSE;
    }
    if (a.equals(TRUE)) {
      return b;
    }
    if (b.equals(TRUE)) {
      return a;
    }
    List<ValueFormula> parts = new ArrayList<>();
    for (ValueFormula f : List.of(a, b)) {
      if (f instanceof And and) {
        parts.addAll(and.parts());
      } else {
        parts.add(f);
      }
    }
    return new And(List.copyOf(parts));
  }

  static ValueFormula or(ValueFormula a, ValueFormula b) {
    if (a.equals(TRUE) || b.equals(TRUE)) {
      return TRUE;
    }
    if (a.equals(FALSE)) {
      return b;
    }
    if (b.equals(FALSE)) {
      return a;
    }
    List<ValueFormula> parts = new ArrayList<>();
    for (ValueFormula f : List.of(a, b)) {
      if (f instanceof Or or) {
        parts.addAll(or.parts());
      } else {
        parts.add(f);
      }
    }
    return new Or(List.copyOf(parts));
  }

  static ValueFormula not(ValueFormula f) {
    if (f instanceof Const c) {
      return new Const(!c.value());
    }
    if (f instanceof Not n) {
      return n.inner();
    }
    if (f instanceof Unknown) {
      return f;
    }
    return new Not(f);
  }

  /**
   * The LDAP translation of "some value satisfies this formula".
   *
   * @param present the translation of "the attribute has a value"
   * @param singleValued whether the attribute holds at most one value
   */
  static Translation exists(ValueFormula f, Translation present, boolean singleValued) {
    if (f instanceof Const c) {
      return c.value() ? present : Translations.never();
    }
    if (f instanceof Atom a) {
      return a.ldap();
    }
    if (f instanceof Unknown) {
      return Translations.widened(present);
    }
    if (f instanceof Or or) {
      return Translations.or(
          or.parts().stream().map(p -> exists(p, present, singleValued)).toList());
    }
    if (f instanceof And and) {
      // A value that satisfies an unknown condition and others satisfies the others: drop it.
      List<ValueFormula> known = and.parts().stream().filter(p -> !(p instanceof Unknown)).toList();
      if (known.isEmpty()) {
        return Translations.widened(present);
      }
      Translation all =
          Translations.and(known.stream().map(p -> exists(p, present, singleValued)).toList());
      return singleValued && known.size() == and.parts().size() ? all : Translations.widened(all);
    }
    Translation inner = exists(((Not) f).inner(), present, singleValued);
    if (singleValued && inner.exact()) {
      return Translations.and(present, Translations.not(inner));
    }
    return Translations.widened(present);
  }
}
