package dev.scheduler.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobRun;
import dev.scheduler.daemon.testing.JobJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs declared with {@code class:}, and {@code node.classpath}, the jars their classes are in. */
class JobClassConfigTest {

  private static final String HELLO =
      """
      package com.example.jobs;

      import dev.scheduler.catalog.*;

      public class Hello implements JobAction {
        @Override
        public JobResult run(JobRun run) {
          return JobResult.of("hello");
        }
      }
      """;

  @TempDir Path directory;
  private Path jobs;
  private Path jar;

  @BeforeEach
  void teamJar() throws IOException {
    jobs = Files.createDirectories(directory.resolve("jobs"));
    jar = JobJars.build(jobs.resolve("hello-jobs.jar"), Map.of("com.example.jobs.Hello", HELLO));
  }

  @Test
  void aJobClassInAJarOfTheClasspathIsAJobOfTypeClassName() throws IOException {
    SchedulerConfig config =
        load(
            """
            node:
              classpath: [%s]
            jobs:
              hello:
                class: com.example.jobs.Hello
                schedule: { daily: "08:00", timezone: Europe/Berlin }
                params: { greeting: "${GREETING:-hi}", times: 2 }
            """
                .formatted(jar));

    assertThat(config.node().classpath().entries()).containsExactly(jar);
    JobConfig hello = config.jobs().get("hello");
    assertThat(hello.type()).isEqualTo("class:com.example.jobs.Hello");
    // Kept as written: resolved on the node that runs the job.
    assertThat(hello.params()).containsEntry("greeting", "${GREETING:-hi}");
  }

  @Test
  void aDirectoryOnTheClasspathStandsForTheJarsInIt() throws IOException {
    SchedulerConfig config =
        load("node:\n  classpath: [%s]\njobs:\n  hello: { class: com.example.jobs.Hello }\n", jobs);

    assertThat(config.node().classpath().jars()).containsExactly(jar);
    assertThat(config.jobs().get("hello").type()).isEqualTo("class:com.example.jobs.Hello");
  }

  @Test
  void relativeClasspathEntriesAreReadFromTheWorkingDirectory() throws IOException {
    Path relative = Path.of("").toAbsolutePath().relativize(jar);

    SchedulerConfig config = load("node:\n  classpath: [%s]\n", relative);

    assertThat(config.node().classpath().entries()).containsExactly(jar);
  }

  @Test
  void withoutAClasspathJobClassesComeFromTheSchedulersOwn() throws IOException {
    SchedulerConfig config =
        load("jobs:\n  own: { class: %s }\n", OnTheApplicationClasspath.class.getName());

    assertThat(config.node().classpath()).isEqualTo(JobClasspath.NONE);
    assertThat(config.jobs().get("own").type())
        .isEqualTo("class:" + OnTheApplicationClasspath.class.getName());
  }

  @Test
  void aClassThatIsNotFoundSaysWhereItWasLookedFor() throws IOException {
    assertThat(
            problems(
                "node:\n  classpath: [%s]\njobs:\n  billing:\n    class: com.example.jobs.Billing\n",
                jobs))
        .containsExactly(
            path()
                + ":5: jobs.billing.class: class com.example.jobs.Billing not found; looked in the"
                + " scheduler's own classpath and node.classpath ["
                + jobs
                + " (hello-jobs.jar)]; add its jar to node.classpath");
  }

  @Test
  void aJobNamesEitherATypeOrAClass() throws IOException {
    assertThat(
            problems(
                """
                jobs:
                  both:
                    type: noop
                    class: com.example.jobs.Hello
                  neither:
                    schedule: { daily: "08:00" }
                """))
        .containsExactly(
            path()
                + ":3: jobs.both: give either type (a built-in job type) or class (a job class of"
                + " your own), not both",
            path()
                + ":6: jobs.neither: type or class is required: type names a built-in job type"
                + " (noop, sleep, fail, http, shell, sql, history-retention, report), class a job"
                + " class of your own (class: com.example.MyJob)");
  }

  @Test
  void anEmptyClassIsAProblem() throws IOException {
    assertThat(problems("jobs:\n  a:\n    class:\n"))
        .containsExactly(
            path()
                + ":3: jobs.a.class: is empty; give the job class's full name, e.g."
                + " com.example.MyJob");
  }

  @Test
  void aClassMustBeAConcretePublicJobActionWithAUsableConstructor() throws IOException {
    assertThat(
            problems(
                """
                jobs:
                  text: { class: java.lang.String }
                  abstract: { class: %s }
                  hidden: { class: %s }
                  unbuildable: { class: %s }
                """
                    .formatted(
                        AbstractJob.class.getName(),
                        HiddenJob.class.getName(),
                        UnbuildableJob.class.getName())))
        .containsExactly(
            path()
                + ":2: jobs.text.class: java.lang.String does not implement"
                + " dev.scheduler.catalog.JobAction; a job class implements it (and the jar"
                + " declares job-catalog as provided)",
            path()
                + ":3: jobs.abstract.class: "
                + AbstractJob.class.getName()
                + " is abstract or an interface; name a concrete class",
            path()
                + ":4: jobs.hidden.class: "
                + HiddenJob.class.getName()
                + " is not public; the scheduler can only create a public class",
            path()
                + ":5: jobs.unbuildable.class: "
                + UnbuildableJob.class.getName()
                + " has no usable public constructor; give it public"
                + " UnbuildableJob(dev.scheduler.catalog.JobSetup) or public UnbuildableJob(); it"
                + " has public UnbuildableJob(String)");
  }

  @Test
  void paramsOfAJobClassAreTexts() throws IOException {
    assertThat(
            problems(
                "jobs:\n  a:\n    class: %s\n    params: { to: [a, b] }\n",
                OnTheApplicationClasspath.class.getName()))
        .containsExactly(path() + ":4: jobs.a.params: params.to: expected a text, not a list");
  }

  @Test
  void everyClasspathEntryMustBeAnExistingJarOrDirectory() throws IOException {
    Path missing = directory.resolve("missing.jar");
    Path notAJar = Files.writeString(directory.resolve("notes.txt"), "");

    assertThat(problems("node:\n  classpath: [%s, %s, {a: b}]\n", missing, notAJar))
        .containsExactly(
            path()
                + ":2: node.classpath: "
                + missing
                + " does not exist; list jar files and directories that hold jars",
            path()
                + ":2: node.classpath: "
                + notAJar
                + " is neither a jar file (*.jar) nor a directory of jars",
            path()
                + ":2: node.classpath: every entry must be the path of a jar file or a directory,"
                + " not a map");
  }

  @Test
  void theClasspathIsAList() throws IOException {
    assertThat(problems("node:\n  classpath: %s\n", jobs))
        .containsExactly(
            path()
                + ":2: node.classpath: expected a list of jar files and directories, e.g."
                + " [/opt/scheduler/jobs]");
  }

  @Test
  void theClasspathIsDescribedWithTheJarsOfItsDirectories() {
    assertThat(new JobClasspath(List.of(jobs, jar)).describe())
        .isEqualTo("node.classpath [" + jobs + " (hello-jobs.jar), " + jar + "]");
    assertThat(JobClasspath.NONE.describe()).isEqualTo("node.classpath (empty)");
  }

  @Test
  void theNodeKeepsOneClassLoaderForItsClasspath() {
    JobClasspath classpath = new JobClasspath(List.of(jobs));

    assertThat(classpath.classes()).isSameAs(classpath.classes());
  }

  private SchedulerConfig load(String yaml, Object... arguments) throws IOException {
    return new ConfigFile(directory).load(yaml.formatted(arguments), Map.of());
  }

  private List<String> problems(String yaml, Object... arguments) throws IOException {
    return new ConfigFile(directory).problems(yaml.formatted(arguments), Map.of());
  }

  private String path() {
    return new ConfigFile(directory).path();
  }

  public static final class OnTheApplicationClasspath implements JobAction {
    @Override
    public JobResult run(JobRun run) {
      return JobResult.done();
    }
  }

  public abstract static class AbstractJob implements JobAction {}

  static final class HiddenJob implements JobAction {
    @Override
    public JobResult run(JobRun run) {
      return JobResult.done();
    }
  }

  public static final class UnbuildableJob implements JobAction {
    public UnbuildableJob(String target) {}

    @Override
    public JobResult run(JobRun run) {
      return JobResult.done();
    }
  }
}
