package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResources;
import dev.scheduler.catalog.JobSetup;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.params.ParamSpec;
import dev.scheduler.catalog.params.Params;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Optional;

/**
 * A job class of a team's own, declared with {@code class: com.example.MyJob}: a {@link JobAction}
 * with a public constructor that takes a {@link JobSetup} or nothing. It travels as a job type
 * named {@code class:com.example.MyJob}, so that class jobs are stored, listed and run the way
 * built-in types are. Every execution gets a new instance.
 */
public final class ClassJobType implements JobType {

  /** What the type names of job classes start with. */
  public static final String PREFIX = "class:";

  private final Constructor<? extends JobAction> constructor;
  private final JobResources resources;
  private final ParamSpec params;

  /**
   * @param constructor a public constructor of a concrete JobAction class, taking a JobSetup or
   *     nothing (see {@code JobClasses}, which checks that)
   */
  public ClassJobType(Constructor<? extends JobAction> constructor, JobResources resources) {
    this.constructor = constructor;
    this.resources = resources;
    this.params = ParamSpec.anyTexts(name());
  }

  /** {@code class:com.example.MyJob}. */
  public static String typeName(String className) {
    return PREFIX + className;
  }

  /** The class name in a type name of a job class; empty for any other type name. */
  public static Optional<String> className(String typeName) {
    return typeName != null && typeName.startsWith(PREFIX)
        ? Optional.of(typeName.substring(PREFIX.length()))
        : Optional.empty();
  }

  @Override
  public String name() {
    return typeName(constructor.getDeclaringClass().getName());
  }

  @Override
  public String summary() {
    return "runs the job class " + constructor.getDeclaringClass().getName();
  }

  @Override
  public ParamSpec params() {
    return params;
  }

  @Override
  public JobType with(JobResources resources) {
    return new ClassJobType(constructor, resources);
  }

  @Override
  public JobAction create(Params params) {
    Map<String, String> texts = params.texts();
    return run -> {
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      // Libraries in the job's jar (JDBC drivers, ServiceLoader users) find their classes through
      // the context class loader.
      thread.setContextClassLoader(constructor.getDeclaringClass().getClassLoader());
      try {
        return instance(new JobSetup(texts, resources, run.clock())).run(run);
      } finally {
        thread.setContextClassLoader(previous);
      }
    };
  }

  private JobAction instance(JobSetup setup) throws Exception {
    try {
      return constructor.getParameterCount() == 0
          ? constructor.newInstance()
          : constructor.newInstance(setup);
    } catch (InvocationTargetException e) {
      // What the constructor threw, not the reflection wrapper, is what the history should show.
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
