package dev.scheduler.catalog;

import dev.scheduler.catalog.jobs.ClassJobType;
import dev.scheduler.catalog.jobs.FailJobType;
import dev.scheduler.catalog.jobs.HistoryRetentionJobType;
import dev.scheduler.catalog.jobs.HttpJobType;
import dev.scheduler.catalog.jobs.NoopJobType;
import dev.scheduler.catalog.jobs.ReportJobType;
import dev.scheduler.catalog.jobs.ShellJobType;
import dev.scheduler.catalog.jobs.SleepJobType;
import dev.scheduler.catalog.jobs.SqlJobType;
import dev.scheduler.catalog.text.Suggestions;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The job types a configuration can name, by name. */
public final class JobTypes {

  private final Map<String, JobType> types = new LinkedHashMap<>();
  private final JobClasses classes;

  /** These types, and job classes from the application's classpath. */
  public JobTypes(List<JobType> types) {
    this(types, JobClasses.application());
  }

  private JobTypes(List<JobType> types, JobClasses classes) {
    this.classes = classes;
    for (JobType type : types) {
      if (this.types.put(type.name(), type) != null) {
        throw new IllegalArgumentException("job type registered twice: " + type.name());
      }
    }
  }

  /** The types that ship with the scheduler, for validating parameters without any database. */
  public static JobTypes builtIn() {
    return builtIn(JobResources.unavailable());
  }

  /** The types that ship with the scheduler, working on those resources. */
  public static JobTypes builtIn(JobResources resources) {
    return new JobTypes(
        List.of(
            new NoopJobType(),
            new SleepJobType(),
            new FailJobType(),
            new HttpJobType(),
            new ShellJobType(),
            new SqlJobType(resources),
            new HistoryRetentionJobType(resources),
            new ReportJobType(resources)),
        JobClasses.application().with(resources));
  }

  /** These types with their parameters checked against, and run on, those resources. */
  public JobTypes with(JobResources resources) {
    return new JobTypes(
        types.values().stream().map(type -> type.with(resources)).toList(),
        classes.with(resources));
  }

  /** These types, with job classes loaded from those classes' loader. */
  public JobTypes withClasses(JobClasses classes) {
    return new JobTypes(List.copyOf(types.values()), classes);
  }

  public Optional<JobType> find(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /**
   * The type of that name: a built-in type's, or {@code class:com.example.MyJob} for a job class.
   *
   * @throws IllegalArgumentException naming the known types and the closest one, or saying what is
   *     wrong with the job class
   */
  public JobType require(String name) {
    Optional<String> className = ClassJobType.className(name);
    if (className.isPresent()) {
      return ofClass(className.get());
    }
    JobType type = types.get(name);
    if (type == null) {
      throw new IllegalArgumentException(unknownMessage(name));
    }
    return type;
  }

  /**
   * The type of a job class ({@code class: com.example.MyJob}).
   *
   * @throws IllegalArgumentException saying what is wrong with the class and how to fix it
   */
  public JobType ofClass(String className) {
    return classes.load(className);
  }

  /** "unknown job type 'slep' (did you mean sleep?); known types: noop, sleep". */
  public String unknownMessage(String name) {
    return "unknown job type '"
        + name
        + "'"
        + Suggestions.didYouMean(name, types.keySet())
        + "; known types: "
        + String.join(", ", types.keySet());
  }

  public Collection<JobType> all() {
    return Collections.unmodifiableCollection(types.values());
  }
}
