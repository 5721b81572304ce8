package org.scimldap.mapping.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scimldap.scim.filter.CompareOperator;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.scim.path.AttributePath;

class ConditionTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          title pr           | -  | null | false | title pr
          title eq null      | -  | null | true  | title pr
          title ne null      | -  | null | false | title pr
          title eq "x"       | EQ | "x"  | false | title eq "x"
          title ne "x"       | EQ | "x"  | true  | title eq "x"
          title co "x"       | CO | "x"  | false | title co "x"
          title sw "x"       | SW | "x"  | false | title sw "x"
          title ew "x"       | EW | "x"  | false | title ew "x"
          title gt "x"       | GT | "x"  | false | title gt "x"
          title le "x"       | LE | "x"  | false | title le "x"
          """)
  void takesTheNegationOutOfALeaf(
      String filter, String operator, String value, boolean negated, String positive) {
    Condition c = Condition.of(FilterParser.parse(filter));
    assertEquals(Optional.ofNullable(operator).map(CompareOperator::valueOf), c.operator());
    assertEquals(operator == null, c.isPresence());
    assertEquals(value, c.value().toString());
    assertEquals(negated, c.negated());
    assertEquals(
        FilterParser.parse(positive), c.positive(AttributePath.of("title")), "positive test");
  }

  @Test
  void neIsNeverAPositiveTest() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Condition(Optional.of(CompareOperator.NE), TextNode.valueOf("x"), false));
  }

  @Test
  void presenceHasNoOperatorAndANullLiteral() {
    Condition c = Condition.present();
    assertEquals(new Condition(Optional.empty(), NullNode.getInstance(), false), c);
    assertFalse(c.ordering() || c.substring() || c.is(CompareOperator.EQ));
  }
}
