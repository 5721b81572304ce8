package org.scimldap.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.AttributePath;
import org.scimldap.scim.filter.CompareOperator;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Translates a SCIM filter (RFC 7644 §3.4.2.2) into one LDAP filter (RFC 4515) that the directory
 * evaluates. Values are put into the filter as assertion values built with UnboundID's factory
 * methods, so {@code * ( ) \ NUL} are escaped and match literally. Where a part cannot be said
 * exactly in LDAP (case-exact comparisons, ordering, several conditions on one multi-valued
 * element), the translation is a superset and {@link Translation#exact()} is false: the caller then
 * evaluates the SCIM filter on each candidate too.
 */
public final class FilterTranslator {
  private static final Filter ALWAYS = Filter.createPresenceFilter("objectClass");
  private static final Filter NEVER =
      Filter.createANDFilter(ALWAYS, Filter.createNOTFilter(ALWAYS));

  /** An LDAP filter and whether it selects exactly what the SCIM filter does. */
  public record Translation(Filter ldap, boolean exact) {}

  /** Looks up ids by a store-kept attribute value (externalId). */
  public interface StoreLookup {
    List<String> idsWithExternalId(String externalId);
  }

  private final EntryMapper mapper;
  private final ReferenceResolver resolver;
  private final StoreLookup store;

  public FilterTranslator(EntryMapper mapper, ReferenceResolver resolver, StoreLookup store) {
    this.mapper = mapper;
    this.resolver = resolver;
    this.store = store;
  }

  /** The LDAP filter for {@code filter}, combined with the mapping's entry filter. */
  public Translation translate(ScimFilter filter) {
    Translation t = node(filter, null);
    return new Translation(Filter.createANDFilter(mapper.mapping().entryFilter(), t.ldap()), t.exact());
  }

  private Translation node(ScimFilter filter, AttributePath within) {
    if (filter instanceof ScimFilter.And and) {
      Translation l = node(and.left(), within);
      Translation r = node(and.right(), within);
      return new Translation(Filter.createANDFilter(l.ldap(), r.ldap()), l.exact() && r.exact() && within == null);
    }
    if (filter instanceof ScimFilter.Or or) {
      Translation l = node(or.left(), within);
      Translation r = node(or.right(), within);
      return new Translation(Filter.createORFilter(l.ldap(), r.ldap()), l.exact() && r.exact());
    }
    if (filter instanceof ScimFilter.Not not) {
      Translation inner = node(not.inner(), within);
      return inner.exact()
          ? new Translation(Filter.createNOTFilter(inner.ldap()), true)
          : new Translation(ALWAYS, false);
    }
    if (filter instanceof ScimFilter.ValuePath vp) {
      return node(vp.filter(), vp.path());
    }
    if (filter instanceof ScimFilter.Present p) {
      return leaf(qualify(p.path(), within), (rule, path) -> present(rule));
    }
    ScimFilter.Compare c = (ScimFilter.Compare) filter;
    AttributePath path = qualify(c.path(), within);
    return leaf(path, (rule, p) -> compare(rule, p, c.operator(), c.value()));
  }

  private static AttributePath qualify(AttributePath path, AttributePath within) {
    if (within == null) {
      return path;
    }
    return new AttributePath(within.schemaUrn(), within.name(), path.name());
  }

  /** Translates a condition on one attribute through every rule that reads it (OR of them). */
  private Translation leaf(AttributePath path, BiFunction<AttributeRule, AttributePath, Translation> one) {
    ResourceSchema schema = mapper.mapping().schema();
    ResourceSchema.Resolved resolved = schema.resolve(path)
        .orElseThrow(() -> ScimException.invalidFilter(
            "Unknown attribute '" + path + "' in filter for " + schema.name()));
    String attr = resolved.attribute().name();
    String sub = resolved.sub() == null ? null : resolved.sub().name();
    if (sub == null && resolved.attribute().isComplex() && resolved.attribute().subAttribute("value").isPresent()) {
      sub = "value";
    }
    if (attr.equals("id") && resolved.schema() == schema.core()) {
      return one.apply(idRule(), path);
    }
    if (attr.equals("members") && mapper.mapping().membersRule().isPresent()) {
      if (!"value".equals(sub)) {
        return new Translation(ALWAYS, false);
      }
      return one.apply(membersRule(), path);
    }
    List<Translation> parts = new ArrayList<>();
    for (AttributeRule rule : mapper.mapping().readRules()) {
      if (targets(rule, resolved, sub)) {
        parts.add(one.apply(rule, path));
      }
    }
    if (parts.isEmpty()) {
      throw ScimException.invalidFilter(
          "Attribute '" + path + "' is not mapped to the directory, so it cannot be filtered on");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    boolean exact = parts.stream().allMatch(Translation::exact);
    return new Translation(Filter.createORFilter(parts.stream().map(Translation::ldap).toList()), exact);
  }

  private boolean targets(AttributeRule rule, ResourceSchema.Resolved wanted, String sub) {
    ResourceSchema schema = mapper.mapping().schema();
    Optional<ResourceSchema.Resolved> r = schema.resolve(rule.scim().attribute().parent());
    if (r.isEmpty() || r.get().attribute() != wanted.attribute() || r.get().schema() != wanted.schema()) {
      return false;
    }
    String ruleSub = rule.scim().targetSubAttribute();
    return sub == null ? ruleSub == null : sub.equalsIgnoreCase(ruleSub);
  }

  private AttributeRule idRule() {
    return new AttributeRule(
        org.scimldap.scim.filter.ScimPath.of(AttributePath.of("id")), mapper.mapping().idAttribute(),
        AttributeRule.Source.LDAP, Direction.TO_SCIM, List.of(), new ValueTransform.Text(), false, "id");
  }

  private AttributeRule membersRule() {
    return new AttributeRule(
        org.scimldap.scim.filter.ScimPath.of(AttributePath.of("members", "value")),
        mapper.mapping().membersRule().orElseThrow().ldap(), AttributeRule.Source.LDAP,
        Direction.BOTH, List.of(), new ValueTransform.Reference(), false, "members");
  }

  private Translation present(AttributeRule rule) {
    if (rule.source() == AttributeRule.Source.STORE) {
      return new Translation(ALWAYS, false);
    }
    if (rule.transform() instanceof ValueTransform.PresentWhenFalse) {
      return new Translation(ALWAYS, true);
    }
    return new Translation(Filter.createPresenceFilter(rule.ldap()), !rule.isReference());
  }

  private Translation compare(AttributeRule rule, AttributePath path, CompareOperator op, JsonNode value) {
    if (value.isNull()) {
      Translation present = present(rule);
      return switch (op) {
        case EQ -> present.exact() ? new Translation(Filter.createNOTFilter(present.ldap()), true) : new Translation(ALWAYS, false);
        case NE -> present;
        default -> throw ScimException.invalidFilter("Operator '" + op.keyword() + "' cannot compare with null");
      };
    }
    if (rule.source() == AttributeRule.Source.STORE) {
      if (op != CompareOperator.EQ) {
        return new Translation(ALWAYS, false);
      }
      List<Filter> ids = store.idsWithExternalId(value.asText()).stream()
          .map(id -> Filter.createEqualityFilter(mapper.mapping().idAttribute(), id))
          .toList();
      return new Translation(ids.isEmpty() ? NEVER : Filter.createORFilter(ids), true);
    }
    if (rule.transform() instanceof ValueTransform.PresentWhenFalse) {
      if (op != CompareOperator.EQ && op != CompareOperator.NE) {
        throw ScimException.invalidFilter("Attribute '" + path + "' is a boolean; use eq or ne");
      }
      boolean wanted = ValueTransform.bool(value) == (op == CompareOperator.EQ);
      Filter locked = Filter.createPresenceFilter(rule.ldap());
      return new Translation(wanted ? Filter.createNOTFilter(locked) : locked, true);
    }
    String ldapValue;
    if (rule.isReference()) {
      Optional<DN> dn = resolver.dnOf(value.asText());
      if (dn.isEmpty()) {
        return new Translation(op == CompareOperator.NE ? ALWAYS : NEVER, op == CompareOperator.EQ || op == CompareOperator.NE);
      }
      ldapValue = dn.get().toString();
    } else {
      List<String> converted = rule.transform().toLdap(List.of(value));
      if (converted.isEmpty()) {
        return new Translation(ALWAYS, false);
      }
      ldapValue = converted.get(0);
    }
    boolean exact = !caseExact(path) || rule.transform() instanceof ValueTransform.BooleanText;
    String attr = rule.ldap();
    return switch (op) {
      case EQ -> new Translation(Filter.createEqualityFilter(attr, ldapValue), exact);
      case NE -> new Translation(Filter.createNOTFilter(Filter.createEqualityFilter(attr, ldapValue)), exact);
      case CO -> ldapValue.isEmpty()
          ? new Translation(Filter.createPresenceFilter(attr), exact)
          : new Translation(Filter.createSubstringFilter(attr, null, new String[] {ldapValue}, null), exact);
      case SW -> ldapValue.isEmpty()
          ? new Translation(Filter.createPresenceFilter(attr), exact)
          : new Translation(Filter.createSubstringFilter(attr, ldapValue, null, null), exact);
      case EW -> ldapValue.isEmpty()
          ? new Translation(Filter.createPresenceFilter(attr), exact)
          : new Translation(Filter.createSubstringFilter(attr, null, null, ldapValue), exact);
      case GT, GE, LT, LE -> new Translation(Filter.createPresenceFilter(attr), false);
    };
  }

  private boolean caseExact(AttributePath path) {
    return mapper.mapping().schema().resolve(path)
        .map(ResourceSchema.Resolved::target)
        .map(AttributeDefinition::caseExact)
        .orElse(false);
  }

  /** Lower-cased name, for messages and lookups. */
  static String key(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
