package dev.scheduler.daemon.config;

import dev.scheduler.catalog.JobTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A test's configuration file, written and loaded as a node loads its own. */
final class ConfigFile {

  private final Path file;

  ConfigFile(Path directory) {
    this.file = directory.resolve("scheduler.yaml");
  }

  /** The file's path, as problems name it. */
  String path() {
    return file.toString();
  }

  SchedulerConfig load(String yaml, Map<String, String> environment) throws IOException {
    return loader(environment).load(Files.writeString(file, yaml));
  }

  /** The problems loading this configuration reports, each as a user reads it. */
  List<String> problems(String yaml, Map<String, String> environment) throws IOException {
    try {
      load(yaml, environment);
    } catch (ConfigException e) {
      return e.problems().stream().map(ConfigProblem::format).toList();
    }
    throw new AssertionError("expected problems, but the configuration loaded:\n" + yaml);
  }

  static ConfigLoader loader(Map<String, String> environment) {
    return new ConfigLoader(Environment.of(environment), JobTypes.builtIn());
  }
}
