package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.params.ValueKind;
import dev.scheduler.catalog.params.ValueKinds;
import dev.scheduler.catalog.text.Durations;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The value kinds of the {@link ShellJobType}'s parameters, each with its own messages. */
final class ShellValueKinds {

  private ShellValueKinds() {}

  static final ValueKind<List<String>> PROGRAM_AND_ARGUMENTS =
      new ValueKind<>() {
        @Override
        public List<String> read(Object raw) {
          if (raw != null && !(raw instanceof List<?>) && !(raw instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(
                "'"
                    + raw
                    + "' is a text; write the program and its arguments as a list such as"
                    + " [/usr/local/bin/backup, --full], or [/bin/sh, -c, '"
                    + raw
                    + "'] for shell syntax");
          }
          List<String> command = ValueKinds.STRING_LIST.read(raw);
          if (command.isEmpty()) {
            throw new IllegalArgumentException("the list is empty; name at least the program");
          }
          if (command.get(0).isBlank()) {
            throw new IllegalArgumentException("the program (the first item) is empty");
          }
          for (String item : command) {
            if (item.indexOf('\0') >= 0) {
              throw new IllegalArgumentException("'" + item + "' contains a NUL character");
            }
          }
          return command;
        }

        @Override
        public String describe() {
          return "a list of the program and its arguments, such as [/usr/local/bin/backup, --full]";
        }

        @Override
        public Object write(List<String> value) {
          return value;
        }
      };

  static final ValueKind<Path> EXISTING_DIRECTORY =
      new ValueKind<>() {
        @Override
        public Path read(Object raw) {
          String text = ValueKinds.STRING.read(raw);
          Path path;
          try {
            path = Path.of(text);
          } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a path: " + e.getReason(), e);
          }
          if (!path.isAbsolute()) {
            throw new IllegalArgumentException(
                "'" + text + "' is not an absolute path; write the full path, such as /srv/app");
          }
          if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(
                "'"
                    + text
                    + "' is not an existing directory on this host"
                    + (Files.exists(path) ? " (it is a file)" : ""));
          }
          return path;
        }

        @Override
        public String describe() {
          return "the absolute path of an existing directory";
        }
      };

  static final ValueKind<Map<String, String>> ENVIRONMENT_MAP =
      new ValueKind<>() {
        @Override
        public Map<String, String> read(Object raw) {
          Map<String, String> variables = ValueKinds.STRING_MAP.read(raw);
          for (Map.Entry<String, String> variable : variables.entrySet()) {
            String name = variable.getKey();
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
              throw new IllegalArgumentException(
                  "'" + name + "' is not an environment variable name (empty, or has = or NUL)");
            }
            if (name.equals(ShellJobType.RUN_KEY_VARIABLE)
                || name.equals(ShellJobType.JOB_VARIABLE)) {
              throw new IllegalArgumentException(
                  name + " is set by the scheduler for every run; choose another name");
            }
            if (variable.getValue().indexOf('\0') >= 0) {
              throw new IllegalArgumentException("the value of " + name + " contains a NUL");
            }
          }
          return variables;
        }

        @Override
        public String describe() {
          return "a map of environment variable names to texts";
        }

        @Override
        public Object write(Map<String, String> value) {
          return value;
        }
      };

  static final ValueKind<Duration> POSITIVE_DURATION =
      new ValueKind<>() {
        @Override
        public Duration read(Object raw) {
          Duration duration = ValueKinds.DURATION.read(raw);
          if (duration.isZero()) {
            throw new IllegalArgumentException(
                "'" + raw + "' is no time at all; use a duration above zero such as 30m");
          }
          return duration;
        }

        @Override
        public String describe() {
          return ValueKinds.DURATION.describe();
        }

        @Override
        public Object write(Duration value) {
          return Durations.format(value);
        }
      };

  static final ValueKind<List<Integer>> EXIT_CODES =
      new ValueKind<>() {
        private final ValueKind<Integer> code = ValueKinds.integer(0, 255);

        @Override
        public List<Integer> read(Object raw) {
          if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException(
                "expected "
                    + describe()
                    + ", not "
                    + (raw instanceof Map<?, ?> ? "a map" : "'" + raw + "'"));
          }
          if (list.isEmpty()) {
            throw new IllegalArgumentException("the list is empty; name at least one, such as [0]");
          }
          List<Integer> codes = new ArrayList<>();
          for (Object item : list) {
            codes.add(code.read(item));
          }
          return List.copyOf(codes);
        }

        @Override
        public String describe() {
          return "a list of exit codes from 0 to 255, such as [0, 1]";
        }

        @Override
        public Object write(List<Integer> value) {
          return value;
        }
      };
}
