package org.scimldap.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the text of a configuration file into a tree: {@code ${VAR}} references resolved in keys
 * and text values ({@link EnvInterpolator}), and the {@code file:line:column} of every key and list
 * item noted in {@link ValueSources}. Messages quote no line of the file: it may hold a secret.
 */
final class ConfigFileReader {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final String file;
  private final EnvInterpolator references;
  private final ValueSources sources;

  private ConfigFileReader(String file, EnvInterpolator references, ValueSources sources) {
    this.file = file;
    this.references = references;
    this.sources = sources;
  }

  /**
   * The mapping at the top of {@code text} (empty for an empty file).
   *
   * @param file name of the file, for messages and sources
   */
  static ObjectNode read(String file, String text, Map<String, String> env, ValueSources sources) {
    EnvInterpolator references = EnvInterpolator.mask(text, env);
    try (JsonParser p = YAML.createParser(references.masked())) {
      JsonToken first = p.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        return JsonNodeFactory.instance.objectNode();
      }
      ConfigFileReader reader = new ConfigFileReader(file, references, sources);
      if (first != JsonToken.START_OBJECT) {
        throw new ConfigException(reader.at(p) + ": the file must be a mapping of keys to values");
      }
      return (ObjectNode) reader.value(p, "");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null
              ? ""
              : ":"
                  + at.getLineNr()
                  + ":"
                  + references.originalColumn(at.getLineNr(), at.getColumnNr());
      throw new ConfigException(file + where + ": not valid YAML (" + problem(e) + ")", e);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The value at the parser's current token, which starts the value of {@code path}. */
  private JsonNode value(JsonParser p, String path) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String where = at(p);
          String name = resolve(p.currentName(), where, path);
          String key = path.isEmpty() ? name : path + "." + name;
          if (object.has(name)) {
            throw new ConfigException(where + ": '" + key + "' is set twice");
          }
          sources.put(key, where);
          p.nextToken();
          object.set(name, value(p, key));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          String key = path + "[" + array.size() + "]";
          sources.put(key, at(p));
          array.add(value(p, key));
        }
        return array;
      }
      case VALUE_STRING -> {
        return JsonNodeFactory.instance.textNode(resolve(p.getText(), at(p), path));
      }
      default -> {
        return p.readValueAsTree();
      }
    }
  }

  private String resolve(String parsed, String where, String path) {
    try {
      return references.resolve(parsed);
    } catch (ConfigException e) {
      String key = path.isEmpty() ? "" : " (in '" + path + "')";
      throw new ConfigException(where + ": " + e.getMessage() + key, e);
    }
  }

  /** {@code file:line:column} of the parser's current token, in the file as written. */
  private String at(JsonParser p) {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    return file + ":" + line + ":" + references.originalColumn(line, at.getColumnNr());
  }

  /**
   * What the YAML parser found wrong, without the excerpt of the line it quotes: the line may hold
   * a secret.
   */
  private static String problem(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
      return marked.getProblem();
    }
    return "syntax error";
  }
}
