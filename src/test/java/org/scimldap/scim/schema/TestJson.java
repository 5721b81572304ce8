package org.scimldap.scim.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/** Test fixtures: JSON written with single quotes, and a small schema with every simple type. */
final class TestJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  static final String ENTERPRISE = CoreSchemas.ENTERPRISE_USER_URN;
  static final String THING_URN = "urn:example:params:scim:schemas:Thing";

  private TestJson() {}

  /** Parses JSON in which strings may be single-quoted, for readable tables. */
  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad test JSON: " + text, e);
    }
  }

  /**
   * A resource type whose core schema has one attribute of each simple type plus attributes
   * returned {@code always} and {@code request}, for cases the RFC schemas do not cover.
   */
  static ResourceSchema thing() {
    ScimSchema core =
        SchemaLoader.fromJson(
            json(
                """
                {'id': '%s', 'name': 'Thing', 'attributes': [
                  {'name': 'id', 'mutability': 'readOnly', 'returned': 'always'},
                  {'name': 'count', 'type': 'integer'},
                  {'name': 'ratio', 'type': 'decimal'},
                  {'name': 'since', 'type': 'dateTime'},
                  {'name': 'tags', 'multiValued': true},
                  {'name': 'kind', 'returned': 'always'},
                  {'name': 'hint', 'returned': 'request'},
                  {'name': 'detail', 'type': 'complex', 'subAttributes': [
                    {'name': 'summary'},
                    {'name': 'secret', 'returned': 'request'},
                    {'name': 'key', 'returned': 'always'},
                    {'name': 'hash', 'returned': 'never'}]}]}
                """
                    .formatted(THING_URN)));
    return new ResourceSchema("Thing", "/Things", core, List.of());
  }
}
