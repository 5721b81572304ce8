package org.scimldap.mapping.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;
import org.scimldap.scim.filter.CompareOperator;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;

/**
 * One attribute test of a SCIM filter with its negation taken out, so that the translators only
 * deal with positive tests: {@code pr}, or {@code eq co sw ew gt ge lt le} with a non-null literal.
 * Per RFC 7644 §3.4.2.2, {@code ne x} holds when no value equals {@code x}, so it is {@code not (eq
 * x)}; {@code eq null} holds when the attribute has no value, so it is {@code not (pr)}; and {@code
 * ne null} is {@code pr}.
 *
 * @param test the positive test
 * @param value the literal, already checked against the attribute's type; {@link NullNode} for
 *     {@code pr}
 * @param negated whether the caller must take the complement of the positive test
 */
record Condition(Test test, JsonNode value, boolean negated) {

  /** The positive tests. */
  enum Test {
    PR,
    EQ,
    CO,
    SW,
    EW,
    GT,
    GE,
    LT,
    LE;

    boolean ordering() {
      return this == GT || this == GE || this == LT || this == LE;
    }

    boolean substring() {
      return this == CO || this == SW || this == EW;
    }
  }

  Condition {
    Objects.requireNonNull(test);
    Objects.requireNonNull(value);
  }

  static Condition present() {
    return new Condition(Test.PR, NullNode.getInstance(), false);
  }

  /** The condition of a {@code pr} or comparison leaf whose literal is already normalized. */
  static Condition of(ScimFilter leaf) {
    return leaf.accept(
        new LeafVisitor<Condition>() {
          @Override
          public Condition present(ScimFilter.Present present) {
            return Condition.present();
          }

          @Override
          public Condition compare(ScimFilter.Compare c) {
            return comparison(c);
          }
        });
  }

  private static Condition comparison(ScimFilter.Compare c) {
    if (c.value().isNull()) {
      return new Condition(Test.PR, NullNode.getInstance(), c.operator() == CompareOperator.EQ);
    }
    if (c.operator() == CompareOperator.NE) {
      return new Condition(Test.EQ, c.value(), true);
    }
    return new Condition(Test.valueOf(c.operator().name()), c.value(), false);
  }

  /** The positive test as a SCIM filter on {@code path}, for evaluating it on a known value. */
  ScimFilter positive(AttributePath path) {
    if (test == Test.PR) {
      return new ScimFilter.Present(path);
    }
    return new ScimFilter.Compare(path, CompareOperator.valueOf(test.name()), value);
  }

  /** The literal as text (for string, reference and dateTime attributes). */
  String text() {
    return value.asText();
  }
}
