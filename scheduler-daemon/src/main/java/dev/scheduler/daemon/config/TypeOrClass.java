package dev.scheduler.daemon.config;

import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.JobTypes;
import java.util.Optional;

/**
 * Reads what a job runs: {@code type: NAME}, a built-in job type, or {@code class:
 * com.example.MyJob}, a job class of a team's own; exactly one of the two.
 */
final class TypeOrClass {

  static final String TYPE = "type";
  static final String CLASS = "class";

  private TypeOrClass() {}

  /** The job's type; empty, with the problem recorded, when the section does not name one. */
  static Optional<JobType> read(YamlSection section, JobTypes types) {
    boolean hasType = section.has(TYPE);
    boolean hasClass = section.has(CLASS);
    if (hasType && hasClass) {
      section.problem(
          "give either type (a built-in job type) or class (a job class of your own), not both");
      return Optional.empty();
    }
    if (!hasType && !hasClass) {
      section.problem(
          "type or class is required: type names a built-in job type ("
              + known(types)
              + "), class a job class of your own (class: com.example.MyJob)");
      return Optional.empty();
    }
    int before = section.problemCount();
    Optional<JobType> type =
        hasClass
            ? section.value(CLASS, types::ofClass)
            : section.value(
                TYPE,
                text ->
                    types
                        .find(text)
                        .orElseThrow(
                            () -> new IllegalArgumentException(types.unknownMessage(text))));
    if (type.isEmpty() && section.problemCount() == before) {
      section.problem(
          hasClass ? CLASS : TYPE,
          hasClass
              ? "is empty; give the job class's full name, e.g. com.example.MyJob"
              : "is empty; give one of the known types: " + known(types));
    }
    return type;
  }

  private static String known(JobTypes types) {
    return String.join(", ", types.all().stream().map(JobType::name).toList());
  }
}
