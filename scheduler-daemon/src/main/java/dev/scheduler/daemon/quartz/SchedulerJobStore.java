package dev.scheduler.daemon.quartz;

import static dev.scheduler.daemon.quartz.StoreSql.sql;

import dev.scheduler.catalog.quartz.JobDataKeys;
import dev.scheduler.catalog.quartz.LocalTimeTrigger;
import dev.scheduler.catalog.schedule.CatchUp;
import dev.scheduler.catalog.schedule.CatchUp.CatchUpPlan;
import dev.scheduler.daemon.cluster.ClusterSnapshot;
import dev.scheduler.daemon.cluster.ClusterWatch;
import dev.scheduler.daemon.cluster.DeathRule;
import dev.scheduler.daemon.cluster.PeerState;
import dev.scheduler.daemon.config.ClusterTiming;
import dev.scheduler.daemon.history.HistoryRepository;
import dev.scheduler.daemon.history.HistoryRepository.NotRun;
import dev.scheduler.daemon.history.Outcomes;
import dev.scheduler.daemon.history.RunRecorder;
import dev.scheduler.daemon.quartz.FastCompletion.Completion;
import dev.scheduler.daemon.quartz.JobPauses.JobPause;
import dev.scheduler.daemon.quartz.MissedFires.Cause;
import dev.scheduler.daemon.store.GroupCommit;
import dev.scheduler.daemon.store.Jdbc;
import dev.scheduler.daemon.users.UserSchedule;
import dev.scheduler.daemon.users.UserScheduleTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.DriverDelegate;
import org.quartz.impl.jdbcjobstore.JobStoreSupport;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's JDBC job store, keeping its tables and cluster protocol, with what the scheduler adds:
 *
 * <ul>
 *   <li>its own operations, each one transaction under Quartz's trigger lock so they are atomic
 *       with respect to firing and to other nodes: reconciling the configuration, pausing and
 *       resuming jobs as a whole, per-user schedules ({@link UserScheduleStore});
 *   <li>catch-up instead of Quartz's misfire instructions: a fire that came due before the cluster
 *       was up, or while a previous run of a {@code forbid} job was going, follows the job's
 *       catch-up policy, and each fire that does not run gets a history row in the same
 *       transaction.
 * </ul>
 */
public class SchedulerJobStore extends JobStoreTX {

  /**
   * A fire that came due more than this before the cluster was up was missed; one due later is only
   * late and runs. Also how often the misfire scan runs.
   */
  static final Duration MISSED_FIRE_TOLERANCE = Duration.ofSeconds(5);

  /** Quartz's own messages stay under Quartz's logger, so its level setting applies to them. */
  private static final Logger QUARTZ_LOG = LoggerFactory.getLogger(JobStoreSupport.class);

  private static final Logger log = LoggerFactory.getLogger(SchedulerJobStore.class);

  private Clock clock = Clock.systemUTC();
  private ClusterUptime uptime;

  /** How early Quartz's scheduler thread may hand a trigger over (it waits until 2 ms before). */
  private static final long MAX_EARLY_HANDOVER_MILLIS = 10;

  private StoreQueries queries;
  private MissedOneShots missedOneShots;
  private ClusterWatch watch;
  private final CompletionExtras completions = new CompletionExtras();
  private final CommittedNotRuns notRuns = new CommittedNotRuns();
  private final CommittedRecoveries recoveries = new CommittedRecoveries();
  private JobLocks jobLocks;
  private FastFiring fastFiring;
  private FastCompletion fastCompletion;
  private GroupCommit<Completion> completionCommits;
  private DueWakeup dueWakeup;
  private AcquireAhead acquireAhead;

  /**
   * Runs fired on this node whose completion has not been handed back yet. Quartz counts a run as
   * executing only once its job thread has begun it, so a stopping node also waits for these: a
   * batch fired just before the stop is handed to job threads after it.
   */
  private final AtomicInteger unfinishedRuns = new AtomicInteger();

  @Override
  protected Logger getLog() {
    return QUARTZ_LOG;
  }

  /** The clock for the store's own decisions (resuming "from now", catch-up). */
  public void setClock(Clock clock) {
    this.clock = clock;
  }

  Clock clock() {
    return clock;
  }

  /**
   * On PostgreSQL, changes to a job's triggers take the job's row lock ({@link JobLocks}), in every
   * process: a node's fast path relies on it, whichever process makes the change.
   */
  public void useJobRowLocks() {
    this.jobLocks = new JobLocks(getTablePrefix(), getInstanceName());
  }

  /**
   * Wakes this node's scheduler thread: another process stored work due at {@code dueAt} (epoch
   * millis, 0 when unknown).
   */
  public void wake(long dueAt) {
    signalSchedulingChangeImmediately(dueAt);
  }

  /**
   * Watches the cluster through PostgreSQL (advisory-lock liveness, database clock), and fires and
   * completes runs on the fast path ({@link FastFiring}, {@link FastCompletion}). Without it, as on
   * the embedded store, Quartz's own check-in rules and firing apply.
   */
  public void setClusterWatch(ClusterWatch watch) {
    if (jobLocks == null) {
      throw new IllegalStateException("the fast path needs the jobs' row locks (PostgreSQL)");
    }
    this.watch = watch;
    this.fastFiring = new FastFiring(this, jobLocks);
    this.fastCompletion = new FastCompletion(this, jobLocks);
    this.completionCommits =
        new GroupCommit<>("run completions", "completions-" + getInstanceId(), this::complete);
    completionCommits.start();
    this.dueWakeup = new DueWakeup(getInstanceId(), this::signalSchedulingChangeImmediately);
    this.acquireAhead = new AcquireAhead(getInstanceId());
  }

  /** Who hears of the fires recorded as not run (MISSED, SKIPPED), once they commit. */
  public void setNotRunListener(NotRunListener listener) {
    notRuns.listener(listener);
  }

  /** Who hears of the nodes whose work this node recovered, once the recovery commits. */
  public void setRecoveryListener(RecoveryListener listener) {
    recoveries.listener(listener);
  }

  /**
   * Where the history listener records runs when this store records them itself (the fast path):
   * starts with their fires, outcomes with their completions. Empty otherwise.
   */
  public Optional<RunRecorder> runRecorder() {
    return fastFiring == null ? Optional.empty() : Optional.of(completions);
  }

  /** After this run completes, and in the same transaction, store its next attempt. */
  public void retryAfterCompletion(
      String fireInstanceId, OperableTrigger original, Instant fire, int attempt, Instant at) {
    completions.retry(fireInstanceId, Replays.retry(original, fireInstanceId, fire, attempt, at));
  }

  /** Leaves this run's firing open, so that a surviving node recovers it and runs it again. */
  public void leaveForRecovery(String fireInstanceId) {
    completions.leaveForRecovery(fireInstanceId);
  }

  /**
   * Brings the store in line with the configuration's jobs. Two nodes starting together are
   * serialised by the trigger lock; the second finds nothing left to change.
   */
  public ReconcilePlan reconcile(List<DeclaredJob> declared) throws JobPersistenceException {
    return inTriggerLock(
        conn -> {
          lockAllJobs(conn);
          ReconcilePlan plan = new ConfigReconciler(this).reconcile(conn, declared);
          if (!plan.isEmpty()) {
            signalSchedulingChangeOnTxCompletion(0L);
          }
          return plan;
        });
  }

  /** The key of the job with that name, whatever its group. */
  public Optional<JobKey> findJob(String name) throws JobPersistenceException {
    return read(conn -> queries().findJob(conn, name), "find job " + name);
  }

  /** The nodes' latest check-ins, as Quartz records them. */
  public List<Checkin> checkins() throws JobPersistenceException {
    return read(conn -> queries().checkins(conn), "read the nodes' check-ins");
  }

  /** Each job's next fire time over all its triggers that can fire, in epoch millis. */
  public Map<JobKey, Long> nextFireTimes() throws JobPersistenceException {
    return read(conn -> queries().nextFireTimes(conn), "read next fire times");
  }

  /**
   * The nodes alive now, by the rule the nodes themselves use: on PostgreSQL {@link
   * dev.scheduler.daemon.cluster.DeathRule} with the given timing, on the embedded store Quartz's
   * check-in rule.
   */
  public Set<String> liveNodes(ClusterTiming timing) throws JobPersistenceException {
    return read(conn -> liveNodes(conn, timing), "find the live nodes");
  }

  /**
   * What is stuck in the job store ({@link StuckTriggers}); with {@code repair}, released, in one
   * transaction under the trigger lock.
   */
  public List<Finding> examineStuck(ClusterTiming timing, boolean repair)
      throws JobPersistenceException {
    return inTriggerLock(
        conn ->
            sql(
                () ->
                    new StuckTriggers(getTablePrefix(), getInstanceName())
                        .examine(conn, liveNodes(conn, timing), repair, clock.instant()),
                "examine stuck triggers"));
  }

  private Set<String> liveNodes(Connection conn, ClusterTiming timing) throws SQLException {
    Set<String> live = new HashSet<>();
    if (conn.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
      ClusterSnapshot snapshot = ClusterSnapshot.look(conn, getTablePrefix(), getInstanceName());
      List<String> dead =
          new DeathRule(timing).dead(snapshot.peers(), "", snapshot.dbNowMillis(), 0);
      for (PeerState peer : snapshot.peers()) {
        if (!dead.contains(peer.nodeId()) && !peer.stopped()) {
          live.add(peer.nodeId());
        }
      }
    } else {
      Instant now = clock.instant();
      for (Checkin checkin : queries().checkins(conn)) {
        if (checkin.aliveAt(now)) {
          live.add(checkin.nodeId());
        }
      }
    }
    return live;
  }

  /** The paused jobs, by name. */
  public Map<String, JobPause> pausedJobs() throws JobPersistenceException {
    return read(JobPauses::all, "read paused jobs");
  }

  /**
   * Pauses jobs: no new fires until resumed, while running executions finish. The pause is kept
   * with the job, so triggers added later start paused too; manual runs still run.
   */
  public void pauseJobs(List<JobKey> jobs, JobPause pause, Jdbc.Work<?> audit)
      throws JobPersistenceException {
    inTriggerLock(
        conn -> {
          lockJobs(conn, jobs);
          sql(() -> audit.run(conn), "record the pause in the audit log");
          for (JobKey job : jobs) {
            sql(() -> JobPauses.pause(conn, job, pause), "pause job " + job);
            for (OperableTrigger trigger : getTriggersForJob(conn, job)) {
              if (!isManual(trigger)) {
                pauseTrigger(conn, trigger.getKey());
              }
            }
          }
          return null;
        });
  }

  /**
   * Resumes jobs from now: each schedule's next fire is its first one after this moment. The fires
   * that fell while a job was paused are not replayed; each gets a SKIPPED history row.
   */
  public void resumeJobs(List<JobKey> jobs, Jdbc.Work<?> audit) throws JobPersistenceException {
    inTriggerLock(
        conn -> {
          lockJobs(conn, jobs);
          sql(() -> audit.run(conn), "record the resume in the audit log");
          resume(conn, jobs);
          return null;
        });
  }

  /**
   * Resumes the jobs whose pause was set to end by now ({@code jobs pause --until}), recording each
   * in the audit log; returns them. Nodes call it periodically; the cluster lock makes one node
   * resume each job once.
   */
  public List<JobKey> resumeExpiredPauses(AutoResumeAudit audit) throws JobPersistenceException {
    // Most looks find nothing: only then take the cluster lock.
    if (peek(conn -> JobPauses.endedBy(conn, clock.instant()), "read ended pauses").isEmpty()) {
      return List.of();
    }
    return inTriggerLock(
        conn -> {
          Instant now = clock.instant();
          List<JobKey> due = sql(() -> JobPauses.endedBy(conn, now), "read ended pauses");
          if (!due.isEmpty()) {
            lockJobs(conn, due);
            sql(() -> audit.record(conn, due, now), "record the resume in the audit log");
            resume(conn, due);
          }
          return due;
        });
  }

  /** Records a node's resume of jobs whose pause ended, in the resume's transaction. */
  @FunctionalInterface
  public interface AutoResumeAudit {
    void record(Connection conn, List<JobKey> jobs, Instant at) throws SQLException;
  }

  private void resume(Connection conn, List<JobKey> jobs) throws JobPersistenceException {
    Instant now = clock.instant();
    for (JobKey job : jobs) {
      sql(() -> JobPauses.resume(conn, job), "resume job " + job);
      for (OperableTrigger trigger : getTriggersForJob(conn, job)) {
        resumeFromNow(conn, trigger, now);
      }
    }
    signalSchedulingChangeOnTxCompletion(0L);
  }

  /**
   * Stores per-user schedules, all or none: each row and its trigger, which starts at its first
   * fire after now (a changed zone or time moves the next fire at once).
   *
   * @throws JobPersistenceException whose message says which schedule is refused and why
   */
  public void putUserSchedules(List<UserSchedule> schedules, Jdbc.Work<?> audit)
      throws JobPersistenceException {
    inTriggerLock(
        conn -> {
          lockJobs(conn, jobsOf(conn, schedules.stream().map(UserSchedule::job)));
          sql(() -> audit.run(conn), "record the schedules in the audit log");
          UserScheduleStore users = userSchedules();
          for (UserSchedule schedule : schedules) {
            users.put(conn, schedule);
          }
          signalSchedulingChangeOnTxCompletion(0L);
          return null;
        });
  }

  /** Removes a user's schedules, of one job or all, with their triggers; returns them. */
  public List<UserSchedule> removeUserSchedules(
      String userId, Optional<String> job, Jdbc.Work<?> audit) throws JobPersistenceException {
    return inTriggerLock(
        conn -> {
          if (job.isPresent()) {
            lockJobs(conn, jobsOf(conn, job.stream()));
          } else {
            lockAllJobs(conn);
          }
          List<UserSchedule> removed = userSchedules().remove(conn, userId, job);
          if (!removed.isEmpty()) {
            sql(() -> audit.run(conn), "record the removal in the audit log");
          }
          return removed;
        });
  }

  /** Whether the next attempt after a failed run is stored and yet to run. */
  public boolean retryPending(int nextAttempt, String failedFireInstanceId)
      throws JobPersistenceException {
    TriggerKey key = Replays.retryKey(nextAttempt, failedFireInstanceId);
    DriverDelegate delegate = getDelegate();
    return read(conn -> delegate.triggerExists(conn, key), "look for the retry " + key);
  }

  /** Stored per-user schedules with each one's next fire (null when it has no trigger). */
  public List<ScheduledUser> userSchedules(Optional<String> userId, Optional<String> job)
      throws JobPersistenceException {
    return read(
        conn -> {
          Map<TriggerKey, Long> next = queries().nextFireTimes(conn, TriggerGroups.USERS);
          List<ScheduledUser> result = new ArrayList<>();
          for (UserSchedule schedule : UserScheduleTable.find(conn, userId, job)) {
            Long at = next.get(UserScheduleStore.key(schedule.job(), schedule.userId()));
            result.add(new ScheduledUser(schedule, at == null ? null : Instant.ofEpochMilli(at)));
          }
          return result;
        },
        "read user schedules");
  }

  /** A per-user schedule and its next fire, or null when it has none (job removed or disabled). */
  public record ScheduledUser(UserSchedule schedule, Instant nextFire) {}

  /** New triggers of a paused job start paused, except the runs an operator asks for. */
  @Override
  protected void storeTrigger(
      Connection conn,
      OperableTrigger trigger,
      JobDetail job,
      boolean replaceExisting,
      String state,
      boolean forceState,
      boolean recovering)
      throws JobPersistenceException {
    if (jobLocks != null) {
      // Whether a forbid job's new trigger starts BLOCKED is decided under the job's row lock,
      // which firing and completing it take too.
      JobDetail known = job != null ? job : retrieveJob(conn, trigger.getJobKey());
      if (known != null && known.isConcurrentExecutionDisallowed()) {
        lockJobs(conn, List.of(known.getKey()));
      }
    }
    String effectiveState = state;
    if (!forceState && STATE_WAITING.equals(state) && !isManual(trigger)) {
      boolean paused =
          sql(() -> JobPauses.isPaused(conn, trigger.getJobKey()), "read a job's pause");
      if (paused) {
        effectiveState = STATE_PAUSED;
      }
    }
    super.storeTrigger(conn, trigger, job, replaceExisting, effectiveState, forceState, recovering);
  }

  // ---- Missed fires and catch-up ---------------------------------------------------------

  /**
   * A node whose check-ins have lapsed takes no fires until one succeeds: it may already count as
   * dead to its peers, and what came due meanwhile was missed, not late.
   *
   * <p>On the fast path a node acquires only what is due within {@link
   * DueWakeup#ACQUIRE_AHEAD_MILLIS}, rather than up to Quartz's idle wait ahead, and is woken
   * shortly before the next trigger comes due: every node then competes for each fire time, so the
   * nodes share the work and a node never holds triggers it cannot fire for seconds.
   */
  @Override
  public List<OperableTrigger> acquireNextTriggers(long noLaterThan, int maxCount, long timeWindow)
      throws JobPersistenceException {
    if (watch != null && !watch.current()) {
      return List.of();
    }
    if (fastFiring == null) {
      return super.acquireNextTriggers(noLaterThan, maxCount, timeWindow);
    }
    List<OperableTrigger> acquired = acquireAhead.take(maxCount);
    boolean heldAhead = !acquired.isEmpty();
    if (!heldAhead) {
      acquired = claim(noLaterThan, maxCount, timeWindow, true);
    }
    if (heldAhead || acquired.size() == maxCount) {
      // A burst: the next batch is claimed while this one fires (see AcquireAhead).
      acquireAhead.ahead(
          maxCount,
          count ->
              watch.current()
                  ? claim(clock.millis() + DueWakeup.ACQUIRE_AHEAD_MILLIS, count, timeWindow, false)
                  : List.of());
    }
    return acquired;
  }

  /**
   * One acquisition; when it finds nothing and {@code wakeUp}, the node is woken when the next
   * trigger anywhere comes due.
   */
  private List<OperableTrigger> claim(
      long noLaterThan, int maxCount, long timeWindow, boolean wakeUp)
      throws JobPersistenceException {
    long misfireTime = getMisfireTime();
    long now = clock.millis();
    return executeWithoutLock(
        conn ->
            sql(
                () -> {
                  List<OperableTrigger> acquired =
                      fastFiring.acquire(
                          conn,
                          Math.min(noLaterThan, now + DueWakeup.ACQUIRE_AHEAD_MILLIS),
                          maxCount,
                          timeWindow,
                          misfireTime,
                          now);
                  if (!wakeUp) {
                    return acquired;
                  }
                  if (acquired.isEmpty()) {
                    Long next = fastFiring.nextDue(conn, misfireTime);
                    if (next != null && next < noLaterThan) {
                      dueWakeup.at(next, now);
                    }
                  } else {
                    dueWakeup.cancel();
                  }
                  return acquired;
                },
                "acquire triggers"));
  }

  /** On the fast path, a whole batch fires in one transaction: see {@link FastFiring}. */
  @Override
  public List<TriggerFiredResult> triggersFired(List<OperableTrigger> triggers)
      throws JobPersistenceException {
    List<TriggerFiredResult> results;
    if (fastFiring == null) {
      results = super.triggersFired(triggers);
    } else {
      waitUntilDue(triggers);
      Instant now = clock.instant();
      results =
          executeInNonManagedTXLock(
              null,
              conn -> sql(() -> fastFiring.fire(conn, triggers, now), "fire triggers"),
              // When the commit's outcome is unknown, the firing records tell whether it happened.
              (conn, fired) -> sql(() -> fastFiring.committed(conn, fired), "check a firing"));
    }
    for (TriggerFiredResult result : results) {
      if (result.getTriggerFiredBundle() != null) {
        unfinishedRuns.incrementAndGet();
      }
    }
    return results;
  }

  /**
   * How many runs this node fired whose completion Quartz has not handed back yet, whether or not a
   * job thread has begun them.
   */
  public int unfinishedRuns() {
    return unfinishedRuns.get();
  }

  /**
   * Quartz's scheduler thread hands triggers over up to 2 ms before their fire time. A fire never
   * starts before its scheduled instant here (nor a retry before its backoff has passed), so the
   * last few milliseconds are waited out.
   */
  private void waitUntilDue(List<OperableTrigger> triggers) {
    long due = 0;
    for (OperableTrigger trigger : triggers) {
      if (trigger.getNextFireTime() != null) {
        due = Math.max(due, trigger.getNextFireTime().getTime());
      }
    }
    long early = due - clock.millis();
    if (early > 0 && early <= MAX_EARLY_HANDOVER_MILLIS) {
      try {
        Thread.sleep(early);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void releaseAcquiredTrigger(OperableTrigger trigger) {
    if (fastFiring == null) {
      super.releaseAcquiredTrigger(trigger);
      return;
    }
    // Retried until it commits, as Quartz's own release is.
    retryExecuteInNonManagedTXLock(
        null,
        conn -> {
          sql(() -> fastFiring.release(conn, trigger), "release " + trigger.getKey());
          return null;
        });
  }

  /**
   * Gives back a trigger acquired ahead when the node stops, in one attempt: if the database is
   * unreachable, the trigger stays ACQUIRED with this node's firing record, and cluster recovery
   * releases it, as it does any trigger a node left acquired.
   */
  private void releaseHeld(OperableTrigger trigger) {
    try {
      executeWithoutLock(
          conn -> {
            sql(() -> fastFiring.release(conn, trigger), "release " + trigger.getKey());
            return null;
          });
    } catch (JobPersistenceException e) {
      log.warn(
          "could not give back trigger {} acquired ahead ({}); cluster recovery will",
          trigger.getKey(),
          e.getMessage());
    }
  }

  /** Before this instant a fire counts as missed rather than late: see {@link ClusterUptime}. */
  @Override
  protected long getMisfireTime() {
    long now = clock.millis();
    long upSince = watch != null ? watch.clusterUpSince() : uptime().upSince();
    return Math.min(upSince, now) - MISSED_FIRE_TOLERANCE.toMillis();
  }

  /**
   * Quartz's misfire pass, on PostgreSQL after a look for missed fires of its own: Quartz's look
   * takes a pooled connection and a transaction, this one is a {@link #peek}. It counts what
   * Quartz's does.
   */
  @Override
  protected RecoverMisfiredJobsResult doRecoverMisfires() throws JobPersistenceException {
    if (watch == null) {
      return super.doRecoverMisfires();
    }
    DriverDelegate delegate = getDelegate();
    int missed =
        peek(
            conn -> delegate.countMisfiredTriggersInState(conn, STATE_WAITING, getMisfireTime()),
            "look for missed fires");
    return missed == 0 ? RecoverMisfiredJobsResult.NO_OP : super.doRecoverMisfires();
  }

  /**
   * Applies the job's catch-up policy to each trigger whose fire came due before the cluster was
   * up. Other trigger types keep Quartz's misfire handling.
   */
  @Override
  protected RecoverMisfiredJobsResult recoverMisfiredJobs(Connection conn, boolean recovering)
      throws JobPersistenceException, SQLException {
    int max = recovering ? -1 : getMaxMisfiresToHandleAtATime();
    long misfireTime = getMisfireTime();
    int oneShots = missedOneShots().runNow(conn, misfireTime, clock.millis());
    if (oneShots > 0) {
      log.info("{} one-shot fires that came due while no node ran will run now", oneShots);
    }
    List<TriggerKey> misfired = new ArrayList<>();
    boolean more =
        getDelegate().hasMisfiredTriggersInState(conn, STATE_WAITING, misfireTime, max, misfired);
    long earliest = Long.MAX_VALUE;
    Instant now = clock.instant();
    for (TriggerKey key : misfired) {
      OperableTrigger trigger = retrieveTrigger(conn, key);
      if (trigger instanceof LocalTimeTrigger local) {
        JobDetail job = retrieveJob(conn, local.getJobKey());
        catchUp(conn, local, job, Cause.DOWNTIME, now, STATE_WAITING, false);
      } else if (trigger != null) {
        updateMisfiredTrigger(conn, key, STATE_WAITING, false);
        trigger = retrieveTrigger(conn, key);
      }
      if (trigger != null && trigger.getNextFireTime() != null) {
        earliest = Math.min(earliest, trigger.getNextFireTime().getTime());
      }
    }
    if (!misfired.isEmpty()) {
      log.info(
          "applied catch-up to {} triggers whose fires came due while no node ran",
          misfired.size());
    }
    if (oneShots > 0) {
      earliest = Math.min(earliest, clock.millis());
    }
    return new RecoverMisfiredJobsResult(more, oneShots + misfired.size(), earliest);
  }

  /**
   * Quartz's completion, with what the listeners registered: the run's outcome (fast path), its
   * retry, or leaving it for recovery. After a {@code forbid} job's run, Quartz releases the
   * triggers it blocked; fires that came due meanwhile follow the job's catch-up policy here,
   * rather than all running late.
   */
  @Override
  protected void triggeredJobComplete(
      Connection conn,
      OperableTrigger trigger,
      JobDetail jobDetail,
      org.quartz.Trigger.CompletedExecutionInstruction instruction)
      throws JobPersistenceException {
    CompletionExtras.Extra extra = completions.get(trigger.getFireInstanceId());
    if (extra.outcome() != null) {
      sql(
          () ->
              HistoryRepository.recordFinished(
                  conn,
                  List.of(
                      new HistoryRepository.Outcome(trigger.getFireInstanceId(), extra.outcome()))),
          "record the outcome of " + trigger.getFireInstanceId());
    }
    if (extra.leaveForRecovery()) {
      log.info(
          "left {} ({}) for recovery: a surviving node will run it again",
          jobDetail.getKey().getName(),
          trigger.getFireInstanceId());
      return;
    }
    super.triggeredJobComplete(conn, trigger, jobDetail, instruction);
    if (extra.retry() != null) {
      storeRetry(conn, extra.retry(), jobDetail);
    }
    if (jobDetail.isConcurrentExecutionDisallowed()) {
      catchUpAfterBlock(
          conn, jobDetail, getTriggersForJob(conn, jobDetail.getKey()), clock.instant());
    }
  }

  /**
   * Quartz retries a completion until it commits; the registered extras go only then. On the fast
   * path completions are committed in batches by their own thread ({@link FastCompletion}): the job
   * thread is free at once, and a burst of completions costs a few transactions.
   */
  @Override
  public void triggeredJobComplete(
      OperableTrigger trigger,
      JobDetail jobDetail,
      org.quartz.Trigger.CompletedExecutionInstruction instruction) {
    String id = trigger.getFireInstanceId();
    unfinishedRuns.decrementAndGet();
    if (completionCommits != null) {
      // A run Quartz could not even start (its job could not be created) has no outcome yet.
      completions.outcomeIfMissing(id, Outcomes.notStarted(clock.instant(), instruction.name()));
      completionCommits.submit(
          new Completion(trigger, jobDetail, instruction, completions.get(id)));
      return;
    }
    try {
      super.triggeredJobComplete(trigger, jobDetail, instruction);
    } finally {
      completions.done(id);
    }
  }

  /** Commits a batch of completions (fast path); the rare unbatchable ones take Quartz's path. */
  private void complete(List<Completion> batch) throws JobPersistenceException {
    List<Completion> batchable = batch.stream().filter(Completion::batchable).toList();
    if (!batchable.isEmpty()) {
      Instant now = clock.instant();
      executeWithoutLock(
          conn -> {
            sql(() -> fastCompletion.complete(conn, batchable, now), "complete runs");
            return null;
          });
    }
    for (Completion completion : batch) {
      if (!completion.batchable()) {
        super.triggeredJobComplete(
            completion.trigger(), completion.job(), completion.instruction());
      }
      completions.done(completion.fireInstanceId());
    }
  }

  /** Commits the completions still queued, then stops as Quartz's store does. */
  @Override
  public void shutdown() {
    if (completionCommits != null) {
      dueWakeup.close();
      acquireAhead.close(this::releaseHeld);
      completionCommits.close(COMPLETION_FLUSH_TIMEOUT);
    }
    super.shutdown();
  }

  /** Stores the next attempt of a failed run, in its completion's transaction. */
  void storeRetry(Connection conn, OperableTrigger retry, JobDetail job)
      throws JobPersistenceException {
    storeTrigger(conn, retry, job, true, STATE_WAITING, false, false);
    signalSchedulingChangeOnTxCompletion(retry.getNextFireTime().getTime());
  }

  /**
   * After a {@code forbid} job's run released its blocked triggers: those of its local-time
   * triggers whose next fire came due meanwhile follow the job's catch-up policy.
   */
  void catchUpAfterBlock(
      Connection conn, JobDetail job, List<OperableTrigger> released, Instant now)
      throws JobPersistenceException {
    long misfireTime = getMisfireTime();
    // Until its next check-in this node does not know yet that it was cut off.
    boolean cutOff = watch != null && !watch.current();
    for (OperableTrigger trigger : released) {
      if (trigger instanceof LocalTimeTrigger local
          && local.getNextFireTime() != null
          && local.getNextFireTime().toInstant().isBefore(now)
          && STATE_WAITING.equals(stateOf(conn, local.getKey()))) {
        // A run whose completion could not commit while the node was cut off from the database
        // kept its job blocked through the outage: fires from before the cluster was up again
        // were missed for the outage, not held back by the run.
        Cause cause =
            cutOff || local.getNextFireTime().getTime() < misfireTime
                ? Cause.DOWNTIME
                : Cause.BLOCKED;
        catchUp(conn, local, job, cause, now, STATE_WAITING, false);
      }
    }
  }

  /**
   * Runs the job's catch-up plan for a trigger whose next fire is overdue: history rows for the
   * fires that will not run, one-shot triggers for those that run late, the trigger moved on.
   */
  private void catchUp(
      Connection conn,
      LocalTimeTrigger trigger,
      JobDetail job,
      Cause cause,
      Instant now,
      String stateIfNotComplete,
      boolean forceState)
      throws JobPersistenceException {
    CatchUp catchUp = cause == Cause.PAUSED || job == null ? skip() : DeclaredJob.catchUpOf(job);
    CatchUpPlan plan = catchUp.plan(trigger.schedule(), trigger.getNextFireTime().toInstant(), now);
    List<NotRun> notRun = MissedFires.notRun(trigger, catchUp, plan, cause, getInstanceId());
    sql(
        () -> HistoryRepository.recordNotRun(conn, notRun),
        "record missed fires of " + trigger.getKey());
    notRuns.recorded(notRun, cause);
    for (int i = 0; i < plan.run().size(); i++) {
      OperableTrigger replay = Replays.catchUp(trigger, plan.run().get(i), now.plusMillis(i));
      storeTrigger(conn, replay, job, true, STATE_WAITING, false, false);
    }
    trigger.setNextFireTime(plan.next().map(Date::from).orElse(null));
    String state = plan.next().isPresent() ? stateIfNotComplete : STATE_COMPLETE;
    storeTrigger(conn, trigger, job, true, state, forceState || !plan.next().isPresent(), false);
    if (!plan.run().isEmpty()) {
      signalSchedulingChangeOnTxCompletion(0L);
    }
  }

  private static CatchUp skip() {
    return new CatchUp(CatchUp.Policy.SKIP, CatchUp.DEFAULT_WINDOW, CatchUp.DEFAULT_LIMIT);
  }

  private void resumeFromNow(Connection conn, OperableTrigger trigger, Instant now)
      throws JobPersistenceException {
    TriggerKey key = trigger.getKey();
    String state = stateOf(conn, key);
    if (!STATE_PAUSED.equals(state) && !STATE_PAUSED_BLOCKED.equals(state)) {
      return;
    }
    String newState =
        STATE_PAUSED_BLOCKED.equals(state)
            ? STATE_BLOCKED
            : checkBlockedState(conn, trigger.getJobKey(), STATE_WAITING);
    Date next = trigger.getNextFireTime();
    if (trigger instanceof LocalTimeTrigger local
        && next != null
        && !next.toInstant().isAfter(now)) {
      // SKIPPED rows for the fires that fell during the pause; the trigger moves past now.
      catchUp(conn, local, null, Cause.PAUSED, now, newState, true);
    } else {
      DriverDelegate delegate = getDelegate();
      sql(() -> delegate.updateTriggerState(conn, key, newState), "resume " + key);
    }
  }

  // ---- Cluster check-ins ------------------------------------------------------------------

  /**
   * On PostgreSQL a check-in is one statement that also tells who is dead by {@link
   * dev.scheduler.daemon.cluster.DeathRule}; on the embedded store it is Quartz's, refreshing the
   * cluster's up-since as well.
   */
  @Override
  protected List<SchedulerStateRecord> clusterCheckIn(Connection conn)
      throws JobPersistenceException {
    if (watch == null) {
      List<SchedulerStateRecord> failed = super.clusterCheckIn(conn);
      sql(
          () -> uptime().checkedIn(conn, getInstanceName(), getInstanceId(), clock.millis()),
          "refresh the cluster's up-since");
      return failed;
    }
    ClusterWatch.Outcome outcome = checkedIn(sql(() -> watch.checkIn(conn), "check in"));
    return failedRecords(conn, outcome);
  }

  /**
   * On PostgreSQL a routine check-in runs on the node's liveness session, outside Quartz's
   * transaction: it writes one row, needs no lock, and Quartz commits it on its own anyway. Only
   * the first check-in, and one that finds dead peers, take Quartz's path: on a pooled connection,
   * checking in again, then confirming the dead and recovering their work under Quartz's locks.
   */
  @Override
  protected boolean doCheckin() throws JobPersistenceException {
    if (watch == null || firstCheckIn) {
      return super.doCheckin();
    }
    ClusterWatch.Outcome outcome = checkedIn(sql(() -> watch.checkInOnOwnSession(), "check in"));
    return !outcome.dead().isEmpty() && super.doCheckin();
  }

  /** What every check-in on PostgreSQL notes, wherever it ran. */
  private ClusterWatch.Outcome checkedIn(ClusterWatch.Outcome outcome) {
    lastCheckin = System.currentTimeMillis();
    if (outcome.reconnected()) {
      // The scheduler thread took no fires while cut off; wake it. (At once: a check-in is not
      // one of Quartz's locked transactions, whose signals wait for their commit.)
      signalSchedulingChangeImmediately(0L);
    }
    if (!outcome.checkedIn() && !firstCheckIn) {
      log.error(
          "peers had counted node {} as dead and recovered its work; it checks in again, but runs"
              + " it had going may also have run elsewhere",
          getInstanceId());
    }
    return outcome;
  }

  /** Under the state lock, the dead are confirmed on a fresh look before recovery. */
  @Override
  protected List<SchedulerStateRecord> findFailedInstances(Connection conn)
      throws JobPersistenceException {
    if (watch == null) {
      return super.findFailedInstances(conn);
    }
    return failedRecords(conn, sql(() -> watch.look(conn), "look at the cluster"));
  }

  /**
   * Quartz's recovery (release what the dead had acquired, schedule recoverable runs again), then
   * their runs still marked RUNNING become ORPHANED, in the same transaction.
   */
  @Override
  protected void clusterRecover(Connection conn, List<SchedulerStateRecord> failed)
      throws JobPersistenceException {
    if (jobLocks != null) {
      List<String> nodes =
          failed.stream().map(SchedulerStateRecord::getSchedulerInstanceId).toList();
      lockJobs(conn, sql(() -> queries().jobsFiredBy(conn, nodes), "read the dead's firings"));
    }
    super.clusterRecover(conn, failed);
    Instant now = clock.instant();
    for (SchedulerStateRecord record : failed) {
      String node = record.getSchedulerInstanceId();
      boolean self = node.equals(getInstanceId());
      String note =
          self ? "its node restarted while it ran" : "its node " + node + " died while it ran";
      List<String> orphanedJobs =
          sql(
              () -> HistoryRepository.runningJobsOf(conn, node),
              "read the running runs of " + node);
      int orphaned =
          sql(
              () -> HistoryRepository.markOrphaned(conn, node, now, note),
              "mark the runs of " + node + " orphaned");
      String reason = self ? "it restarted" : watch == null ? "no check-in" : watch.reason(node);
      if (self) {
        if (orphaned > 0) {
          log.warn("{} runs of this node's previous life were left running: ORPHANED", orphaned);
        }
      } else {
        log.warn(
            "node {} counts as dead ({}); its recoverable runs will run again here, {} runs"
                + " ORPHANED",
            node,
            reason,
            orphaned);
      }
      if (!self || !orphanedJobs.isEmpty()) {
        recoveries.recovered(node, self, reason, orphanedJobs);
      }
    }
  }

  private List<SchedulerStateRecord> failedRecords(Connection conn, ClusterWatch.Outcome outcome)
      throws JobPersistenceException {
    List<SchedulerStateRecord> failed = new ArrayList<>();
    for (String node : outcome.dead()) {
      failed.add(stateRecord(node));
    }
    if (firstCheckIn) {
      // The first check-in also recovers this node's previous life, and any node that left
      // fired triggers without a check-in record.
      failed.add(stateRecord(getInstanceId()));
      for (String node : sql(() -> queries().firedTriggerInstances(conn), "read fired triggers")) {
        if (!outcome.peers().containsKey(node) && !node.equals(getInstanceId())) {
          failed.add(stateRecord(node));
        }
      }
    }
    return failed;
  }

  private SchedulerStateRecord stateRecord(String node) {
    SchedulerStateRecord record = new SchedulerStateRecord();
    record.setSchedulerInstanceId(node);
    record.setCheckinInterval(getClusterCheckinInterval());
    return record;
  }

  /** Stores a new recurring trigger, first firing at its first fire after now. */
  void storeNewTrigger(Connection conn, OperableTrigger trigger, JobDetail job)
      throws JobPersistenceException {
    OperableTrigger fresh = (OperableTrigger) trigger.clone();
    fresh.setStartTime(Date.from(clock.instant()));
    if (fresh.computeFirstFireTime(null) == null) {
      throw new JobPersistenceException(
          "The schedule of job " + fresh.getJobKey().getName() + " will never fire");
    }
    storeTrigger(conn, fresh, job, false, STATE_WAITING, false, false);
  }

  // ---- Plumbing -------------------------------------------------------------------------------

  /** How long stopping waits for queued completions to commit. */
  static final Duration COMPLETION_FLUSH_TIMEOUT = Duration.ofSeconds(10);

  /**
   * On the fast path, row-locks these jobs for a change to their triggers: see {@link JobLocks}.
   */
  private void lockJobs(Connection conn, java.util.Collection<JobKey> jobs)
      throws JobPersistenceException {
    if (jobLocks != null) {
      sql(() -> jobLocks.lockForChange(conn, jobs), "lock jobs " + jobs);
    }
  }

  private void lockAllJobs(Connection conn) throws JobPersistenceException {
    if (jobLocks != null) {
      sql(() -> jobLocks.lockAllForChange(conn), "lock the jobs");
    }
  }

  private List<JobKey> jobsOf(Connection conn, java.util.stream.Stream<String> names)
      throws JobPersistenceException {
    List<JobKey> keys = new ArrayList<>();
    for (String name : names.distinct().toList()) {
      sql(() -> queries().findJob(conn, name), "find job " + name).ifPresent(keys::add);
    }
    return keys;
  }

  /**
   * Every transaction of the store commits here; what it recorded as not run, and the nodes it
   * recovered, are then told.
   */
  @Override
  protected void commitConnection(Connection conn) throws JobPersistenceException {
    try {
      super.commitConnection(conn);
    } catch (JobPersistenceException | RuntimeException e) {
      notRuns.rolledBack();
      recoveries.rolledBack();
      throw e;
    }
    notRuns.committed();
    recoveries.committed();
  }

  @Override
  protected void rollbackConnection(Connection conn) {
    notRuns.rolledBack();
    recoveries.rolledBack();
    super.rollbackConnection(conn);
  }

  /** A new fire instance id, as Quartz makes them. */
  String nextFireInstanceId() {
    return getFiredTriggerRecordId();
  }

  org.quartz.Calendar calendar(Connection conn, String name) throws JobPersistenceException {
    return retrieveCalendar(conn, name);
  }

  /** Wakes the scheduler thread once the current transaction commits. */
  void schedulingChanged() {
    signalSchedulingChangeOnTxCompletion(0L);
  }

  /** One transaction holding Quartz's trigger lock, as Quartz's own changes do. */
  protected <T> T inTriggerLock(TransactionCallback<T> work) throws JobPersistenceException {
    return executeInNonManagedTXLock(LOCK_TRIGGER_ACCESS, work, null);
  }

  /** Protected Quartz steps, for the per-user schedules that share this store's transactions. */
  UserScheduleStore userSchedules() {
    return new UserScheduleStore(this);
  }

  void putJob(Connection conn, JobDetail job, boolean replace) throws JobPersistenceException {
    storeJob(conn, job, replace);
  }

  void deleteJob(Connection conn, JobKey key) throws JobPersistenceException {
    removeJob(conn, key);
  }

  java.util.Set<JobKey> jobKeys(Connection conn) throws JobPersistenceException {
    return getJobNames(conn, GroupMatcher.anyJobGroup());
  }

  OperableTrigger retrieve(Connection conn, TriggerKey key) throws JobPersistenceException {
    return retrieveTrigger(conn, key);
  }

  JobDetail retrieve(Connection conn, JobKey key) throws JobPersistenceException {
    return retrieveJob(conn, key);
  }

  ClassLoadHelper classLoadHelper() {
    return getClassLoadHelper();
  }

  boolean remove(Connection conn, TriggerKey key) throws JobPersistenceException {
    return removeTrigger(conn, key);
  }

  boolean exists(Connection conn, TriggerKey key) throws JobPersistenceException {
    return triggerExists(conn, key);
  }

  List<OperableTrigger> triggersOf(Connection conn, JobKey job) throws JobPersistenceException {
    return getTriggersForJob(conn, job);
  }

  private MissedOneShots missedOneShots() {
    if (missedOneShots == null) {
      missedOneShots = new MissedOneShots(getTablePrefix(), getInstanceName());
    }
    return missedOneShots;
  }

  StoreQueries queries() {
    if (queries == null) {
      queries = new StoreQueries(getTablePrefix(), getInstanceName());
    }
    return queries;
  }

  private ClusterUptime uptime() {
    if (uptime == null) {
      uptime =
          new ClusterUptime(
              getTablePrefix(), clock.millis(), 2 * getClusterCheckinInterval() + 2_000);
    }
    return uptime;
  }

  private String stateOf(Connection conn, TriggerKey key) throws JobPersistenceException {
    DriverDelegate delegate = getDelegate();
    return sql(() -> delegate.selectTriggerState(conn, key), "read the state of " + key);
  }

  static boolean isManual(OperableTrigger trigger) {
    return "true".equals(trigger.getJobDataMap().getString(JobDataKeys.MANUAL));
  }

  /** A read-only transaction without Quartz's lock. */
  <T> T read(Jdbc.Work<T> work, String what) throws JobPersistenceException {
    return executeWithoutLock(conn -> sql(() -> work.run(conn), what));
  }

  /**
   * A look that nearly always finds nothing to do, made every few seconds by every node: on
   * PostgreSQL it runs on the node's own session, like the check-ins, so that an idle node's looks
   * cost one query each and no pooled connection (see {@link ClusterWatch#onOwnSession}).
   */
  private <T> T peek(Jdbc.Work<T> work, String what) throws JobPersistenceException {
    if (watch == null) {
      return read(work, what);
    }
    return sql(() -> watch.onOwnSession(work), what);
  }
}
