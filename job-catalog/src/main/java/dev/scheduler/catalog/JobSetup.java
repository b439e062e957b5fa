package dev.scheduler.catalog;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the scheduler hands a job class of a team's own ({@code class: com.example.MyJob}) through
 * its constructor, instead of the class looking it up. A new instance is made for every execution.
 *
 * @param params the job's {@code params} from the configuration, every value as text, with its
 *     {@code ${VAR}} references resolved on the node that runs it
 * @param resources the configuration's named datasources and the scheduler's own database
 * @param clock the clock to read time from
 */
public record JobSetup(Map<String, String> params, JobResources resources, Clock clock) {

  public JobSetup {
    params = Map.copyOf(params);
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(clock, "clock");
  }
}
