package dev.scheduler.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobClassesTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-08T07:00:00Z"), ZoneOffset.UTC);
  private static final JobClasses CLASSES = JobClasses.application();

  /** Set by {@link Loud}'s static initialiser; read here, without initialising Loud. */
  static boolean loudInitialised;

  @Test
  void aJobClassGetsItsParamsAndTheRunsClockThroughItsSetup() throws Exception {
    JobType type = CLASSES.load(Greeting.class.getName());

    JobResult result =
        type.create(type.params().bind(Map.of("greeting", "hello", "times", 2))).run(run());

    assertThat(type.name()).isEqualTo("class:" + Greeting.class.getName());
    assertThat(result.summary()).isEqualTo("hello hello at 2026-03-08T07:00:00Z");
  }

  @Test
  void aJobClassWithoutSetupIsCreatedWithItsNoArgumentConstructor() throws Exception {
    JobType type = CLASSES.load(Plain.class.getName());

    assertThat(type.create(type.params().bind(Map.of())).run(run()).summary()).isEqualTo("plain");
  }

  @Test
  void theJobTypesFindAJobClassByTheTypeNameItIsStoredWith() {
    JobTypes types = JobTypes.builtIn();

    assertThat(types.require("class:" + Plain.class.getName()).summary())
        .isEqualTo("runs the job class " + Plain.class.getName());
    assertThat(types.find("class:" + Plain.class.getName())).isEmpty();
  }

  @Test
  void everyRunGetsANewInstance() throws Exception {
    JobType type = CLASSES.load(Counting.class.getName());
    JobAction first = type.create(type.params().bind(Map.of()));

    assertThat(first.run(run()).summary()).isEqualTo("run 1");
    assertThat(first.run(run()).summary()).isEqualTo("run 1");
  }

  @Test
  void whatTheConstructorThrowsIsTheRunsError() {
    JobType type = CLASSES.load(Refusing.class.getName());
    JobAction action = type.create(type.params().bind(Map.of()));

    assertThatThrownBy(() -> action.run(run()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("params.target is required");
  }

  @Test
  void paramsOfAJobClassAreTexts() {
    JobType type = CLASSES.load(Plain.class.getName());

    assertThat(type.params().validate(Map.of("target", List.of("a", "b"))))
        .containsExactly("target: expected a text, not a list");
  }

  @Test
  void aClassThatDoesNotExistNamesWhereItWasLookedFor() {
    JobClasses classes = new JobClasses(getClass().getClassLoader(), "node.classpath [/opt/jobs]");

    assertThatThrownBy(() -> classes.load("com.example.Missing"))
        .hasMessage(
            "class com.example.Missing not found; looked in the scheduler's own classpath and"
                + " node.classpath [/opt/jobs]; add its jar to node.classpath");
  }

  @Test
  void aNameThatIsNoClassNameIsRejected() {
    assertThatThrownBy(() -> CLASSES.load("com.example.My Job"))
        .hasMessage(
            "'com.example.My Job' is not a class name; write the full name, e.g."
                + " com.example.MyJob");
  }

  @Test
  void aClassThatIsNoJobActionIsRejected() {
    assertThatThrownBy(() -> CLASSES.load(String.class.getName()))
        .hasMessage(
            "java.lang.String does not implement dev.scheduler.catalog.JobAction; a job class"
                + " implements it (and the jar declares job-catalog as provided)");
  }

  @Test
  void anAbstractClassIsRejected() {
    assertThatThrownBy(() -> CLASSES.load(Abstract.class.getName()))
        .hasMessage(
            Abstract.class.getName() + " is abstract or an interface; name a concrete class");
  }

  @Test
  void aClassThatIsNotPublicIsRejected() {
    assertThatThrownBy(() -> CLASSES.load(Hidden.class.getName()))
        .hasMessage(
            Hidden.class.getName()
                + " is not public; the scheduler can only create a public class");
  }

  @Test
  void aClassWithoutAUsableConstructorIsRejected() {
    assertThatThrownBy(() -> CLASSES.load(Unbuildable.class.getName()))
        .hasMessage(
            Unbuildable.class.getName()
                + " has no usable public constructor; give it public"
                + " Unbuildable(dev.scheduler.catalog.JobSetup) or public Unbuildable(); it has"
                + " public Unbuildable(String), Unbuildable()");
  }

  @Test
  void checkingAClassRunsNoneOfItsCode() {
    CLASSES.load(Loud.class.getName());

    assertThat(loudInitialised).isFalse();
  }

  private static JobRun run() {
    return new JobRun(
        "greet", "greet@2026-03-08T07:00:00Z", CLOCK.instant(), 1, false, Map.of(), CLOCK);
  }

  public static final class Greeting implements JobAction {
    private final JobSetup setup;

    public Greeting(JobSetup setup) {
      this.setup = setup;
    }

    @Override
    public JobResult run(JobRun run) {
      String greeting = setup.params().get("greeting");
      int times = Integer.parseInt(setup.params().get("times"));
      return JobResult.of(
          String.join(" ", java.util.Collections.nCopies(times, greeting))
              + " at "
              + setup.clock().instant());
    }
  }

  public static final class Plain implements JobAction {
    @Override
    public JobResult run(JobRun run) {
      return JobResult.of("plain");
    }
  }

  public static final class Counting implements JobAction {
    private int runs;

    @Override
    public JobResult run(JobRun run) {
      runs++;
      return JobResult.of("run " + runs);
    }
  }

  public static final class Refusing implements JobAction {
    public Refusing(JobSetup setup) {
      throw new IllegalStateException("params.target is required");
    }

    @Override
    public JobResult run(JobRun run) {
      return JobResult.done();
    }
  }

  public abstract static class Abstract implements JobAction {}

  static final class Hidden implements JobAction {
    @Override
    public JobResult run(JobRun run) {
      return JobResult.done();
    }
  }

  public static final class Unbuildable implements JobAction {
    public Unbuildable(String target) {}

    Unbuildable() {}

    @Override
    public JobResult run(JobRun run) {
      return JobResult.done();
    }
  }

  public static final class Loud implements JobAction {
    static {
      loudInitialised = true;
    }

    @Override
    public JobResult run(JobRun run) {
      return JobResult.done();
    }
  }
}
