package org.scimldap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Paths under the base are taken apart as the routes {@code /{endpoint}[/{id}]} matched them. */
class ResourceRoutesTest {
  private static Optional<ResourceRoutes.Target> at(String path) {
    return ResourceRoutes.Target.of(path, "/scim/v2");
  }

  private static Optional<ResourceRoutes.Target> resource(String id) {
    return Optional.of(new ResourceRoutes.Target(id, false));
  }

  @Test
  void collectionsAndResources() {
    Optional<ResourceRoutes.Target> collection =
        Optional.of(new ResourceRoutes.Target(null, false));
    assertEquals(collection, at("/scim/v2/Users"));
    assertEquals(collection, at("/scim/v2/Users/"));
    assertEquals(resource("abc"), at("/scim/v2/Users/abc"));
    assertEquals(resource("abc"), at("/scim/v2/Users/abc/"));
    assertEquals(
        Optional.of(new ResourceRoutes.Target(".search", true)), at("/scim/v2/Users/.search"));
    assertEquals(resource(".Search"), at("/scim/v2/Users/.Search"));
  }

  @Test
  void anIdIsDecodedAsAPathParameterIs() {
    assertEquals(resource("a b+c"), at("/scim/v2/Users/a%20b+c"));
    assertEquals(resource("a/b"), at("/scim/v2/Users/a%2Fb"));
    assertEquals(resource("é"), at("/scim/v2/Users/%C3%A9"));
    assertEquals(resource("+"), at("/scim/v2/Users/%2B"));
  }

  @Test
  void otherShapesHaveNoRoute() {
    for (String path :
        new String[] {
          "/scim/v2",
          "/scim/v2/",
          "/scim/v2//",
          "/scim/v2//Users",
          "/scim/v2/Users//",
          "/scim/v2/Users//a",
          "/scim/v2/Users/a/b",
          "/scim/v2/Users/a//",
          "/scim/v2x/Users",
          "/other/Users"
        }) {
      assertEquals(Optional.empty(), at(path), path);
    }
  }

  @Test
  void underTheRoot() {
    assertEquals(
        Optional.of(new ResourceRoutes.Target(null, false)),
        ResourceRoutes.Target.of("/Users", "/"));
    assertEquals(resource("1"), ResourceRoutes.Target.of("/Users/1", "/"));
    assertEquals(Optional.empty(), ResourceRoutes.Target.of("/", "/"));
    assertEquals(Optional.empty(), ResourceRoutes.Target.of("//Users", "/"));
  }
}
