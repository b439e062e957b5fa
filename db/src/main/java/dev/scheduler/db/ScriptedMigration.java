package dev.scheduler.db;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration written in Java, numbered in the same sequence as the SQL ones. The class names say
 * what each does rather than Flyway's {@code V12__...} convention, so the version is given here.
 * Each runs in the migration's transaction, and has no checksum: its code is its content.
 */
abstract class ScriptedMigration implements JavaMigration {

  private final MigrationVersion version;
  private final String description;

  ScriptedMigration(String version, String description) {
    this.version = MigrationVersion.fromVersion(version);
    this.description = description;
  }

  @Override
  public final MigrationVersion getVersion() {
    return version;
  }

  @Override
  public final String getDescription() {
    return description;
  }

  @Override
  public final Integer getChecksum() {
    return null;
  }

  @Override
  public final boolean canExecuteInTransaction() {
    return true;
  }
}
