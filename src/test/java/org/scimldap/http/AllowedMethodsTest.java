package org.scimldap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The methods each path of a mapping answers: the {@code Allow} of a 405, none (a 404) for a path
 * no route has, such as an endpoint the mapping does not have, and whether a HEAD answers 200.
 */
class AllowedMethodsTest {
  private final AllowedMethods allowed = new AllowedMethods("/scim/v2", Set.of("Users", "People"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "/scim/v2/Users                  | GET, POST                    | true  | Users",
        "/scim/v2/Users/                 | GET, POST                    | true  | Users",
        "/scim/v2/People/abc             | GET, PUT, PATCH, DELETE      | true  | People",
        "/scim/v2/Users/.search          | POST                         | true  | Users",
        "/scim/v2/Users/abc/def          | -                            | false | Users",
        "/scim/v2/Groups                 | -                            | false | -",
        "/scim/v2/Groups/abc             | -                            | false | -",
        "/scim/v2/users                  | -                            | false | -",
        "/scim/v2/%55sers                | -                            | false | -",
        "/scim/v2//Users                 | -                            | false | -",
        "/scim/v2/.search                | POST                         | false | -",
        "/scim/v2/Bulk                   | POST                         | false | -",
        "/scim/v2/Bulk/x                 | -                            | false | -",
        "/scim/v2/Me                     | GET, POST, PUT, PATCH, DELETE | true  | -",
        "/scim/v2/Schemas                | GET                          | true  | -",
        "/scim/v2/Schemas/urn:x          | GET                          | true  | -",
        "/scim/v2/ResourceTypes/User     | GET                          | true  | -",
        "/scim/v2/ServiceProviderConfig  | GET                          | true  | -",
        "/scim/v2/ServiceProviderConfig/x | -                           | false | -",
        "/scim/v2                        | -                            | false | -",
      })
  void eachPathAnswersItsMethods(String path, String allow, boolean get, String endpoint) {
    assertEquals(Optional.ofNullable(allow), allowed.of(path), "Allow");
    assertEquals(get, allowed.hasGet(path), "a GET route");
    assertEquals(Optional.ofNullable(endpoint), allowed.endpoint(path), "endpoint");
  }
}
