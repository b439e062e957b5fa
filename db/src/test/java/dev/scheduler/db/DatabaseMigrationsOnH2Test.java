package dev.scheduler.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The embedded store runs the very same migrations as PostgreSQL. */
class DatabaseMigrationsOnH2Test {

  @Test
  void everyMigrationAppliesToAnEmptyEmbeddedDatabase() throws SQLException {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:migrations;MODE=PostgreSQL;DB_CLOSE_DELAY=-1");

    DatabaseMigrations.MigrationOutcome outcome = DatabaseMigrations.migrate(dataSource);

    assertThat(outcome.fromVersion()).isNull();
    assertThat(outcome.applied()).isGreaterThanOrEqualTo(2);
    assertThat(DatabaseMigrations.migrate(dataSource).applied()).isZero();
    try (Connection connection = dataSource.getConnection()) {
      assertThat(QuartzForeignKeys.deleteRules(connection))
          .isEqualTo(QuartzForeignKeys.restricted());
    }
  }
}
