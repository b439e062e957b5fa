package dev.scheduler.bench;

import dev.scheduler.db.DatabaseMigrations;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** One fresh database for one experiment, on the PostgreSQL server the benchmark measures. */
final class BenchDatabase implements AutoCloseable {

  private final Server server;
  private final String name;

  private BenchDatabase(Server server, String name) {
    this.server = server;
    this.name = name;
  }

  /** The PostgreSQL server: its admin URL and credentials. */
  record Server(String adminUrl, String user, String password) {

    Connection connect(String url) throws SQLException {
      Properties properties = new Properties();
      properties.setProperty("user", user);
      if (password != null) {
        properties.setProperty("password", password);
      }
      return DriverManager.getConnection(url, properties);
    }

    String urlFor(String database) {
      URI uri = URI.create(adminUrl.substring("jdbc:".length()));
      return "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + database;
    }

    String host() {
      return URI.create(adminUrl.substring("jdbc:".length())).getHost();
    }

    int port() {
      return URI.create(adminUrl.substring("jdbc:".length())).getPort();
    }

    String version() throws SQLException {
      try (Connection connection = connect(adminUrl);
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("show server_version")) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  /** A new, migrated database (Quartz's tables and the scheduler's). */
  static BenchDatabase create(Server server, String purpose) throws SQLException {
    String name = "bench_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection admin = server.connect(server.adminUrl());
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + name);
    }
    BenchDatabase database = new BenchDatabase(server, name);
    DatabaseMigrations.migrate(database.dataSource());
    return database;
  }

  String name() {
    return name;
  }

  String url() {
    return server.urlFor(name);
  }

  Server server() {
    return server;
  }

  DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url());
    dataSource.setUser(server.user());
    if (server.password() != null) {
      dataSource.setPassword(server.password());
    }
    return dataSource;
  }

  Connection connect() throws SQLException {
    return server.connect(url());
  }

  long queryLong(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Transactions committed in this database so far, from PostgreSQL's statistics. */
  long transactions() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("select pg_stat_clear_snapshot()");
      try (ResultSet rows =
          statement.executeQuery(
              "select xact_commit + xact_rollback from pg_stat_database where datname = '"
                  + name
                  + "'")) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    try (Connection admin = server.connect(server.adminUrl());
        Statement statement = admin.createStatement()) {
      statement.execute("drop database if exists " + name + " with (force)");
    }
  }
}
