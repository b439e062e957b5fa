package dev.scheduler.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Version 13: a firing record ({@code qrtz_fired_triggers}) costs fewer index entries.
 *
 * <p>Each firing inserts its record, updates it once (ACQUIRED to EXECUTING) and deletes it; the
 * table holds only the firings in flight. The update changes no indexed column, so PostgreSQL can
 * make it a heap-only update that writes no index entry, but only when the record's page has room
 * for the new version. Pages filled to the brim by a burst's inserts had none for about half of
 * them, and each of those updates wrote an entry into all four indexes. With half of each page kept
 * free for updates, every one of them stays on its page (the table stays as small as the firings in
 * flight, so the space costs nothing).
 *
 * <p>The index by trigger is dropped: nothing the scheduler runs reads it, and Quartz only looks a
 * trigger's records up that way in cluster recovery, once per finished trigger of a dead node, in a
 * table of at most a few hundred live rows.
 *
 * <p>A Java migration because the page fill is PostgreSQL's alone; H2 keeps its pages as they are.
 */
final class FewerFiringRecordIndexWrites extends ScriptedMigration {

  /** Percent of each page the inserts fill, leaving the rest for the record's one update. */
  private static final int FILL_FACTOR = 50;

  FewerFiringRecordIndexWrites() {
    super("13", "fewer firing record index writes");
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("drop index qrtz_fired_triggers_trigger");
      if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
        statement.execute("alter table qrtz_fired_triggers set (fillfactor = " + FILL_FACTOR + ")");
      }
    }
  }
}
