package org.scimldap.mapping.spec;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.scimldap.config.ConfigException;
import org.scimldap.config.EnvInterpolator;
import org.scimldap.config.UnsetVariableException;
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
 *
 * <p>{@code ${NAME}} and {@code ${NAME:-default}} in keys and values are replaced with environment
 * variables as in {@code config/gateway.yaml} ({@link EnvInterpolator}): masked before parsing,
 * resolved when a key or value is read, and every place given as in the file as written.
 */
final class YamlNode {
  private final String file;
  private final Node node;
  private final EnvInterpolator env;

  private YamlNode(String file, Node node, EnvInterpolator env) {
    this.file = file;
    this.node = node;
    this.env = env;
  }

  static YamlNode parse(String file, String text, Map<String, String> environment) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    EnvInterpolator env = EnvInterpolator.mask(text, environment);
    try {
      Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(env.masked()));
      if (root == null) {
        throw new MappingFileException(file, 1, 1, "the mapping file is empty", "");
      }
      YamlNode parsed = new YamlNode(file, root, env);
      parsed.checkStructure(root, Collections.newSetFromMap(new IdentityHashMap<>()));
      return parsed;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      if (mark == null) {
        throw new ConfigException(file + ": " + e.getProblem(), e);
      }
      int line = mark.getLine() + 1;
      throw new MappingFileException(
          file, line, env.originalColumn(line, mark.getColumn() + 1), e.getProblem(), "");
    } catch (YAMLException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails at the first key given twice in one map (as written, or as its references resolve), and
   * at a node that an alias inside it refers back to. The parser lets both through when it composes
   * nodes without constructing objects: of two values for one key, one would be read and the other
   * silently dropped; a node that holds itself would be read without end.
   *
   * @param open the nodes being walked, from the root down to {@code n}'s parent
   */
  private void checkStructure(Node n, Set<Node> open) {
    if (!open.add(n)) {
      throw new YamlNode(file, n, env)
          .error("an alias inside this node refers back to it; a mapping file cannot be recursive");
    }
    if (n instanceof SequenceNode seq) {
      seq.getValue().forEach(item -> checkStructure(item, open));
    } else if (n instanceof MappingNode map) {
      Map<String, YamlNode> seen = new HashMap<>();
      for (NodeTuple t : map.getValue()) {
        YamlNode key = new YamlNode(file, t.getKeyNode(), env);
        if (key.isScalar()) {
          String name = keyText(t.getKeyNode());
          YamlNode first = seen.putIfAbsent(name, key);
          if (first != null) {
            throw key.error(
                "key '" + name + "' is given twice in this map; first at " + first.where());
          }
        }
        checkStructure(t.getValueNode(), open);
      }
    }
    open.remove(n);
  }

  /** A key's text with references resolved; as written when one names an unset variable. */
  private String keyText(Node key) {
    String written = ((ScalarNode) key).getValue();
    try {
      return env.resolve(written);
    } catch (UnsetVariableException e) {
      return written;
    }
  }

  /** {@code file:line:column} of this node. */
  String where() {
    return file + ":" + line() + ":" + column();
  }

  private int line() {
    return node.getStartMark().getLine() + 1;
  }

  /** The column in the file as written (references to variables are masked while parsing). */
  private int column() {
    return env.originalColumn(line(), node.getStartMark().getColumn() + 1);
  }

  /**
   * One problem per reference to an unset variable without a default, anywhere under this node (in
   * keys and values alike), each at the reference.
   */
  List<MappingFileException> unsetVariables() {
    List<MappingFileException> unset = new ArrayList<>();
    collectUnset(node, unset);
    return unset;
  }

  private void collectUnset(Node n, List<MappingFileException> into) {
    if (n instanceof ScalarNode scalar) {
      try {
        env.resolve(scalar.getValue());
      } catch (UnsetVariableException e) {
        into.add(unset(e));
      }
    } else if (n instanceof SequenceNode seq) {
      seq.getValue().forEach(item -> collectUnset(item, into));
    } else if (n instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        collectUnset(t.getKeyNode(), into);
        collectUnset(t.getValueNode(), into);
      }
    }
  }

  private MappingFileException unset(UnsetVariableException e) {
    return new MappingFileException(file, e.line(), e.column(), e.getMessage(), "");
  }

  MappingFileException error(String message) {
    return error(message, "");
  }

  /** A problem here, with a hint saying what to do about it. */
  MappingFileException error(String message, String hint) {
    return new MappingFileException(file, line(), column(), message, hint);
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

  /** The value, with references to environment variables replaced. */
  String text() {
    if (!(node instanceof ScalarNode scalar)) {
      throw error("expected a single value here");
    }
    try {
      return env.resolve(scalar.getValue());
    } catch (UnsetVariableException e) {
      throw unset(e);
    }
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
    seq.getValue().forEach(n -> items.add(new YamlNode(file, n, env)));
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
      YamlNode key = new YamlNode(file, t.getKeyNode(), env);
      out.put(key.text(), new YamlNode(file, t.getValueNode(), env));
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
      YamlNode key = new YamlNode(file, t.getKeyNode(), env);
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
