package org.scimldap.mapping.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.Locale;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.CompareOperator;
import org.scimldap.scim.filter.LeafVisitor;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.schema.AttributeDefinition;

/**
 * Checks the literal of a filter comparison against the type of the attribute it compares (RFC 7643
 * §2.3, RFC 7644 §3.4.2.2) before anything is translated: a string attribute needs a quoted string,
 * a boolean {@code true} or {@code false}, a dateTime an xsd:dateTime. A mismatch is a 400 {@code
 * invalidFilter} that names the attribute, rather than a filter that silently matches nothing.
 * Booleans also accept the strings {@code "True"} and {@code "False"} that some identity providers
 * send, as PATCH values do.
 */
final class Literals {
  private Literals() {}

  /**
   * The leaf with its literal normalized; {@code name} is the attribute as written, for messages.
   */
  static ScimFilter normalize(ScimFilter leaf, AttributeDefinition definition, String name) {
    return leaf.accept(
        new LeafVisitor<ScimFilter>() {
          @Override
          public ScimFilter present(ScimFilter.Present present) {
            return present;
          }

          @Override
          public ScimFilter compare(ScimFilter.Compare c) {
            JsonNode value = normalize(c.operator(), c.value(), definition, name);
            return value == c.value() ? c : new ScimFilter.Compare(c.path(), c.operator(), value);
          }

          @Override
          public ScimFilter valuePath(ScimFilter.ValuePath vp) {
            return vp;
          }
        });
  }

  private static JsonNode normalize(
      CompareOperator op, JsonNode value, AttributeDefinition definition, String name) {
    if (value.isNull()) {
      if (op != CompareOperator.EQ && op != CompareOperator.NE) {
        throw ScimException.invalidFilter(
            "Operator '" + op.keyword() + "' cannot compare '" + name + "' with null");
      }
      return value;
    }
    return switch (definition.type()) {
      case BOOLEAN -> bool(op, value, name);
      case STRING, REFERENCE, BINARY -> text(value, name, "a string");
      case DATE_TIME -> dateTime(op, value, name);
      case INTEGER, DECIMAL -> number(op, value, name);
      case COMPLEX ->
          throw ScimException.invalidFilter(
              "Attribute '" + name + "' is complex; compare one of its sub-attributes");
    };
  }

  private static JsonNode bool(CompareOperator op, JsonNode value, String name) {
    if (op != CompareOperator.EQ && op != CompareOperator.NE) {
      throw ScimException.invalidFilter(
          "Attribute '"
              + name
              + "' is a boolean; only eq, ne and pr apply to it, not '"
              + op.keyword()
              + "'");
    }
    if (value.isBoolean()) {
      return value;
    }
    String text = value.isTextual() ? value.textValue().trim().toLowerCase(Locale.ROOT) : "";
    if (text.equals("true") || text.equals("false")) {
      return BooleanNode.valueOf(text.equals("true"));
    }
    throw ScimException.invalidFilter(
        "Attribute '" + name + "' is a boolean; compare it with true or false, not " + value);
  }

  private static JsonNode text(JsonNode value, String name, String what) {
    if (!value.isTextual()) {
      throw ScimException.invalidFilter(
          "Attribute '"
              + name
              + "' is "
              + what
              + "; compare it with a quoted string, not "
              + value);
    }
    return value;
  }

  private static JsonNode dateTime(CompareOperator op, JsonNode value, String name) {
    text(value, name, "a dateTime");
    if (op == CompareOperator.EQ || op == CompareOperator.NE || op.ordering()) {
      GeneralizedTime.parse(value.textValue(), name);
    }
    return value;
  }

  private static JsonNode number(CompareOperator op, JsonNode value, String name) {
    if (!value.isNumber()) {
      throw ScimException.invalidFilter(
          "Attribute '" + name + "' is a number; compare it with a number, not " + value);
    }
    if (op.substring()) {
      throw ScimException.invalidFilter(
          "Operator '" + op.keyword() + "' applies to strings, and '" + name + "' is a number");
    }
    return value;
  }
}
