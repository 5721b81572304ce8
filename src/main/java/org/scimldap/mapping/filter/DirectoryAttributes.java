package org.scimldap.mapping.filter;

import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the filter translator knows of the directory's attribute types (RFC 4512 §4.1.2): whether
 * one holds at most one value, and which matching rules it has. Without a schema nothing is known,
 * and the translator assumes the common case for directory strings (case-insensitive equality and
 * substring rules, several values allowed), which keeps its translations supersets.
 */
final class DirectoryAttributes {
  private static final Set<String> CASE_EXACT_RULES =
      Set.of(
          "caseexactmatch",
          "2.5.13.5",
          "caseexactia5match",
          "1.3.6.1.4.1.1466.109.114.1",
          "octetstringmatch",
          "2.5.13.17");

  /** Equality rules that compare like SCIM strings do (up to case), unlike telephoneNumberMatch. */
  private static final Set<String> STRING_RULES =
      Stream.concat(
              CASE_EXACT_RULES.stream(),
              Set.of(
                  "caseignorematch", "2.5.13.2", "caseignoreia5match", "1.3.6.1.4.1.1466.109.114.2")
                  .stream())
          .collect(Collectors.toUnmodifiableSet());

  private final Schema schema;

  private DirectoryAttributes(Schema schema) {
    this.schema = schema;
  }

  static DirectoryAttributes unknown() {
    return new DirectoryAttributes(null);
  }

  static DirectoryAttributes of(Schema schema) {
    return new DirectoryAttributes(Objects.requireNonNull(schema));
  }

  /** True only when the schema says the attribute is SINGLE-VALUE. */
  boolean singleValued(String attribute) {
    return type(attribute).map(AttributeTypeDefinition::isSingleValued).orElse(false);
  }

  /** False only when the schema says the attribute has no SUBSTR rule (substring filters fail). */
  boolean substrings(String attribute) {
    return type(attribute).map(t -> t.getSubstringMatchingRule(schema) != null).orElse(true);
  }

  /** True only when the schema says equality compares case-exactly. */
  boolean caseExact(String attribute) {
    return type(attribute)
        .map(t -> t.getEqualityMatchingRule(schema))
        .map(rule -> CASE_EXACT_RULES.contains(rule.toLowerCase(Locale.ROOT)))
        .orElse(false);
  }

  /**
   * False when the schema gives the attribute an equality rule that ignores more than case, such as
   * {@code telephoneNumberMatch} (which ignores spaces and hyphens): then an LDAP match is only a
   * candidate for the SCIM comparison.
   */
  boolean comparesAsText(String attribute) {
    return type(attribute)
        .map(t -> t.getEqualityMatchingRule(schema))
        .map(rule -> STRING_RULES.contains(rule.toLowerCase(Locale.ROOT)))
        .orElse(true);
  }

  /** True only when the schema knows the attribute and gives it no EQUALITY rule. */
  boolean noEquality(String attribute) {
    return type(attribute).map(t -> t.getEqualityMatchingRule(schema) == null).orElse(false);
  }

  private Optional<AttributeTypeDefinition> type(String attribute) {
    return schema == null
        ? Optional.empty()
        : Optional.ofNullable(schema.getAttributeType(attribute));
  }
}
