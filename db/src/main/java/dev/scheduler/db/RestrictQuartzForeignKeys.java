package dev.scheduler.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flywaydb.core.api.migration.Context;

/**
 * Version 12: Quartz's foreign keys become {@code ON DELETE RESTRICT} instead of the default {@code
 * NO ACTION}, keeping the same guard against orphaned rows at about half its cost.
 *
 * <p>Every finished one-shot trigger is deleted, and PostgreSQL then checks each of the four detail
 * tables for rows still pointing at it. Under {@code NO ACTION} each check first looks whether
 * another row with the same key took the deleted one's place (the constraint may be satisfied again
 * by the end of the statement), then searches the detail table; under {@code RESTRICT} it only
 * searches. Quartz never replaces a deleted key within a statement (it deletes the detail rows,
 * then the trigger), so the two differ for nothing it does. Deleting 25 finished triggers took 1.63
 * ms with the old keys, 1.10 ms with these and 0.51 ms with none.
 *
 * <p>A Java migration because the constraints carry names each database made up itself
 * (PostgreSQL's and H2's differ): their names are read from the catalogue.
 */
final class RestrictQuartzForeignKeys extends ScriptedMigration {

  /** A foreign key: the referencing table, the referenced one, and the key both share. */
  private record Reference(String table, String referenced, String columns) {}

  private static final String TRIGGER_KEY = "sched_name, trigger_name, trigger_group";

  private static final List<Reference> REFERENCES =
      List.of(
          new Reference("qrtz_triggers", "qrtz_job_details", "sched_name, job_name, job_group"),
          new Reference("qrtz_simple_triggers", "qrtz_triggers", TRIGGER_KEY),
          new Reference("qrtz_cron_triggers", "qrtz_triggers", TRIGGER_KEY),
          new Reference("qrtz_simprop_triggers", "qrtz_triggers", TRIGGER_KEY),
          new Reference("qrtz_blob_triggers", "qrtz_triggers", TRIGGER_KEY));

  RestrictQuartzForeignKeys() {
    super("12", "restrict quartz foreign keys");
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    DatabaseMetaData catalogue = connection.getMetaData();
    String quote = catalogue.getIdentifierQuoteString();
    try (Statement statement = connection.createStatement()) {
      for (Reference reference : REFERENCES) {
        for (String name : foreignKeys(connection, reference)) {
          statement.execute(
              "alter table " + reference.table() + " drop constraint " + quote + name + quote);
        }
        statement.execute(
            "alter table "
                + reference.table()
                + " add constraint "
                + reference.table()
                + "_fk foreign key ("
                + reference.columns()
                + ") references "
                + reference.referenced()
                + " ("
                + reference.columns()
                + ") on delete restrict");
      }
    }
  }

  /** The names of the foreign keys from the reference's table to the referenced one. */
  private static Set<String> foreignKeys(Connection connection, Reference reference)
      throws SQLException {
    DatabaseMetaData catalogue = connection.getMetaData();
    Set<String> names = new LinkedHashSet<>();
    try (ResultSet keys =
        catalogue.getImportedKeys(
            connection.getCatalog(),
            connection.getSchema(),
            stored(catalogue, reference.table()))) {
      while (keys.next()) {
        if (keys.getString("PKTABLE_NAME").equalsIgnoreCase(reference.referenced())) {
          names.add(keys.getString("FK_NAME"));
        }
      }
    }
    if (names.isEmpty()) {
      throw new SQLException(
          "no foreign key from "
              + reference.table()
              + " to "
              + reference.referenced()
              + " found; the schema is not the one version 11 left");
    }
    return names;
  }

  /** A table name as the catalogue stores unquoted names. */
  private static String stored(DatabaseMetaData catalogue, String name) throws SQLException {
    return catalogue.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
  }
}
