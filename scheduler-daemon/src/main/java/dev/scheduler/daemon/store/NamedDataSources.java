package dev.scheduler.daemon.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.scheduler.catalog.JobResources;
import dev.scheduler.catalog.notify.SmtpSettings;
import dev.scheduler.catalog.text.Suggestions;
import dev.scheduler.daemon.config.DatasourceConfig;
import dev.scheduler.daemon.config.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node hands its job types: one small pool per configured datasource, opened when a job
 * first uses it (a node whose jobs never touch a datasource never connects to it), the scheduler's
 * own pool and the mail server's settings. Closing closes the datasource pools only; the
 * scheduler's pool belongs to the node.
 */
public final class NamedDataSources implements JobResources, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NamedDataSources.class);

  private final Map<String, DatasourceConfig> configs;
  private final DataSource schedulerDatabase;
  private final String nodeId;
  private final Optional<SmtpSettings> smtp;
  private final Map<String, HikariDataSource> open = new LinkedHashMap<>();
  private boolean closed;

  public NamedDataSources(
      Map<String, DatasourceConfig> configs,
      DataSource schedulerDatabase,
      Optional<SmtpSettings> smtp,
      String nodeId) {
    this.configs = Map.copyOf(configs);
    this.schedulerDatabase = schedulerDatabase;
    this.smtp = smtp;
    this.nodeId = nodeId;
  }

  @Override
  public synchronized DataSource datasource(String name) {
    if (closed) {
      throw new IllegalStateException("the node is stopping; datasource " + name + " is closed");
    }
    DatasourceConfig config = configs.get(name);
    if (config == null) {
      throw new IllegalArgumentException(
          "unknown datasource '"
              + name
              + "'"
              + Suggestions.didYouMean(name, configs.keySet())
              + "; declare it under datasources: in the config");
    }
    return open.computeIfAbsent(name, unused -> pool(config));
  }

  @Override
  public DataSource schedulerDatabase() {
    return schedulerDatabase;
  }

  @Override
  public Set<String> datasourceNames() {
    return configs.keySet();
  }

  @Override
  public Optional<SmtpSettings> smtp() {
    return smtp;
  }

  private HikariDataSource pool(DatasourceConfig config) {
    HikariConfig hikari = new HikariConfig();
    String poolName = "datasource-" + config.name() + "-" + nodeId;
    hikari.setJdbcUrl(config.url());
    hikari.setUsername(config.user());
    config.password().map(Secret::reveal).ifPresent(hikari::setPassword);
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(0);
    hikari.setPoolName(poolName);
    hikari.setConnectionTimeout(SchedulerDatabase.CONNECT_TIMEOUT_MILLIS);
    // Fail on the first getConnection, inside the job, rather than here: a datasource that is
    // down fails the jobs that use it, never the node.
    hikari.setInitializationFailTimeout(-1);
    hikari.addDataSourceProperty("ApplicationName", poolName);
    log.info("opening datasource {} ({} connections at most)", config.name(), config.poolSize());
    return new HikariDataSource(hikari);
  }

  @Override
  public synchronized void close() {
    closed = true;
    open.values().forEach(HikariDataSource::close);
    open.clear();
  }
}
