package org.scimldap.mapping.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.schema.CoreSchemas;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.ScimSchema;

/**
 * Reads the schemas of one resource type (RFC 7643 §6): its core {@code schema} (User's or Group's,
 * implied for types of those names), its {@code extensions} and its {@code endpoint}. An extension
 * is a URN, of the Enterprise User extension or of a schema declared under {@code schemas:}; or a
 * map in the shape of RFC 7643 §6 {@code schemaExtensions}, {@code {schema: <URN>, required:
 * true}}, which may declare the schema in place with {@code name}, {@code description} and {@code
 * attributes} as {@link SchemaDeclarationLoader} reads them.
 */
final class ResourceSchemaLoader {
  static final Map<String, ScimSchema> BUILT_IN = builtIn();

  private static final Set<String> EXTENSION_KEYS =
      Set.of("schema", "required", "name", "description", "attributes");

  private ResourceSchemaLoader() {}

  private static Map<String, ScimSchema> builtIn() {
    Map<String, ScimSchema> known = new HashMap<>();
    for (ScimSchema s :
        List.of(CoreSchemas.user(), CoreSchemas.group(), CoreSchemas.enterpriseUser())) {
      known.put(key(s.id()), s);
    }
    return Map.copyOf(known);
  }

  /**
   * The type's schemas; empty when they have a problem (in {@code problems}) or name a declared
   * schema that has one (reported where it is declared).
   */
  static Optional<ResourceSchema> schema(
      String typeName, YamlNode node, SchemaDeclarationLoader declarations, Problems problems) {
    int before = problems.count();
    Optional<ScimSchema> core = problems.attempt(() -> core(typeName, node, declarations));
    List<ScimSchema> extensions = new ArrayList<>();
    List<String> required = new ArrayList<>();
    boolean broken = false;
    Optional<YamlNode> extNode = node.get("extensions");
    if (extNode.isPresent()) {
      List<YamlNode> entries =
          extNode.get().isList() ? extNode.get().list() : List.of(extNode.get());
      for (YamlNode entry : entries) {
        Optional<Extension> ext = extension(entry, declarations, problems);
        if (ext.isEmpty()) {
          continue;
        }
        if (ext.get().schema() == null) {
          broken = true;
          continue;
        }
        ScimSchema s = ext.get().schema();
        if (core.isPresent() && s == core.get()
            || extensions.stream().anyMatch(e -> e.id().equalsIgnoreCase(s.id()))) {
          problems.add(entry.error("schema extension '" + s.id() + "' is listed twice"));
          continue;
        }
        extensions.add(s);
        if (ext.get().required()) {
          required.add(s.id());
        }
      }
    }
    Optional<String> endpoint = problems.attempt(() -> endpoint(typeName, node));
    if (problems.count() > before || broken) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourceSchema(typeName, endpoint.orElseThrow(), core.get(), extensions, required));
  }

  private static ScimSchema core(
      String typeName, YamlNode node, SchemaDeclarationLoader declarations) {
    String defaultCore =
        switch (typeName) {
          case "User" -> CoreSchemas.USER_URN;
          case "Group" -> CoreSchemas.GROUP_URN;
          default -> null;
        };
    YamlNode schemaNode = node.get("schema").orElse(null);
    String coreUrn = schemaNode != null ? schemaNode.text() : defaultCore;
    if (coreUrn == null) {
      throw node.error("resource type '" + typeName + "' needs a 'schema' URN");
    }
    ScimSchema core = BUILT_IN.get(key(coreUrn));
    if (core == null) {
      YamlNode at = schemaNode == null ? node : schemaNode;
      if (declarations.find(coreUrn).isPresent()) {
        throw at.error(
            "'" + coreUrn + "' is declared as an extension schema; list it under 'extensions'");
      }
      throw at.error("unknown schema '" + coreUrn + "'");
    }
    return core;
  }

  /** An extension entry; its schema is null when it names a declaration that has a problem. */
  private record Extension(ScimSchema schema, boolean required) {}

  private static Optional<Extension> extension(
      YamlNode entry, SchemaDeclarationLoader declarations, Problems problems) {
    if (!entry.isMap()) {
      return problems
          .attempt(() -> known(entry, declarations))
          .map(s -> new Extension(s.orElse(null), false));
    }
    int before = problems.count();
    problems.addAll(entry.unknownKeys(EXTENSION_KEYS));
    Optional<YamlNode> urn = problems.attempt(() -> entry.require("schema"));
    Optional<Boolean> required =
        problems.attempt(() -> entry.get("required").map(YamlNode::bool).orElse(false));
    if (problems.count() > before) {
      return Optional.empty();
    }
    boolean declares =
        entry.get("attributes").isPresent()
            || entry.get("name").isPresent()
            || entry.get("description").isPresent();
    if (declares) {
      return declarations
          .declareInline(entry, urn.get(), problems)
          .map(s -> new Extension(s, required.get()));
    }
    return problems
        .attempt(() -> known(urn.get(), declarations))
        .map(s -> new Extension(s.orElse(null), required.get()));
  }

  /** The built-in or declared schema a URN names; empty when its declaration has a problem. */
  private static Optional<ScimSchema> known(
      YamlNode urnNode, SchemaDeclarationLoader declarations) {
    String urn = urnNode.text().trim();
    ScimSchema builtIn = BUILT_IN.get(key(urn));
    if (builtIn != null) {
      if (builtIn == CoreSchemas.user() || builtIn == CoreSchemas.group()) {
        throw urnNode.error("'" + urn + "' is a core schema, not a schema extension");
      }
      return Optional.of(builtIn);
    }
    Optional<ScimSchema> declared = declarations.find(urn);
    if (declared.isPresent() || declarations.failed(urn)) {
      return declared;
    }
    throw urnNode.error(
        "unknown schema extension '"
            + urn
            + "'; declare it under 'schemas:' or in place as {schema: <URN>, attributes: [...]}");
  }

  private static String endpoint(String typeName, YamlNode node) {
    String endpoint = node.get("endpoint").map(YamlNode::text).orElse("/" + typeName + "s");
    if (!endpoint.matches("^/[A-Za-z][A-Za-z0-9]*$")) {
      Optional<YamlNode> written = node.get("endpoint");
      throw written
          .orElse(node)
          .error(
              "endpoint must look like '/Users', got '" + endpoint + "'",
              written.isPresent()
                  ? ""
                  : "the default endpoint comes from the type's name; set 'endpoint: /…'");
    }
    return endpoint;
  }

  private static String key(String urn) {
    return urn.toLowerCase(Locale.ROOT);
  }
}
