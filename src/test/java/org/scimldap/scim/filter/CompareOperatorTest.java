package org.scimldap.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompareOperatorTest {

  @ParameterizedTest
  @CsvSource({
    "eq, false, false",
    "ne, false, false",
    "co, false, true",
    "sw, false, true",
    "ew, false, true",
    "gt, true, false",
    "ge, true, false",
    "lt, true, false",
    "le, true, false"
  })
  void operatorsKnowWhetherTheyOrderOrMatchSubstrings(
      String keyword, boolean ordering, boolean substring) {
    CompareOperator op = CompareOperator.fromKeyword(keyword).orElseThrow();
    assertEquals(keyword, op.keyword());
    assertEquals(ordering, op.ordering());
    assertEquals(substring, op.substring());
  }
}
