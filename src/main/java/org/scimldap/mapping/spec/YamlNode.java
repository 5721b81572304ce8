package org.scimldap.mapping.spec;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.scimldap.config.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A read-only view of a YAML node that remembers its file, line and column, so every message about
 * a mapping file can say where the problem is ({@code file:line:column: what}).
 */
final class YamlNode {
  private final String file;
  private final Node node;

  private YamlNode(String file, Node node) {
    this.file = file;
    this.node = node;
  }

  static YamlNode parse(String file, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    try {
      Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
      if (root == null) {
        throw new MappingFileException(file, 1, 1, "the mapping file is empty", "");
      }
      return new YamlNode(file, root);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      if (mark == null) {
        throw new ConfigException(file + ": " + e.getProblem(), e);
      }
      throw new MappingFileException(
          file, mark.getLine() + 1, mark.getColumn() + 1, e.getProblem(), "");
    } catch (YAMLException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /** {@code file:line:column} of this node. */
  String where() {
    Mark m = node.getStartMark();
    return file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
  }

  MappingFileException error(String message) {
    return error(message, "");
  }

  /** A problem here, with a hint saying what to do about it. */
  MappingFileException error(String message, String hint) {
    Mark m = node.getStartMark();
    return new MappingFileException(file, m.getLine() + 1, m.getColumn() + 1, message, hint);
  }

  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  boolean isMap() {
    return node instanceof MappingNode;
  }

  boolean isList() {
    return node instanceof SequenceNode;
  }

  String text() {
    if (!(node instanceof ScalarNode scalar)) {
      throw error("expected a single value here");
    }
    return scalar.getValue();
  }

  boolean bool() {
    String t = text().trim().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("yes")) {
      return true;
    }
    if (t.equals("false") || t.equals("no")) {
      return false;
    }
    throw error("expected true or false, got '" + text() + "'");
  }

  List<YamlNode> list() {
    if (!(node instanceof SequenceNode seq)) {
      throw error("expected a list here");
    }
    List<YamlNode> items = new ArrayList<>();
    seq.getValue().forEach(n -> items.add(new YamlNode(file, n)));
    return items;
  }

  /** A single value or a list of values, as strings. */
  List<String> texts() {
    if (isScalar()) {
      return List.of(text());
    }
    return list().stream().map(YamlNode::text).toList();
  }

  /** The entries of a map, keys as written. */
  Map<String, YamlNode> entries() {
    if (!(node instanceof MappingNode map)) {
      throw error("expected a map of keys here");
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      YamlNode key = new YamlNode(file, t.getKeyNode());
      out.put(key.text(), new YamlNode(file, t.getValueNode()));
    }
    return out;
  }

  /** Fails on any key outside {@code allowed}, naming the key and where it is. */
  YamlNode requireKeys(Set<String> allowed, Set<String> required) {
    List<MappingFileException> unknown = unknownKeys(allowed);
    if (!unknown.isEmpty()) {
      throw unknown.get(0);
    }
    for (String r : required) {
      if (!entries().containsKey(r)) {
        throw error("missing required key '" + r + "'");
      }
    }
    return this;
  }

  /**
   * One problem per key outside {@code allowed}, each at the key, with the closest allowed key as a
   * hint; a node that is no map is one problem.
   */
  List<MappingFileException> unknownKeys(Set<String> allowed) {
    if (!(node instanceof MappingNode map)) {
      return List.of(error("expected a map with keys " + new TreeSet<>(allowed)));
    }
    List<MappingFileException> unknown = new ArrayList<>();
    for (NodeTuple t : map.getValue()) {
      YamlNode key = new YamlNode(file, t.getKeyNode());
      String name = key.isScalar() ? key.text() : String.valueOf(t.getKeyNode());
      if (!allowed.contains(name)) {
        unknown.add(
            key.error(
                "unknown key '" + name + "'; expected one of " + new TreeSet<>(allowed),
                Suggestions.hint(name, allowed)));
      }
    }
    return unknown;
  }

  Optional<YamlNode> get(String key) {
    return Optional.ofNullable(entries().get(key));
  }

  YamlNode require(String key) {
    return get(key).orElseThrow(() -> error("missing required key '" + key + "'"));
  }
}
