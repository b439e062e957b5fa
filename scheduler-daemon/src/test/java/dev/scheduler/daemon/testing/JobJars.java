package dev.scheduler.daemon.testing;

import dev.scheduler.catalog.JobAction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A team's jar of job classes, made at test time: the sources are compiled against the built
 * job-catalog classes, as a team's build would with job-catalog as a provided dependency.
 */
public final class JobJars {

  private JobJars() {}

  /**
   * Compiles the sources and packs their classes into {@code jar}.
   *
   * @param sources the source of each class, by its full name
   */
  public static Path build(Path jar, Map<String, String> sources) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException(
          "no Java compiler in " + System.getProperty("java.home") + "; run the tests on a JDK");
    }
    try {
      Path work = Files.createTempDirectory(jar.getParent(), "job-jar-");
      Path classes = Files.createDirectories(work.resolve("classes"));
      List<String> arguments =
          new ArrayList<>(
              List.of("-d", classes.toString(), "-classpath", catalogClasses().toString()));
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        arguments.add(Files.writeString(file, source.getValue()).toString());
      }
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int code =
          compiler.run(
              null, OutputStream.nullOutputStream(), errors, arguments.toArray(String[]::new));
      if (code != 0) {
        throw new IllegalStateException(
            "the job classes do not compile:\n" + errors.toString(StandardCharsets.UTF_8));
      }
      pack(classes, jar);
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where this JVM loaded job-catalog from: its classes directory or its jar. */
  private static Path catalogClasses() {
    try {
      return Path.of(JobAction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void pack(Path classes, Path jar) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
  }
}
