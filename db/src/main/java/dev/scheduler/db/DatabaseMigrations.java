package dev.scheduler.db;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the schema this build expects: Quartz's job-store tables, then the
 * scheduler's own. Several nodes may call {@link #migrate} at the same moment; Flyway serialises
 * them with a database lock (an advisory lock on PostgreSQL), so the second waits and then finds
 * nothing left to do.
 */
public final class DatabaseMigrations {

  static final String LOCATION = "classpath:db/migration";

  /** The migrations that SQL alone cannot write for both PostgreSQL and H2; see each. */
  static final List<JavaMigration> JAVA_MIGRATIONS =
      List.of(new RestrictQuartzForeignKeys(), new FewerFiringRecordIndexWrites());

  private DatabaseMigrations() {}

  /** Applies pending migrations and returns what was done. */
  public static MigrationOutcome migrate(DataSource dataSource) {
    MigrateResult result = flyway(dataSource).migrate();
    return new MigrationOutcome(
        result.initialSchemaVersion, result.targetSchemaVersion, result.migrationsExecuted);
  }

  /**
   * Fails unless the database is at exactly the schema this build expects, for commands that must
   * not change the schema themselves.
   */
  public static void validate(DataSource dataSource) {
    flyway(dataSource).validate();
  }

  private static Flyway flyway(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .javaMigrations(JAVA_MIGRATIONS.toArray(JavaMigration[]::new))
        // A misnamed migration file must fail the build and the start, not be skipped.
        .validateMigrationNaming(true)
        .validateOnMigrate(true)
        .cleanDisabled(true)
        .loggers("slf4j")
        .load();
  }

  /**
   * What a migration run did.
   *
   * @param fromVersion the schema version before, or null for an empty database
   * @param toVersion the schema version after, or null when nothing was applied
   * @param applied how many migrations were applied
   */
  public record MigrationOutcome(String fromVersion, String toVersion, int applied) {}
}
