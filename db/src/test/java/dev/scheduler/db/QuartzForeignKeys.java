package dev.scheduler.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the catalogue says of the foreign keys of Quartz's tables, for the migration tests. */
final class QuartzForeignKeys {

  static final List<String> TABLES =
      List.of(
          "qrtz_triggers",
          "qrtz_simple_triggers",
          "qrtz_cron_triggers",
          "qrtz_simprop_triggers",
          "qrtz_blob_triggers");

  private QuartzForeignKeys() {}

  /** Each referencing table's foreign key, as "referenced table: delete rule". */
  static Map<String, String> deleteRules(Connection connection) throws SQLException {
    DatabaseMetaData catalogue = connection.getMetaData();
    Map<String, String> rules = new TreeMap<>();
    for (String table : TABLES) {
      String stored =
          catalogue.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
      try (ResultSet keys =
          catalogue.getImportedKeys(connection.getCatalog(), connection.getSchema(), stored)) {
        while (keys.next()) {
          String rule =
              switch (keys.getShort("DELETE_RULE")) {
                case DatabaseMetaData.importedKeyRestrict -> "restrict";
                case DatabaseMetaData.importedKeyNoAction -> "no action";
                default -> "other";
              };
          rules.merge(
              table,
              keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT) + ": " + rule,
              (a, b) -> a.equals(b) ? a : a + ", " + b);
        }
      }
    }
    return rules;
  }

  /** What {@link #deleteRules} returns once version 12 has run. */
  static Map<String, String> restricted() {
    Map<String, String> expected = new TreeMap<>();
    for (String table : TABLES) {
      expected.put(
          table,
          (table.equals("qrtz_triggers") ? "qrtz_job_details" : "qrtz_triggers") + ": restrict");
    }
    return expected;
  }
}
