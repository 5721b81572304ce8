package org.scimldap.scim.path;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scimldap.scim.filter.PathParser;

class ScimPathTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          userName                                                 | {}
          name.givenName                                           | {}
          emails[type eq "work"].value                             | {"type": "work"}
          emails[type eq "work" and primary eq true].value         | {"type": "work", "primary": true}
          emails[primary eq true and type eq "work"]               | {"primary": true, "type": "work"}
          emails[type eq "a" and value co "@x" and type eq "b"]    | {"type": "b"}
          emails[type eq "work" or type eq "home"].value           | {}
          emails[not (type eq "work")].value                       | {}
          emails[type ne "work" and display pr].value              | {}
          emails[value.x eq "y" and type eq "work"].value          | {"type": "work"}
          emails[(type eq "work" and primary eq true) and display eq null] | {"type": "work", "primary": true, "display": null}
          """)
  void equalityTermsAreTheTopLevelEqualitiesOfTheValueFilter(String path, String expected)
      throws Exception {
    assertEquals(
        JSON.readTree(expected).toString(), PathParser.parse(path).equalityTerms().toString());
  }
}
