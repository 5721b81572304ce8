package org.scimldap.mapping.spec;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scimldap.config.ConfigException;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.PathParser;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.CoreSchemas;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.ScimSchema;

/**
 * Reads and validates a mapping file completely at start. Every problem is reported as {@code
 * file:line:column: message}; unknown keys are errors, SCIM paths are parsed with the same parser
 * PATCH uses and must name attributes of the resource type's schemas. The format is described in
 * {@code mappings/README.md}.
 */
public final class MappingLoader {
  private static final Pattern LDAP_ATTRIBUTE =
      Pattern.compile("^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+)(;[A-Za-z0-9-]+)*$");
  private static final Pattern RDN_TEMPLATE =
      Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9-]*)\\s*=\\s*\\{([^}]+)}\\s*$");
  private static final Set<String> TOP_KEYS = Set.of("version", "resourceTypes");
  private static final Set<String> TYPE_KEYS =
      Set.of(
          "endpoint",
          "schema",
          "extensions",
          "objectClasses",
          "container",
          "searchBase",
          "rdn",
          "filter",
          "id",
          "attributes",
          "members",
          "unmapped");
  private static final Set<String> RULE_KEYS =
      Set.of("scim", "ldap", "store", "direction", "fallback", "transform", "primary");

  private MappingLoader() {}

  /** Loads a mapping from a file, or from the bundled presets when no such file exists. */
  public static MappingSpec load(String location) {
    Path file = Path.of(location);
    if (Files.isRegularFile(file)) {
      try {
        return parse(location, Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new ConfigException("Cannot read mapping file " + file + ": " + e.getMessage(), e);
      }
    }
    String preset = "mappings/" + file.getFileName();
    try (InputStream in = MappingLoader.class.getClassLoader().getResourceAsStream(preset)) {
      if (in == null) {
        throw new ConfigException(
            "Mapping file " + location + " not found (nor a bundled preset of that name)");
      }
      return parse(
          "preset:" + file.getFileName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("Cannot read bundled mapping " + preset + ": " + e.getMessage(), e);
    }
  }

  /** Parses and validates mapping text; {@code name} is used in messages. */
  public static MappingSpec parse(String name, String text) {
    YamlNode root = YamlNode.parse(name, text).requireKeys(TOP_KEYS, Set.of("resourceTypes"));
    root.get("version")
        .ifPresent(
            v -> {
              if (!v.text().equals("1")) {
                throw v.error(
                    "unsupported mapping version '" + v.text() + "'; this gateway reads version 1");
              }
            });
    List<ResourceMapping> resources = new ArrayList<>();
    for (Map.Entry<String, YamlNode> e : root.require("resourceTypes").entries().entrySet()) {
      resources.add(resourceType(e.getKey(), e.getValue()));
    }
    if (resources.isEmpty()) {
      throw root.require("resourceTypes").error("at least one resource type is needed");
    }
    return new MappingSpec(name, resources);
  }

  private static ResourceMapping resourceType(String typeName, YamlNode node) {
    node.requireKeys(TYPE_KEYS, Set.of("objectClasses", "container", "rdn", "attributes"));
    ResourceSchema schema = schemaFor(typeName, node);

    List<String> objectClasses = node.require("objectClasses").texts();
    if (objectClasses.isEmpty()) {
      throw node.require("objectClasses").error("at least one object class is needed");
    }
    String container = node.require("container").text();
    checkDnTemplate(node.require("container"), container);
    String searchBase = node.get("searchBase").map(YamlNode::text).orElse(container);
    node.get("searchBase").ifPresent(n -> checkDnTemplate(n, searchBase));

    YamlNode rdnNode = node.require("rdn");
    Matcher rdn = RDN_TEMPLATE.matcher(rdnNode.text());
    if (!rdn.matches()) {
      throw rdnNode.error("rdn must look like 'uid={userName}', got '" + rdnNode.text() + "'");
    }
    ScimPath rdnSource = path(rdnNode, rdn.group(2), schema);

    Filter entryFilter;
    YamlNode filterNode = node.get("filter").orElse(null);
    try {
      entryFilter =
          filterNode == null
              ? Filter.createEqualityFilter(
                  "objectClass", objectClasses.get(objectClasses.size() - 1))
              : Filter.create(filterNode.text());
    } catch (LDAPException e) {
      throw filterNode.error("not a valid LDAP filter: " + e.getMessage());
    }
    String idAttribute = "entryUUID";
    ValueTransform idTransform = new ValueTransform.Text();
    YamlNode idNode = node.get("id").orElse(null);
    if (idNode != null && idNode.isScalar()) {
      idAttribute = idNode.text();
      checkLdapAttribute(idNode, idAttribute);
    } else if (idNode != null) {
      idNode.requireKeys(Set.of("attribute", "transform"), Set.of("attribute"));
      idAttribute = idNode.require("attribute").text();
      checkLdapAttribute(idNode.require("attribute"), idAttribute);
      YamlNode t = idNode.get("transform").orElse(null);
      if (t != null) {
        idTransform = TransformLoader.transform(t);
        if (!(idTransform instanceof ValueTransform.Text)
            && !(idTransform instanceof ValueTransform.Binary b
                && b.encoding() != ValueTransform.Binary.Encoding.BASE64)) {
          throw t.error("an id is text, or a binary id read as uuid or guid");
        }
      }
    }

    List<AttributeRule> rules = new ArrayList<>();
    Map<String, AttributeRule> writers = new HashMap<>();
    for (YamlNode ruleNode : node.require("attributes").list()) {
      AttributeRule rule = rule(ruleNode, schema);
      if (rule.source() == AttributeRule.Source.LDAP && rule.direction().writes()) {
        AttributeRule clash = writers.put(rule.ldap().toLowerCase(Locale.ROOT), rule);
        if (clash != null) {
          throw ruleNode.error(
              "LDAP attribute '"
                  + rule.ldap()
                  + "' is already written by the rule at "
                  + clash.origin());
        }
      }
      rules.add(rule);
    }
    if (!writers.containsKey(rdn.group(1).toLowerCase(Locale.ROOT))) {
      throw rdnNode.error(
          "the naming attribute '"
              + rdn.group(1)
              + "' must be written by one of the attributes rules");
    }
    MembersRule members = node.get("members").map(MappingLoader::members).orElse(null);
    ResourceMapping.Unmapped unmapped =
        node.get("unmapped")
            .map(
                u ->
                    switch (u.text()) {
                      case "keep" -> ResourceMapping.Unmapped.KEEP;
                      case "ignore" -> ResourceMapping.Unmapped.IGNORE;
                      case "reject" -> ResourceMapping.Unmapped.REJECT;
                      default ->
                          throw u.error(
                              "unmapped is keep, ignore or reject, got '" + u.text() + "'");
                    })
            .orElse(ResourceMapping.Unmapped.IGNORE);
    return new ResourceMapping(
        schema,
        objectClasses,
        container,
        searchBase,
        rdn.group(1),
        rdnSource,
        entryFilter,
        idAttribute,
        idTransform,
        rules,
        members,
        unmapped);
  }

  private static ResourceSchema schemaFor(String typeName, YamlNode node) {
    Map<String, ScimSchema> known = new HashMap<>();
    for (ScimSchema s :
        List.of(CoreSchemas.user(), CoreSchemas.group(), CoreSchemas.enterpriseUser())) {
      known.put(s.id().toLowerCase(Locale.ROOT), s);
    }
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
    ScimSchema core = known.get(coreUrn.toLowerCase(Locale.ROOT));
    if (core == null) {
      throw (schemaNode == null ? node : schemaNode).error("unknown schema '" + coreUrn + "'");
    }
    List<ScimSchema> extensions = new ArrayList<>();
    YamlNode extNode = node.get("extensions").orElse(null);
    if (extNode != null) {
      for (YamlNode ext : extNode.isList() ? extNode.list() : List.of(extNode)) {
        ScimSchema s = known.get(ext.text().toLowerCase(Locale.ROOT));
        if (s == null || s == core) {
          throw ext.error("unknown schema extension '" + ext.text() + "'");
        }
        extensions.add(s);
      }
    }
    String endpoint = node.get("endpoint").map(YamlNode::text).orElse("/" + typeName + "s");
    if (!endpoint.matches("^/[A-Za-z][A-Za-z0-9]*$")) {
      throw node.require("endpoint")
          .error("endpoint must look like '/Users', got '" + endpoint + "'");
    }
    return new ResourceSchema(typeName, endpoint, core, extensions);
  }

  private static AttributeRule rule(YamlNode node, ResourceSchema schema) {
    node.requireKeys(RULE_KEYS, Set.of("scim"));
    ScimPath scim = path(node.require("scim"), node.require("scim").text(), schema);
    boolean store = node.get("store").map(YamlNode::bool).orElse(false);
    String ldap = node.get("ldap").map(YamlNode::text).orElse("");
    if (store == !ldap.isEmpty()) {
      throw node.error("a rule needs exactly one of 'ldap: <attribute>' or 'store: true'");
    }
    if (!ldap.isEmpty()) {
      checkLdapAttribute(node.require("ldap"), ldap);
    }
    if (store && !scim.toString().equalsIgnoreCase("externalId")) {
      throw node.error("only externalId can be kept in the correlation store");
    }
    Direction direction =
        node.get("direction").map(MappingLoader::direction).orElse(Direction.BOTH);
    List<Fallback> fallbacks = new ArrayList<>();
    node.get("fallback")
        .ifPresent(f -> f.texts().forEach(t -> fallbacks.add(fallback(f, t, schema))));
    ValueTransform transform =
        node.get("transform").map(TransformLoader::transform).orElse(new ValueTransform.Text());
    if (transform instanceof ValueTransform.PasswordHash) {
      if (direction == Direction.TO_SCIM) {
        throw node.require("direction")
            .error("a password is never read back, so a password rule cannot be toScim");
      }
      direction = Direction.TO_LDAP;
    }
    boolean primary = node.get("primary").map(YamlNode::bool).orElse(false);
    return new AttributeRule(
        scim,
        ldap,
        store ? AttributeRule.Source.STORE : AttributeRule.Source.LDAP,
        direction,
        fallbacks,
        transform,
        primary,
        node.where());
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

  /** A fallback: a SCIM path, or a template with {@code {path}} placeholders. */
  private static Fallback fallback(YamlNode node, String text, ResourceSchema schema) {
    if (!text.contains("{")) {
      return new Fallback.FromPath(path(node, text, schema));
    }
    List<Object> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(text.substring(at, m.start()));
      }
      parts.add(path(node, m.group(1), schema));
      at = m.end();
    }
    if (at < text.length()) {
      parts.add(text.substring(at));
    }
    if (parts.stream().noneMatch(p -> p instanceof ScimPath)
        || parts.stream()
            .anyMatch(p -> p instanceof String s && (s.contains("{") || s.contains("}")))) {
      throw node.error("template '" + text + "' needs {path} placeholders with balanced braces");
    }
    return new Fallback.FromTemplate(text, parts);
  }

  private static Direction direction(YamlNode node) {
    return switch (node.text()) {
      case "both" -> Direction.BOTH;
      case "toLdap" -> Direction.TO_LDAP;
      case "toScim" -> Direction.TO_SCIM;
      default ->
          throw node.error("direction must be both, toLdap or toScim, got '" + node.text() + "'");
    };
  }

  private static MembersRule members(YamlNode node) {
    node.requireKeys(Set.of("ldap", "placeholder"), Set.of("ldap"));
    String ldap = node.require("ldap").text();
    checkLdapAttribute(node.require("ldap"), ldap);
    DN placeholder = null;
    if (node.get("placeholder").isPresent()) {
      YamlNode p = node.require("placeholder");
      try {
        placeholder = new DN(p.text());
      } catch (LDAPException e) {
        throw p.error("placeholder is not a valid DN: " + e.getMessage());
      }
    }
    return new MembersRule(ldap, placeholder);
  }

  private static ScimPath path(YamlNode node, String text, ResourceSchema schema) {
    ScimPath path;
    try {
      path = PathParser.parse(text.trim());
    } catch (ScimException e) {
      throw node.error("'" + text + "' is not a valid SCIM path: " + e.detail());
    }
    if (schema.resolve(path.attribute()).isEmpty()) {
      throw node.error(
          "'" + text + "' is not an attribute of " + schema.name() + " or its extensions");
    }
    if (path.subAttribute() != null
        && schema.resolve(path.attribute().withSubAttribute(path.subAttribute())).isEmpty()) {
      throw node.error(
          "'" + path.subAttribute() + "' is not a sub-attribute of " + path.attribute());
    }
    return path;
  }

  private static void checkLdapAttribute(YamlNode node, String name) {
    if (!LDAP_ATTRIBUTE.matcher(name).matches()) {
      throw node.error("'" + name + "' is not a valid LDAP attribute name");
    }
  }

  private static void checkDnTemplate(YamlNode node, String template) {
    try {
      new DN(template.replace("{baseDn}", "dc=example,dc=com"));
    } catch (LDAPException e) {
      throw node.error("'" + template + "' is not a valid DN template: " + e.getMessage());
    }
  }
}
