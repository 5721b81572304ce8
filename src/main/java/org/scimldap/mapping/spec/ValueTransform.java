package org.scimldap.mapping.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.scimldap.mapping.entry.References;
import org.scimldap.scim.ScimException;

/**
 * How SCIM values become LDAP values and back, for one mapping rule. Pure functions; references
 * (ids to DNs) are resolved by the caller before and after, see {@link References}.
 */
public sealed interface ValueTransform
    permits ValueTransform.Text,
        ValueTransform.BooleanText,
        ValueTransform.PresentWhenFalse,
        ValueTransform.PasswordHash,
        ValueTransform.Reference {

  /** LDAP values for the SCIM values of the rule (an empty list clears the attribute). */
  List<String> toLdap(List<JsonNode> scimValues);

  /** SCIM values for the LDAP values (which may be empty: the attribute is absent). */
  List<JsonNode> toScim(List<String> ldapValues);

  /** Values copied as text: strings as they are, numbers and booleans as their JSON text. */
  record Text() implements ValueTransform {
    @Override
    public List<String> toLdap(List<JsonNode> scimValues) {
      List<String> out = new ArrayList<>();
      for (JsonNode v : scimValues) {
        if (v.isValueNode() && !v.isNull()) {
          String text = v.asText();
          if (!text.isEmpty()) {
            out.add(text);
          }
        }
      }
      return out;
    }

    @Override
    public List<JsonNode> toScim(List<String> ldapValues) {
      return ldapValues.stream().map(v -> (JsonNode) TextNode.valueOf(v)).toList();
    }
  }

  /** A SCIM boolean stored as one of two texts, e.g. {@code TRUE}/{@code FALSE}. */
  record BooleanText(String trueText, String falseText) implements ValueTransform {
    public BooleanText {
      Objects.requireNonNull(trueText);
      Objects.requireNonNull(falseText);
    }

    @Override
    public List<String> toLdap(List<JsonNode> scimValues) {
      return scimValues.stream()
          .filter(v -> !v.isNull())
          .map(v -> ValueTransform.bool(v) ? trueText : falseText)
          .limit(1)
          .toList();
    }

    @Override
    public List<JsonNode> toScim(List<String> ldapValues) {
      return ldapValues.stream()
          .limit(1)
          .map(v -> (JsonNode) BooleanNode.valueOf(v.equalsIgnoreCase(trueText)))
          .toList();
    }
  }

  /**
   * A SCIM boolean that is {@code false} exactly when the LDAP attribute is present: {@code active}
   * as OpenLDAP's {@code pwdAccountLockedTime: 000001010000Z} (a permanent ppolicy lock).
   */
  record PresentWhenFalse(String value) implements ValueTransform {
    public PresentWhenFalse {
      Objects.requireNonNull(value);
    }

    @Override
    public List<String> toLdap(List<JsonNode> scimValues) {
      boolean isFalse = scimValues.stream().anyMatch(v -> !v.isNull() && !ValueTransform.bool(v));
      return isFalse ? List.of(value) : List.of();
    }

    @Override
    public List<JsonNode> toScim(List<String> ldapValues) {
      return List.of(BooleanNode.valueOf(ldapValues.isEmpty()));
    }
  }

  /** A write-only password, stored hashed with the given scheme (or as sent with NONE). */
  record PasswordHash(PasswordHasher.Scheme scheme) implements ValueTransform {
    @Override
    public List<String> toLdap(List<JsonNode> scimValues) {
      return scimValues.stream()
          .filter(JsonNode::isTextual)
          .map(JsonNode::asText)
          .filter(s -> !s.isEmpty())
          .limit(1)
          .map(p -> PasswordHasher.hash(scheme, p))
          .toList();
    }

    @Override
    public List<JsonNode> toScim(List<String> ldapValues) {
      return List.of();
    }
  }

  /**
   * SCIM ids that stand for directory entries, stored as their DNs. The mapper looks ids and DNs up
   * in a resolved {@link References} table; this transform only carries the text.
   */
  record Reference() implements ValueTransform {
    @Override
    public List<String> toLdap(List<JsonNode> scimValues) {
      return new Text().toLdap(scimValues);
    }

    @Override
    public List<JsonNode> toScim(List<String> ldapValues) {
      return new Text().toScim(ldapValues);
    }
  }

  /** SCIM booleans, accepting the strings {@code "True"}/{@code "False"} some clients send. */
  static boolean bool(JsonNode v) {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    String text = v.asText().trim().toLowerCase(Locale.ROOT);
    if (text.equals("true")) {
      return true;
    }
    if (text.equals("false")) {
      return false;
    }
    throw ScimException.invalidValue("Expected a boolean, got '" + v.asText() + "'");
  }
}
