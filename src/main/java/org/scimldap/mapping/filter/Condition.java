package org.scimldap.mapping.filter;

import static org.scimldap.scim.filter.CompareOperator.EQ;
import static org.scimldap.scim.filter.CompareOperator.NE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;
import java.util.Optional;
import org.scimldap.scim.filter.CompareOperator;
import org.scimldap.scim.filter.LeafVisitor;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;

/**
 * One attribute test of a SCIM filter with its negation taken out, so that the translators only
 * deal with positive tests: {@code pr}, or {@code eq co sw ew gt ge lt le} with a non-null literal.
 * Per RFC 7644 §3.4.2.2, {@code ne x} holds when no value equals {@code x}, so it is {@code not (eq
 * x)}; {@code eq null} holds when the attribute has no value, so it is {@code not (pr)}; and {@code
 * ne null} is {@code pr}.
 *
 * @param operator the positive comparison; empty for the presence test {@code pr}; never {@code ne}
 * @param value the literal, already checked against the attribute's type; {@link NullNode} for
 *     {@code pr}
 * @param negated whether the caller must take the complement of the positive test
 */
record Condition(Optional<CompareOperator> operator, JsonNode value, boolean negated) {

  Condition {
    Objects.requireNonNull(operator);
    Objects.requireNonNull(value);
    if (operator.equals(Optional.of(NE))) {
      throw new IllegalArgumentException("'ne' is a negated 'eq'");
    }
  }

  static Condition present() {
    return new Condition(Optional.empty(), NullNode.getInstance(), false);
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
      return new Condition(Optional.empty(), NullNode.getInstance(), c.operator() == EQ);
    }
    if (c.operator() == NE) {
      return new Condition(Optional.of(EQ), c.value(), true);
    }
    return new Condition(Optional.of(c.operator()), c.value(), false);
  }

  /** True for the presence test {@code pr}. */
  boolean isPresence() {
    return operator.isEmpty();
  }

  /** True when the positive test is the comparison {@code op}. */
  boolean is(CompareOperator op) {
    return operator.equals(Optional.of(op));
  }

  /** True for {@code gt ge lt le} (see {@link CompareOperator#ordering()}). */
  boolean ordering() {
    return operator.map(CompareOperator::ordering).orElse(false);
  }

  /** True for {@code co sw ew} (see {@link CompareOperator#substring()}). */
  boolean substring() {
    return operator.map(CompareOperator::substring).orElse(false);
  }

  /** The positive test as a SCIM filter on {@code path}, for evaluating it on a known value. */
  ScimFilter positive(AttributePath path) {
    return operator
        .<ScimFilter>map(op -> new ScimFilter.Compare(path, op, value))
        .orElseGet(() -> new ScimFilter.Present(path));
  }

  /** The literal as text (for string, reference and dateTime attributes). */
  String text() {
    return value.asText();
  }
}
