package org.scimldap.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The schemas defined by RFC 7643: User and Group (§4.1, §4.2, representations in §8.7.1) with the
 * common attributes {@code id}, {@code externalId} and {@code meta} (§3.1), and the Enterprise User
 * extension (§4.3). Read once from {@code /scim/schemas/*.json} on the class path; the values are
 * immutable.
 */
public final class CoreSchemas {
  public static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  public static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
  public static final String ENTERPRISE_USER_URN =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static final ScimSchema USER = load("core-user.json");
  private static final ScimSchema GROUP = load("core-group.json");
  private static final ScimSchema ENTERPRISE_USER = load("enterprise-user.json");

  private CoreSchemas() {}

  /** {@code urn:ietf:params:scim:schemas:core:2.0:User}. */
  public static ScimSchema user() {
    return USER;
  }

  /** {@code urn:ietf:params:scim:schemas:core:2.0:Group}. */
  public static ScimSchema group() {
    return GROUP;
  }

  /** {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}. */
  public static ScimSchema enterpriseUser() {
    return ENTERPRISE_USER;
  }

  /** The User resource type of RFC 7643 §8.6: core User with the Enterprise User extension. */
  public static ResourceSchema userResource() {
    return new ResourceSchema("User", "/Users", USER, List.of(ENTERPRISE_USER));
  }

  /** The Group resource type of RFC 7643 §8.6, without extensions. */
  public static ResourceSchema groupResource() {
    return new ResourceSchema("Group", "/Groups", GROUP, List.of());
  }

  /** The raw JSON of one of the bundled schema files, e.g. {@code core-user.json}. */
  static JsonNode readResource(String fileName) {
    String path = "/scim/schemas/" + fileName;
    try (InputStream in = CoreSchemas.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the class path: " + path);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource " + path, e);
    }
  }

  private static ScimSchema load(String fileName) {
    return SchemaLoader.fromJson(readResource(fileName));
  }
}
