package dev.scheduler.daemon.config;

import dev.scheduler.catalog.text.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping being read into typed configuration. Every value is read through it, so that
 * each problem is recorded with its key path and line instead of stopping the read, and so that
 * keys nobody asked for are reported as unknown, with the closest known key.
 */
final class YamlSection {

  private final Node node;
  private final String path;
  private final ConfigReadContext context;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> known = new LinkedHashSet<>();

  YamlSection(Node node, String path, ConfigReadContext context) {
    this.node = node;
    this.path = path;
    this.context = context;
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        String key = keyText(tuple.getKeyNode());
        if (entries.putIfAbsent(key, tuple) != null) {
          context.problem(tuple.getKeyNode(), join(key), "duplicate key");
        }
      }
    }
  }

  String path() {
    return path;
  }

  Node node() {
    return node;
  }

  /** Problems recorded so far in the whole read, to tell whether a part of it was valid. */
  int problemCount() {
    return context.problems().size();
  }

  boolean has(String key) {
    known.add(key);
    return entries.containsKey(key);
  }

  /** The keys present, in file order (for sections whose keys are names: jobs, datasources). */
  List<String> keys() {
    known.addAll(entries.keySet());
    return new ArrayList<>(entries.keySet());
  }

  /** A text value, with {@code ${VAR}} substituted. */
  Optional<String> text(String key) {
    return value(key, text -> text);
  }

  /**
   * A scalar read by {@code parse}; its {@link IllegalArgumentException} becomes a problem at this
   * key, and the value is then absent.
   */
  <T> Optional<T> value(String key, Function<String, T> parse) {
    Optional<Node> value = rawNode(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Node found = value.get();
    if (!(found instanceof ScalarNode scalar)) {
      context.problem(found, join(key), "expected a single value, not " + shape(found));
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(context.substitute(scalar.getValue())));
    } catch (IllegalArgumentException e) {
      context.problem(found, join(key), e.getMessage());
      return Optional.empty();
    }
  }

  /** A nested mapping. */
  Optional<YamlSection> section(String key) {
    Optional<Node> value = rawNode(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!(value.get() instanceof MappingNode)) {
      context.problem(
          value.get(), join(key), "expected a map of settings, not " + shape(value.get()));
      return Optional.empty();
    }
    return Optional.of(new YamlSection(value.get(), join(key), context));
  }

  /**
   * A value as plain data (maps, lists, texts, numbers, booleans), with {@code ${VAR}} substituted
   * in texts: for job parameters and data, which their own rules validate.
   */
  Optional<Object> plain(String key) {
    return rawNode(key).map(value -> toPlain(value, join(key), true));
  }

  /** A value as plain data with {@code ${VAR}} references left as written. */
  Optional<Object> raw(String key) {
    return rawNode(key).map(value -> toPlain(value, join(key), false));
  }

  /** Records a problem at a key of this section. */
  void problem(String key, String message) {
    Node at = entries.containsKey(key) ? entries.get(key).getValueNode() : node;
    context.problem(at, join(key), message);
  }

  /** Records a problem with a key itself (its name), at the key's line. */
  void keyProblem(String key, String message) {
    Node at = entries.containsKey(key) ? entries.get(key).getKeyNode() : node;
    context.problem(at, join(key), message);
  }

  /** Records a problem about this section as a whole. */
  void problem(String message) {
    context.problem(node, path, message);
  }

  /** Reports every key that was never asked for. Call after reading the section. */
  void rejectUnknownKeys() {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      String key = entry.getKey();
      if (!known.contains(key)) {
        context.problem(
            entry.getValue().getKeyNode(),
            join(key),
            "unknown key"
                + Suggestions.didYouMean(key, known)
                + "; known keys here: "
                + String.join(", ", known));
      }
    }
  }

  private Optional<Node> rawNode(String key) {
    known.add(key);
    NodeTuple tuple = entries.get(key);
    if (tuple == null || isNull(tuple.getValueNode())) {
      return Optional.empty();
    }
    return Optional.of(tuple.getValueNode());
  }

  private Object toPlain(Node value, String at, boolean substitute) {
    if (value instanceof MappingNode mapping) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        String key = keyText(tuple.getKeyNode());
        Node child = tuple.getValueNode();
        if (map.put(key, isNull(child) ? null : toPlain(child, at + "." + key, substitute))
            != null) {
          context.problem(tuple.getKeyNode(), at + "." + key, "duplicate key");
        }
      }
      return map;
    }
    if (value instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        list.add(isNull(item) ? null : toPlain(item, at, substitute));
      }
      return list;
    }
    ScalarNode scalar = (ScalarNode) value;
    Tag tag = scalar.getTag();
    String text = scalar.getValue();
    if (Tag.BOOL.equals(tag)) {
      return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
    }
    if (Tag.INT.equals(tag)) {
      try {
        return Integer.valueOf(text);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (!substitute) {
      return text;
    }
    try {
      return context.substitute(text);
    } catch (IllegalArgumentException e) {
      context.problem(value, at, e.getMessage());
      return text;
    }
  }

  private String join(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
  }

  private static String keyText(Node key) {
    return key instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(key);
  }

  static String shape(Node node) {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "'" + ((ScalarNode) node).getValue() + "'";
  }
}
