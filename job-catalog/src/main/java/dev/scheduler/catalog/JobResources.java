package dev.scheduler.catalog;

import dev.scheduler.catalog.notify.SmtpSettings;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What a job type may work with, handed to it by whoever builds the job types (the node) instead of
 * looked up: the configuration's named datasources, the scheduler's own database and the mail
 * server.
 */
public interface JobResources {

  /**
   * The named datasource of the configuration's {@code datasources:} section.
   *
   * @throws IllegalArgumentException when no datasource has that name
   * @throws IllegalStateException where no connection can be opened (config validation)
   */
  DataSource datasource(String name);

  /** The scheduler's own database (execution history, job store). */
  DataSource schedulerDatabase();

  /** The names a job may use as a datasource, for validating parameters. */
  Set<String> datasourceNames();

  /** The configuration's mail server ({@code smtp:}); empty when none is configured. */
  default Optional<SmtpSettings> smtp() {
    return Optional.empty();
  }

  /** Resources for places that only validate: no datasource names, no connections. */
  static JobResources unavailable() {
    return validating(Set.of(), Optional.empty());
  }

  /**
   * Resources that know the declared datasource names and mail server, for validating parameters,
   * but open nothing.
   */
  static JobResources validating(Set<String> datasourceNames, Optional<SmtpSettings> smtp) {
    Set<String> names = Set.copyOf(datasourceNames);
    return new JobResources() {
      @Override
      public Optional<SmtpSettings> smtp() {
        return smtp;
      }

      @Override
      public DataSource datasource(String name) {
        throw new IllegalStateException("datasource " + name + " is not available here");
      }

      @Override
      public DataSource schedulerDatabase() {
        throw new IllegalStateException("the scheduler's database is not available here");
      }

      @Override
      public Set<String> datasourceNames() {
        return names;
      }
    };
  }
}
