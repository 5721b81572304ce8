package org.scimldap.mapping.filter;

import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  private static final DirectoryAttributes UNKNOWN = new DirectoryAttributes(null);

  /** The last schema's facts: a directory's schema is read once, and filters keep asking it. */
  private static volatile DirectoryAttributes lastRead;

  private final Schema schema;

  /** What is known of each attribute asked about, by its name as the mapping writes it. */
  private final Map<String, Facts> facts = new ConcurrentHashMap<>();

  private DirectoryAttributes(Schema schema) {
    this.schema = schema;
  }

  static DirectoryAttributes unknown() {
    return UNKNOWN;
  }

  static DirectoryAttributes of(Schema schema) {
    Objects.requireNonNull(schema);
    DirectoryAttributes last = lastRead;
    if (last != null && last.schema == schema) {
      return last;
    }
    DirectoryAttributes fresh = new DirectoryAttributes(schema);
    lastRead = fresh;
    return fresh;
  }

  /** True only when the schema says the attribute is SINGLE-VALUE. */
  boolean singleValued(String attribute) {
    return facts(attribute).singleValued();
  }

  /** False only when the schema says the attribute has no SUBSTR rule (substring filters fail). */
  boolean substrings(String attribute) {
    return facts(attribute).substrings();
  }

  /** True only when the schema says equality compares case-exactly. */
  boolean caseExact(String attribute) {
    return facts(attribute).caseExact();
  }

  /**
   * False when the schema gives the attribute an equality rule that ignores more than case, such as
   * {@code telephoneNumberMatch} (which ignores spaces and hyphens): then an LDAP match is only a
   * candidate for the SCIM comparison.
   */
  boolean comparesAsText(String attribute) {
    return facts(attribute).comparesAsText();
  }

  /** True only when the schema knows the attribute and gives it no EQUALITY rule. */
  boolean noEquality(String attribute) {
    return facts(attribute).noEquality();
  }

  private Facts facts(String attribute) {
    return facts.computeIfAbsent(attribute, this::read);
  }

  private Facts read(String attribute) {
    Optional<AttributeTypeDefinition> type = type(attribute);
    Optional<String> equality = type.map(t -> t.getEqualityMatchingRule(schema));
    return new Facts(
        type.map(AttributeTypeDefinition::isSingleValued).orElse(false),
        type.map(t -> t.getSubstringMatchingRule(schema) != null).orElse(true),
        equality
            .map(rule -> CASE_EXACT_RULES.contains(rule.toLowerCase(Locale.ROOT)))
            .orElse(false),
        equality.map(rule -> STRING_RULES.contains(rule.toLowerCase(Locale.ROOT))).orElse(true),
        type.isPresent() && equality.isEmpty());
  }

  /** What the schema says of one attribute, as the methods above answer it. */
  private record Facts(
      boolean singleValued,
      boolean substrings,
      boolean caseExact,
      boolean comparesAsText,
      boolean noEquality) {}

  private Optional<AttributeTypeDefinition> type(String attribute) {
    return schema == null
        ? Optional.empty()
        : Optional.ofNullable(schema.getAttributeType(attribute));
  }
}
