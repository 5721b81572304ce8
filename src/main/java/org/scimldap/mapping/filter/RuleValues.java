package org.scimldap.mapping.filter;

import static org.scimldap.scim.filter.CompareOperator.EQ;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.filter.FilterTranslator.Translation;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.mapping.spec.TextStep;
import org.scimldap.mapping.spec.ValueTransform;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.AttributeType;

/**
 * Conditions on the SCIM values one read rule produces, as LDAP assertions on its attribute. Each
 * transform is read the way {@link EntryMapper#toScim} reads it:
 *
 * <ul>
 *   <li>{@code text}: every LDAP value is a SCIM string. Equality and substrings become RFC 4515
 *       equality and substring assertions. The directory's matching rule decides: for attributes
 *       that are not {@code caseExact} (RFC 7643 §2.2) its case-insensitive rule is taken as the
 *       case-insensitive comparison of RFC 7644 §3.4.2.2, as the uniqueness check does; for {@code
 *       caseExact} ones it is only a superset. Ordering is never pushed down: many directory
 *       attributes ({@code uid}, {@code cn}, {@code sn}) have no ORDERING rule, and those that do
 *       order differently from SCIM, so it is a superset.
 *   <li>{@code reference}: the SCIM value is the id of the entry a DN value names, if that entry is
 *       a resource. {@code eq id} becomes an equality on the DN the id was resolved to; an unknown
 *       id matches nothing. Any other test is a superset.
 *   <li>{@code boolean}: the first value compared with the true text.
 * </ul>
 *
 * {@code presentWhenFalse} depends on the attribute as a whole and is translated by {@link
 * RuleTranslator}; passwords are never read, so never filtered.
 */
final class RuleValues {
  private final References refs;
  private final DirectoryAttributes directory;

  RuleValues(References refs, DirectoryAttributes directory) {
    this.refs = refs;
    this.directory = directory;
  }

  boolean singleValued(AttributeRule rule) {
    return rule.source() == AttributeRule.Source.LDAP && directory.singleValued(rule.ldap());
  }

  /** "The rule gives the resource a value": exact for text, a superset for references. */
  Translation present(AttributeRule rule) {
    if (rule.source() == AttributeRule.Source.STORE) {
      return Translations.superset(Translations.ALWAYS);
    }
    if (rule.transform() instanceof ValueTransform.PresentWhenFalse) {
      return Translations.always();
    }
    Filter present = Filter.createPresenceFilter(rule.ldap());
    return everyValueReads(rule.transform())
        ? Translations.exact(present)
        : Translations.superset(present);
  }

  /**
   * True when every LDAP value of the attribute reads as a SCIM value, so that "the attribute is
   * present" and "the resource has a value" are the same. A reference may name no resource, a
   * FILETIME of 0 means "never", a binary value may not be an id, a strict lookup drops values.
   */
  private static boolean everyValueReads(ValueTransform t) {
    if (t instanceof ValueTransform.Reference || t instanceof ValueTransform.Time) {
      return false;
    }
    if (t instanceof ValueTransform.Binary b) {
      return b.encoding() == ValueTransform.Binary.Encoding.BASE64;
    }
    if (t instanceof ValueTransform.Chain chain) {
      return chain.steps().stream().noneMatch(s -> s instanceof TextStep.Lookup l && l.strict())
          && everyValueReads(chain.last());
    }
    return true;
  }

  /** A positive condition on one SCIM value of the rule, whose definition is {@code target}. */
  ValueFormula atom(AttributeRule rule, AttributeDefinition target, Condition c) {
    if (c.isPresence()) {
      return ValueFormula.TRUE;
    }
    ValueTransform t = rule.transform();
    if (rule.source() == AttributeRule.Source.STORE
        || t instanceof ValueTransform.PresentWhenFalse) {
      return ValueFormula.UNKNOWN;
    }
    if (t instanceof ValueTransform.Reference) {
      return reference(rule, c);
    }
    if (t instanceof ValueTransform.BooleanText b) {
      Filter isTrue = Filter.createEqualityFilter(rule.ldap(), b.trueText());
      ValueFormula atom = new ValueFormula.Atom(Translations.exact(isTrue));
      return c.value().booleanValue() ? atom : ValueFormula.not(atom);
    }
    if (t instanceof ValueTransform.Bit bit) {
      return bit(rule, bit, c);
    }
    if (t instanceof ValueTransform.Text
        || (t instanceof ValueTransform.Chain chain
            && chain.last() instanceof ValueTransform.Text
            && chain.readsAsWritten())) {
      return text(rule.ldap(), target, c);
    }
    // Times, binary values, lookups: the gateway compares the values it reads.
    return ValueFormula.UNKNOWN;
  }

  /**
   * A boolean kept as one bit of an integer: with the directory's bitwise-AND matching rule (RFC
   * 4515 §3 extensible match, e.g. {@code (userAccountControl:1.2.840.113556.1.4.803:=2)}), "the
   * bit is set" is exact; without one the gateway compares what it reads.
   */
  private ValueFormula bit(AttributeRule rule, ValueTransform.Bit bit, Condition c) {
    if (bit.matchingRule().isEmpty() || !c.is(EQ) || !c.value().isBoolean()) {
      return ValueFormula.UNKNOWN;
    }
    Filter set =
        Filter.createExtensibleMatchFilter(
            rule.ldap(), bit.matchingRule(), false, Long.toString(bit.mask()));
    ValueFormula atom = new ValueFormula.Atom(Translations.exact(set));
    return c.value().booleanValue() == bit.setWhenTrue() ? atom : ValueFormula.not(atom);
  }

  private ValueFormula reference(AttributeRule rule, Condition c) {
    if (!c.is(EQ)) {
      return ValueFormula.UNKNOWN;
    }
    // Ids are lower case, and reference values are not caseExact (RFC 7643 §8.7).
    Optional<DN> dn = refs.dnOf(c.text()).or(() -> refs.dnOf(c.text().toLowerCase(Locale.ROOT)));
    if (dn.isEmpty()) {
      return ValueFormula.FALSE;
    }
    Filter f = Filter.createEqualityFilter(rule.ldap(), dn.get().toString());
    return new ValueFormula.Atom(Translations.exact(f));
  }

  /**
   * A condition on the display name of the group an LDAP value (a group DN) names: {@code eq} is an
   * equality on the DN of each group with that display name (resolved beforehand, compared ignoring
   * case as {@code display} is not caseExact); no such group matches nothing. Anything else is
   * compared by the gateway.
   */
  ValueFormula display(AttributeRule rule, Condition c) {
    if (c.isPresence() || !c.is(EQ) || !c.value().isTextual()) {
      return ValueFormula.UNKNOWN;
    }
    List<Translation> groups =
        refs.groupsDisplayed(c.text()).stream()
            .map(dn -> Translations.exact(Filter.createEqualityFilter(rule.ldap(), dn.toString())))
            .toList();
    return groups.isEmpty() ? ValueFormula.FALSE : new ValueFormula.Atom(Translations.or(groups));
  }

  private ValueFormula text(String ldap, AttributeDefinition target, Condition c) {
    AttributeType type = target.type();
    boolean stringLike =
        type == AttributeType.STRING
            || type == AttributeType.REFERENCE
            || type == AttributeType.BINARY;
    if (!stringLike || c.ordering()) {
      return ValueFormula.UNKNOWN;
    }
    String value = c.text();
    if (value.isEmpty()) {
      // Directory values are never empty, so nothing equals "" and everything contains it.
      return c.is(EQ) ? ValueFormula.FALSE : ValueFormula.TRUE;
    }
    if (directory.noEquality(ldap)
        || (c.substring() && !directory.substrings(ldap))
        || (!target.caseExact() && directory.caseExact(ldap))) {
      return ValueFormula.UNKNOWN;
    }
    boolean exact =
        (!target.caseExact() || directory.caseExact(ldap)) && directory.comparesAsText(ldap);
    Filter f =
        switch (c.operator().orElseThrow()) {
          case CO -> Filter.createSubstringFilter(ldap, null, new String[] {value}, null);
          case SW -> Filter.createSubstringFilter(ldap, value, null, null);
          case EW -> Filter.createSubstringFilter(ldap, null, null, value);
          default -> Filter.createEqualityFilter(ldap, value);
        };
    return new ValueFormula.Atom(new Translation(f, exact));
  }
}
