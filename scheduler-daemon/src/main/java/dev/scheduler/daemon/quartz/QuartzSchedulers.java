package dev.scheduler.daemon.quartz;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.text.Placeholders;
import dev.scheduler.daemon.config.NodeConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.core.QuartzScheduler;
import org.quartz.core.QuartzSchedulerResources;
import org.quartz.impl.DefaultThreadExecutor;
import org.quartz.impl.StdJobRunShellFactory;
import org.quartz.impl.StdScheduler;
import org.quartz.impl.jdbcjobstore.InvalidConfigurationException;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.simpl.CascadingClassLoadHelper;
import org.quartz.simpl.SimpleThreadPool;
import org.quartz.simpl.ZeroSizeThreadPool;
import org.quartz.spi.ThreadPool;
import org.quartz.utils.DBConnectionManager;

/**
 * Assembles Quartz from typed parts (no properties file): our job store on the process's pool, in
 * cluster mode, with the job factory that injects what jobs need.
 *
 * <p>Schedulers are built directly rather than through a scheduler factory, which would register
 * them in a JVM-wide repository by name; every node of a cluster must share one name.
 */
public final class QuartzSchedulers {

  /** The scheduler name every node shares: Quartz's {@code sched_name} column. */
  public static final String CLUSTER_NAME = "scheduler";

  static final long CLUSTER_CHECKIN_INTERVAL_MILLIS = 1_000;
  static final long IDLE_WAIT_MILLIS = 30_000;
  static final long DB_RETRY_INTERVAL_MILLIS = 2_000;

  private QuartzSchedulers() {}

  /** A node's scheduler: job threads, cluster check-ins and misfire handling once started. */
  public static QuartzHandle node(
      String nodeId,
      DataSource dataSource,
      NodeConfig node,
      JobTypes types,
      Clock clock,
      Placeholders placeholders)
      throws SchedulerException {
    SimpleThreadPool pool = new SimpleThreadPool(node.threads(), Thread.NORM_PRIORITY);
    pool.setThreadNamePrefix("job");
    QuartzHandle handle = build(nodeId, dataSource, pool, clock);
    handle.store().setClusterCheckinInterval(node.cluster().checkinInterval().toMillis());
    handle.scheduler().setJobFactory(new CatalogJobFactory(types, clock, placeholders));
    return handle;
  }

  /**
   * A scheduler for operator commands: it reads and changes the shared job store but is never
   * started, so it runs no jobs and takes no part in the cluster.
   */
  public static QuartzHandle client(String clientId, DataSource dataSource, Clock clock)
      throws SchedulerException {
    return build(clientId, dataSource, new ZeroSizeThreadPool(), clock);
  }

  private static QuartzHandle build(
      String instanceId, DataSource dataSource, ThreadPool threadPool, Clock clock)
      throws SchedulerException {
    String dataSourceName = "scheduler-" + UUID.randomUUID();
    DBConnectionManager.getInstance()
        .addConnectionProvider(dataSourceName, new PooledConnectionProvider(dataSource));

    SchedulerJobStore store = new SchedulerJobStore();
    store.setClock(clock);
    store.setDataSource(dataSourceName);
    store.setIsClustered(true);
    store.setClusterCheckinInterval(CLUSTER_CHECKIN_INTERVAL_MILLIS);
    try {
      store.setDriverDelegateClass(PostgreSQLDelegate.class.getName());
      store.setDriverDelegateInitString(
          "triggerPersistenceDelegateClasses=" + LocalTimeTriggerPersistence.class.getName());
    } catch (InvalidConfigurationException e) {
      throw new SchedulerException("Quartz rejected its driver delegate", e);
    }
    // Job data as string properties, never Java serialisation: readable and safe to load.
    store.setUseProperties("true");
    // Also how often the misfire scan runs; what counts as missed is the store's own rule.
    store.setMisfireThreshold(SchedulerJobStore.MISSED_FIRE_TOLERANCE.toMillis());
    store.setAcquireTriggersWithinLock(true);
    store.setDbRetryInterval(DB_RETRY_INTERVAL_MILLIS);
    store.setInstanceId(instanceId);
    store.setInstanceName(CLUSTER_NAME);
    store.setThreadPoolSize(threadPool.getPoolSize());
    if (isPostgres(dataSource)) {
      store.useJobRowLocks();
    }

    threadPool.setInstanceId(instanceId);
    threadPool.setInstanceName(CLUSTER_NAME);
    threadPool.initialize();

    QuartzSchedulerResources resources = new QuartzSchedulerResources();
    resources.setName(CLUSTER_NAME);
    resources.setThreadName(CLUSTER_NAME + "-" + instanceId);
    resources.setInstanceId(instanceId);
    resources.setJobRunShellFactory(new StdJobRunShellFactory());
    resources.setThreadPool(threadPool);
    resources.setThreadExecutor(new DefaultThreadExecutor());
    resources.setJobStore(store);
    // As many fires per acquisition as there are free job threads.
    resources.setMaxBatchSize(Math.max(1, threadPool.getPoolSize()));
    resources.setBatchTimeWindow(0);

    QuartzScheduler quartz = new QuartzScheduler(resources, IDLE_WAIT_MILLIS, -1);
    CascadingClassLoadHelper classLoadHelper = new CascadingClassLoadHelper();
    classLoadHelper.initialize();
    store.initialize(classLoadHelper, quartz.getSchedulerSignaler());
    Scheduler scheduler = new StdScheduler(quartz);
    ((StdJobRunShellFactory) resources.getJobRunShellFactory()).initialize(scheduler);
    quartz.initialize();
    return new QuartzHandle(scheduler, store);
  }

  private static boolean isPostgres(DataSource dataSource) throws SchedulerException {
    try (Connection conn = dataSource.getConnection()) {
      return conn.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    } catch (SQLException e) {
      throw new SchedulerException("could not reach the database: " + e.getMessage(), e);
    }
  }

  /** A scheduler and its job store, for the operations the Quartz API does not offer. */
  public record QuartzHandle(Scheduler scheduler, SchedulerJobStore store) {}
}
