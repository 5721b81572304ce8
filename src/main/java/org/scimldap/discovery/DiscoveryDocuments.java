package org.scimldap.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.scim.schema.SchemaLoader;
import org.scimldap.scim.schema.ScimSchema;

/**
 * The discovery documents of RFC 7644 §4, in the wire format of RFC 7643 §5 ({@code
 * /ServiceProviderConfig}), §6 ({@code /ResourceTypes}) and §7 ({@code /Schemas}), computed once
 * from a mapping and the service limits. Pure: no I/O, and every method returns a new object the
 * caller may change.
 *
 * <p>Schemas describe what the mapping carries, not the whole RFC schemas: an attribute (and of a
 * complex attribute, a sub-attribute) is listed only when a mapping rule reads or writes it, it
 * names the entry, or it is {@code members} of a type with a members rule; {@code required} is true
 * for the naming source and otherwise as in RFC 7643 §4. The common attributes {@code id}, {@code
 * externalId} and {@code meta} (RFC 7643 §3.1) are never listed, as in the schemas of RFC 7643
 * §8.7.1. An extension with no mapped attribute is neither a {@code schemaExtensions} entry nor a
 * schema, unless the mapping makes it required. Extensions the mapping file declares are advertised
 * like the built-in ones, with the characteristics it gives them. See {@code AdvertisedSchemas} for
 * the details.
 *
 * <p>{@code /Schemas} lists the schemas resources use: each resource type's core schema and
 * advertised extensions, once each (types sharing a URN get the union of what they carry). The
 * meta-schemas for ServiceProviderConfig, ResourceType and Schema are not listed, which RFC 7644 §4
 * allows.
 *
 * <p>Each document carries {@code meta} with {@code resourceType} and {@code location}; locations
 * are built from the {@code baseUrl} each method receives (e.g. {@code http://host:8080/scim/v2}, a
 * trailing slash is ignored), so one instance serves any host name.
 */
public final class DiscoveryDocuments {
  public static final String SERVICE_PROVIDER_CONFIG_URN =
      "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
  public static final String RESOURCE_TYPE_URN =
      "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
  public static final String SCHEMA_URN = "urn:ietf:params:scim:schemas:core:2.0:Schema";
  public static final String LIST_RESPONSE_URN =
      "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ObjectNode serviceProviderConfig;

  /** Resource type documents without {@code meta}, keyed by lower-cased name, in mapping order. */
  private final Map<String, ObjectNode> resourceTypes = new LinkedHashMap<>();

  /** Schema documents without {@code meta}, keyed by lower-cased URN, in first-use order. */
  private final Map<String, ObjectNode> schemas = new LinkedHashMap<>();

  public DiscoveryDocuments(MappingSpec spec, ServiceLimits limits) {
    Objects.requireNonNull(spec);
    Objects.requireNonNull(limits);
    this.serviceProviderConfig = ServiceProviderConfigDocument.of(limits);
    Map<String, ScimSchema> used = new LinkedHashMap<>();
    for (ResourceMapping mapping : spec.resources()) {
      List<ScimSchema> advertised = AdvertisedSchemas.of(mapping);
      resourceTypes.put(key(mapping.name()), resourceTypeDocument(mapping, advertised));
      for (ScimSchema s : advertised) {
        used.merge(key(s.id()), s, AdvertisedSchemas::merge);
      }
    }
    used.forEach((urn, s) -> schemas.put(urn, schemaDocument(s)));
  }

  /** {@code GET /ServiceProviderConfig} (RFC 7643 §5). */
  public ObjectNode serviceProviderConfig(String baseUrl) {
    String location = base(baseUrl) + "/ServiceProviderConfig";
    return withMeta(serviceProviderConfig, "ServiceProviderConfig", location);
  }

  /** {@code GET /ResourceTypes}: a ListResponse (RFC 7644 §3.4.2, §4) of every resource type. */
  public ObjectNode resourceTypes(String baseUrl) {
    String base = base(baseUrl);
    List<ObjectNode> items = new ArrayList<>();
    resourceTypes.values().forEach(doc -> items.add(resourceTypeWithMeta(doc, base)));
    return listResponse(items);
  }

  /** {@code GET /ResourceTypes/{name}} (RFC 7643 §6); the name matches case-insensitively. */
  public Optional<ObjectNode> resourceType(String name, String baseUrl) {
    String base = base(baseUrl);
    return Optional.ofNullable(resourceTypes.get(key(name)))
        .map(doc -> resourceTypeWithMeta(doc, base));
  }

  /** {@code GET /Schemas}: a ListResponse (RFC 7644 §4) of the schemas resources use. */
  public ObjectNode schemas(String baseUrl) {
    String base = base(baseUrl);
    List<ObjectNode> items = new ArrayList<>();
    schemas.values().forEach(doc -> items.add(schemaWithMeta(doc, base)));
    return listResponse(items);
  }

  /** {@code GET /Schemas/{urn}} (RFC 7643 §7); the URN matches case-insensitively. */
  public Optional<ObjectNode> schema(String urn, String baseUrl) {
    String base = base(baseUrl);
    return Optional.ofNullable(schemas.get(key(urn))).map(doc -> schemaWithMeta(doc, base));
  }

  private static ObjectNode resourceTypeDocument(
      ResourceMapping mapping, List<ScimSchema> advertised) {
    ObjectNode doc = JSON.objectNode();
    doc.putArray("schemas").add(RESOURCE_TYPE_URN);
    doc.put("id", mapping.name());
    doc.put("name", mapping.name());
    doc.put("endpoint", mapping.schema().endpoint());
    String description = mapping.schema().core().description();
    doc.put("description", description.isEmpty() ? mapping.name() : description);
    doc.put("schema", advertised.get(0).id());
    if (advertised.size() > 1) {
      ArrayNode extensions = doc.putArray("schemaExtensions");
      for (ScimSchema extension : advertised.subList(1, advertised.size())) {
        extensions
            .addObject()
            .put("schema", extension.id())
            .put("required", mapping.schema().requires(extension.id()));
      }
    }
    return doc;
  }

  private static ObjectNode schemaDocument(ScimSchema schema) {
    ObjectNode doc = JSON.objectNode();
    doc.putArray("schemas").add(SCHEMA_URN);
    doc.setAll(SchemaLoader.toJson(schema));
    return doc;
  }

  private static ObjectNode resourceTypeWithMeta(ObjectNode doc, String base) {
    return withMeta(doc, "ResourceType", base + "/ResourceTypes/" + doc.get("id").asText());
  }

  private static ObjectNode schemaWithMeta(ObjectNode doc, String base) {
    return withMeta(doc, "Schema", base + "/Schemas/" + doc.get("id").asText());
  }

  private static ObjectNode withMeta(ObjectNode doc, String resourceType, String location) {
    ObjectNode copy = doc.deepCopy();
    copy.putObject("meta").put("resourceType", resourceType).put("location", location);
    return copy;
  }

  private static ObjectNode listResponse(Collection<ObjectNode> items) {
    ObjectNode list = JSON.objectNode();
    list.putArray("schemas").add(LIST_RESPONSE_URN);
    list.put("totalResults", items.size());
    list.put("itemsPerPage", items.size());
    list.put("startIndex", 1);
    list.putArray("Resources").addAll(items);
    return list;
  }

  private static String base(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String base = baseUrl;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
