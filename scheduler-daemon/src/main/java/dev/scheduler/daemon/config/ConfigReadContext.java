package dev.scheduler.daemon.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** What one read of a configuration file shares: its name, the environment, the problems found. */
final class ConfigReadContext {

  private final String source;
  private final Environment environment;
  private final List<ConfigProblem> problems = new ArrayList<>();

  ConfigReadContext(String source, Environment environment) {
    this.source = source;
    this.environment = environment;
  }

  String source() {
    return source;
  }

  Environment environment() {
    return environment;
  }

  String substitute(String text) {
    return environment.substitute(text);
  }

  void problem(Node at, String path, String message) {
    int line = at == null ? 0 : at.getStartMark().getLine() + 1;
    problems.add(new ConfigProblem(source, line, path, message));
  }

  /** A problem with an environment override, which has no line. */
  void environmentProblem(String variable, String message) {
    problems.add(new ConfigProblem("environment", 0, variable, message));
  }

  List<ConfigProblem> problems() {
    return problems;
  }
}
