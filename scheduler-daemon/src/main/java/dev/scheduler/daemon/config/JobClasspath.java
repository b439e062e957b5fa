package dev.scheduler.daemon.config;

import dev.scheduler.catalog.JobClasses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code node.classpath}: the jar files, and directories of jars, that job classes declared with
 * {@code class:} are loaded from besides the scheduler's own classpath. A directory stands for
 * every {@code *.jar} directly in it, as it is when the class loader is built.
 */
public final class JobClasspath {

  public static final JobClasspath NONE = new JobClasspath(List.of());

  private static final String JAR = ".jar";

  private final List<Path> entries;
  private JobClasses classes;

  /**
   * @param entries absolute paths of jar files and directories
   */
  public JobClasspath(List<Path> entries) {
    this.entries = List.copyOf(entries);
  }

  public List<Path> entries() {
    return entries;
  }

  /**
   * Where job classes come from: one class loader over these jars, whose parent is the
   * application's. Built on first use and then kept, so that the configuration check and the node
   * see the same classes.
   */
  public synchronized JobClasses classes() {
    if (classes == null) {
      classes =
          entries.isEmpty()
              ? JobClasses.application()
              : new JobClasses(
                  new URLClassLoader("job-classes", urls(jars()), parentLoader()), describe());
    }
    return classes;
  }

  /** The jars: each jar entry, and the jars directly in each directory entry, by name. */
  List<Path> jars() {
    List<Path> jars = new ArrayList<>();
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        jars.addAll(jarsIn(entry));
      } else if (Files.isRegularFile(entry)) {
        jars.add(entry);
      }
    }
    return jars;
  }

  /** "node.classpath [/opt/scheduler/jobs (billing.jar, mail.jar), /srv/extra.jar]". */
  String describe() {
    if (entries.isEmpty()) {
      return "node.classpath (empty)";
    }
    List<String> described = new ArrayList<>();
    for (Path entry : entries) {
      if (!Files.isDirectory(entry)) {
        described.add(entry.toString());
        continue;
      }
      List<String> names = jarsIn(entry).stream().map(jar -> jar.getFileName().toString()).toList();
      described.add(
          entry + (names.isEmpty() ? " (no jars)" : " (" + String.join(", ", names) + ")"));
    }
    return "node.classpath [" + String.join(", ", described) + "]";
  }

  /**
   * Reads {@code key} of the node section: a list of jar files and directories, each of which must
   * exist. Relative paths are read from the working directory.
   */
  static JobClasspath read(YamlSection section, String key) {
    Optional<Object> value = section.plain(key);
    if (value.isEmpty()) {
      return NONE;
    }
    if (!(value.get() instanceof List<?> items)) {
      section.problem(
          key, "expected a list of jar files and directories, e.g. [/opt/scheduler/jobs]");
      return NONE;
    }
    List<Path> entries = new ArrayList<>();
    for (Object item : items) {
      try {
        entries.add(checkEntry(item));
      } catch (IllegalArgumentException e) {
        section.problem(key, e.getMessage());
      }
    }
    return new JobClasspath(entries);
  }

  /** One entry: an existing jar file or directory, as an absolute path. */
  static Path checkEntry(Object item) {
    if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
      throw new IllegalArgumentException(
          "every entry must be the path of a jar file or a directory, not "
              + (item == null ? "nothing" : item instanceof Map<?, ?> ? "a map" : "a list"));
    }
    Path path;
    try {
      path = Path.of(String.valueOf(item)).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("'" + item + "' is not a valid path: " + e.getMessage());
    }
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(
          path + " does not exist; list jar files and directories that hold jars");
    }
    if (Files.isDirectory(path)) {
      if (!Files.isReadable(path)) {
        throw new IllegalArgumentException(path + " is a directory this process cannot read");
      }
    } else if (!path.getFileName().toString().endsWith(JAR)) {
      throw new IllegalArgumentException(
          path + " is neither a jar file (*.jar) nor a directory of jars");
    } else if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(path + " is a jar this process cannot read");
    }
    return path;
  }

  private static List<Path> jarsIn(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(JAR))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the jars in " + directory, e);
    }
  }

  private static URL[] urls(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(jars.get(i) + " has no URL: " + e.getMessage(), e);
      }
    }
    return urls;
  }

  /** The application's class loader: job classes see the scheduler's JobAction, not a copy. */
  private static ClassLoader parentLoader() {
    return JobClasspath.class.getClassLoader();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JobClasspath that && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return "JobClasspath" + entries;
  }
}
