package org.scimldap.mapping.filter;

import static org.scimldap.scim.filter.CompareOperator.EQ;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Filter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.filter.FilterTranslator.StoreLookup;
import org.scimldap.mapping.filter.FilterTranslator.Translation;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.mapping.spec.ValueTransform;
import org.scimldap.scim.filter.FilterEvaluator;
import org.scimldap.scim.path.AttributePath;

/**
 * The common attributes of RFC 7643 §3.1, which come from the directory's own bookkeeping and the
 * correlation store rather than from mapping rules: {@code id} (the immutable id attribute, lower
 * case), {@code externalId} when the store keeps it, and {@code meta}.
 */
final class CommonAttributeTranslator {

  private final ResourceMapping mapping;
  private final StoreLookup store;

  CommonAttributeTranslator(ResourceMapping mapping, StoreLookup store) {
    this.mapping = mapping;
    this.store = store;
  }

  /**
   * {@code id}: the entry's id attribute in lower case, compared case-exactly (RFC 7643 §3.1). A
   * literal with upper-case letters therefore equals, starts, ends or is contained in no id. {@code
   * entryUUID} (RFC 4530) is compared as a UUID, so a literal that is not one matches nothing, and
   * it has no substring rule, so substrings and ordering are supersets.
   */
  Translation id(Condition c) {
    String attribute = mapping.idAttribute();
    Translation present = Translations.exact(Filter.createPresenceFilter(attribute));
    if (c.isPresence()) {
      return present;
    }
    String value = c.text();
    boolean lowerCase = value.equals(value.toLowerCase(Locale.ROOT));
    boolean binary = mapping.idTransform() instanceof ValueTransform.Binary;
    if (c.is(EQ)) {
      if (!lowerCase || ((binary || isUuidAttribute(attribute)) && !EntryMapper.isUuid(value))) {
        return Translations.never();
      }
      return Translations.exact(idEquals(value));
    }
    if (c.substring() && !lowerCase) {
      return Translations.never();
    }
    return Translations.widened(present);
  }

  private static boolean isUuidAttribute(String attribute) {
    return attribute.equalsIgnoreCase("entryUUID");
  }

  /** The equality on the id attribute for a SCIM id: its bytes when the id is binary. */
  private Filter idEquals(String id) {
    if (mapping.idTransform() instanceof ValueTransform.Binary binary) {
      return Filter.createEqualityFilter(mapping.idAttribute(), binary.bytes(id));
    }
    return Filter.createEqualityFilter(mapping.idAttribute(), id);
  }

  /**
   * {@code externalId} kept in the correlation store: {@code eq} is looked up there, exactly as the
   * store compares (case-exact, like the attribute); the store cannot answer anything else, so
   * every other test is a superset for the caller to check.
   */
  Translation externalIdInStore(Condition c) {
    if (!c.is(EQ) || !c.value().isTextual()) {
      return Translations.superset(Translations.ALWAYS);
    }
    List<Translation> ids =
        store.idsWithExternalId(c.text()).stream()
            .map(id -> Translations.exact(idEquals(id)))
            .toList();
    return Translations.or(ids);
  }

  /**
   * {@code meta.*}: {@code created} and {@code lastModified} are the entry's {@code
   * createTimestamp} and {@code modifyTimestamp} (RFC 4512 §3.4), compared as GeneralizedTime,
   * whose ordering rule both OpenLDAP and the embedded directory have; {@code gt} is {@code >=} and
   * not {@code =}. {@code resourceType} is the same for every entry of the mapping, so it is
   * decided here. {@code location} and {@code version} are computed by the gateway: supersets.
   */
  Translation meta(String sub, Condition c) {
    if (c.isPresence()) {
      return Translations.always();
    }
    return switch (sub.toLowerCase(Locale.ROOT)) {
      case "resourcetype" -> resourceType(c);
      case "created" -> time("createTimestamp", c, "meta.created");
      case "lastmodified" -> time("modifyTimestamp", c, "meta.lastModified");
      default -> Translations.superset(Translations.ALWAYS);
    };
  }

  private Translation resourceType(Condition c) {
    ObjectNode resource = JsonNodeFactory.instance.objectNode();
    resource.putObject("meta").put("resourceType", mapping.name());
    boolean holds =
        FilterEvaluator.matches(
            c.positive(AttributePath.of("meta", "resourceType")), resource, mapping.schema());
    return holds ? Translations.always() : Translations.never();
  }

  private static Translation time(String attribute, Condition c, String name) {
    if (c.substring()) {
      return Translations.superset(Translations.ALWAYS);
    }
    Instant instant = GeneralizedTime.parse(c.text(), name);
    String value = GeneralizedTime.format(instant);
    Filter equal = Filter.createEqualityFilter(attribute, value);
    Filter filter =
        switch (c.operator().orElseThrow()) {
          case GE -> Filter.createGreaterOrEqualFilter(attribute, value);
          case LE -> Filter.createLessOrEqualFilter(attribute, value);
          case GT ->
              Filter.createANDFilter(
                  Filter.createGreaterOrEqualFilter(attribute, value),
                  Filter.createNOTFilter(equal));
          case LT ->
              Filter.createANDFilter(
                  Filter.createLessOrEqualFilter(attribute, value), Filter.createNOTFilter(equal));
          default -> equal;
        };
    return new Translation(filter, GeneralizedTime.millisecondPrecise(instant));
  }
}
