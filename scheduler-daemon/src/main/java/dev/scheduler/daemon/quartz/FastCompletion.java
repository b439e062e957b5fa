package dev.scheduler.daemon.quartz;

import dev.scheduler.catalog.quartz.LocalTimeTrigger;
import dev.scheduler.daemon.history.HistoryRepository;
import dev.scheduler.daemon.history.HistoryRepository.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerKey;
import org.quartz.impl.triggers.SimpleTriggerImpl;
import org.quartz.spi.OperableTrigger;

/**
 * Completes a batch of finished runs in one transaction on PostgreSQL, without Quartz's
 * cluster-wide lock: each run's outcome goes into the history, its fired-trigger record is deleted,
 * finished one-shot triggers are deleted, retries are stored, and the triggers a {@code forbid} run
 * blocked are released (fires that came due meanwhile follow the job's catch-up policy).
 *
 * <p>Why this keeps Quartz's guarantees: completing a run changes only that run's own rows, its
 * finished one-shot trigger and, for a {@code forbid} job, the job's blocked triggers. The last is
 * done under the job's row lock ({@link JobLocks}), which firing takes too, so a fire never checks
 * "is a run executing" between the release and the record's deletion. Every step is conditional on
 * the state it changes, so a batch retried after a lost commit changes nothing twice.
 *
 * <p>The rare completions Quartz handles specially (a job asking to unschedule its triggers, job
 * data kept after execution) are not batched: they take Quartz's own path, under its lock.
 */
final class FastCompletion {

  private static final String DELETE_FIRED =
      "delete from {0}fired_triggers where sched_name = ? and entry_id = any(?::varchar[])";

  /**
   * Deletes finished one-shots: those whose stored next fire is none, as Quartz checks. Each is
   * looked up by primary key ({@code limit 1} keeps the planner from turning the lookups into a
   * scan of the whole table when its statistics lag behind a burst just stored).
   */
  private static final String DELETE_FINISHED =
      "with finished as (select t.sched_name, t.trigger_name, t.trigger_group"
          + " from unnest(?::varchar[], ?::varchar[]) as v(name, grp)"
          + " cross join lateral (select sched_name, trigger_name, trigger_group, next_fire_time"
          + " from {0}triggers where sched_name = ? and trigger_name = v.name"
          + " and trigger_group = v.grp limit 1) t where coalesce(t.next_fire_time, 0) <= 0),"
          + " simple as (delete from {0}simple_triggers x using finished f"
          + " where x.sched_name = f.sched_name and x.trigger_name = f.trigger_name"
          + " and x.trigger_group = f.trigger_group),"
          + " simprop as (delete from {0}simprop_triggers x using finished f"
          + " where x.sched_name = f.sched_name and x.trigger_name = f.trigger_name"
          + " and x.trigger_group = f.trigger_group)"
          + " delete from {0}triggers t using finished f where t.sched_name = f.sched_name"
          + " and t.trigger_name = f.trigger_name and t.trigger_group = f.trigger_group";

  private static final String RELEASE_BLOCKED =
      "update {0}triggers set trigger_state = case trigger_state when 'BLOCKED' then 'WAITING'"
          + " else 'PAUSED' end where sched_name = ? and (job_name, job_group) in"
          + " (select * from unnest(?::varchar[], ?::varchar[]))"
          + " and trigger_state in ('BLOCKED', 'PAUSED_BLOCKED')"
          + " returning trigger_name, trigger_group, job_name, job_group, trigger_type,"
          + " next_fire_time, trigger_state";

  /** One finished run, as Quartz hands it to the job store, with what the listeners added. */
  record Completion(
      OperableTrigger trigger,
      JobDetail job,
      CompletedExecutionInstruction instruction,
      CompletionExtras.Extra extra) {

    String fireInstanceId() {
      return trigger.getFireInstanceId();
    }

    /** Whether the batch can complete it; the others take Quartz's path. */
    boolean batchable() {
      if (job.isPersistJobDataAfterExecution()) {
        return false;
      }
      return instruction == CompletedExecutionInstruction.NOOP
          || (instruction == CompletedExecutionInstruction.DELETE_TRIGGER
              && trigger.getNextFireTime() == null
              && job.isDurable()
              && (trigger instanceof SimpleTriggerImpl || trigger instanceof LocalTimeTrigger));
    }

    @Override
    public String toString() {
      return "completion of run "
          + fireInstanceId()
          + " of job "
          + job.getKey()
          + " (trigger "
          + trigger.getKey()
          + ", "
          + instruction
          + "); its firing stays open and is recovered as a crashed run's would be";
    }
  }

  private final SchedulerJobStore store;
  private final JobLocks locks;
  private final String tablePrefix;
  private final String schedulerName;

  FastCompletion(SchedulerJobStore store, JobLocks locks) {
    this.store = store;
    this.locks = locks;
    this.tablePrefix = store.getTablePrefix();
    this.schedulerName = store.getInstanceName();
  }

  /** Completes these batchable runs in the caller's transaction. */
  void complete(Connection conn, List<Completion> batch, Instant now)
      throws SQLException, JobPersistenceException {
    Set<JobKey> exclusive = new HashSet<>();
    Set<JobKey> shared = new HashSet<>();
    Map<JobKey, JobDetail> forbid = new HashMap<>();
    List<Outcome> outcomes = new ArrayList<>();
    List<String> closed = new ArrayList<>();
    List<TriggerKey> finished = new ArrayList<>();
    List<Completion> retries = new ArrayList<>();
    for (Completion completion : batch) {
      CompletionExtras.Extra extra = completion.extra();
      if (extra.outcome() != null) {
        outcomes.add(new Outcome(completion.fireInstanceId(), extra.outcome()));
      }
      if (extra.leaveForRecovery()) {
        continue;
      }
      closed.add(completion.fireInstanceId());
      JobKey job = completion.job().getKey();
      boolean deletes = completion.instruction() == CompletedExecutionInstruction.DELETE_TRIGGER;
      if (completion.job().isConcurrentExecutionDisallowed()) {
        exclusive.add(job);
        forbid.put(job, completion.job());
      } else if (deletes || extra.retry() != null) {
        shared.add(job);
      }
      if (deletes) {
        finished.add(completion.trigger().getKey());
      }
      if (extra.retry() != null) {
        retries.add(completion);
      }
    }
    locks.lock(conn, exclusive, shared);
    HistoryRepository.recordFinished(conn, outcomes);
    deleteFired(conn, closed);
    deleteFinished(conn, finished);
    for (Completion completion : retries) {
      store.storeRetry(conn, completion.extra().retry(), completion.job());
    }
    releaseBlocked(conn, forbid, now);
  }

  private void deleteFired(Connection conn, List<String> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement delete = conn.prepareStatement(sql(DELETE_FIRED))) {
      delete.setString(1, schedulerName);
      delete.setArray(2, conn.createArrayOf("varchar", entries.toArray()));
      delete.executeUpdate();
    }
  }

  private void deleteFinished(Connection conn, List<TriggerKey> triggers) throws SQLException {
    if (triggers.isEmpty()) {
      return;
    }
    try (PreparedStatement delete = conn.prepareStatement(sql(DELETE_FINISHED))) {
      delete.setArray(
          1, conn.createArrayOf("varchar", triggers.stream().map(TriggerKey::getName).toArray()));
      delete.setArray(
          2, conn.createArrayOf("varchar", triggers.stream().map(TriggerKey::getGroup).toArray()));
      delete.setString(3, schedulerName);
      delete.executeUpdate();
    }
  }

  /**
   * Releases what the {@code forbid} runs blocked, as Quartz does on completion; the released
   * local-time triggers already overdue follow their job's catch-up policy.
   */
  private void releaseBlocked(Connection conn, Map<JobKey, JobDetail> forbid, Instant now)
      throws SQLException, JobPersistenceException {
    if (forbid.isEmpty()) {
      return;
    }
    Map<JobKey, List<TriggerKey>> overdue = new HashMap<>();
    try (PreparedStatement update = conn.prepareStatement(sql(RELEASE_BLOCKED))) {
      update.setString(1, schedulerName);
      update.setArray(
          2,
          conn.createArrayOf("varchar", forbid.keySet().stream().map(JobKey::getName).toArray()));
      update.setArray(
          3,
          conn.createArrayOf("varchar", forbid.keySet().stream().map(JobKey::getGroup).toArray()));
      try (ResultSet rows = update.executeQuery()) {
        while (rows.next()) {
          if (LocalTimeTriggerPersistence.TYPE.equals(rows.getString("trigger_type"))
              && "WAITING".equals(rows.getString("trigger_state"))
              && rows.getLong("next_fire_time") > 0
              && rows.getLong("next_fire_time") < now.toEpochMilli()) {
            overdue
                .computeIfAbsent(
                    new JobKey(rows.getString("job_name"), rows.getString("job_group")),
                    key -> new ArrayList<>())
                .add(
                    new TriggerKey(
                        rows.getString("trigger_name"), rows.getString("trigger_group")));
          }
        }
      }
    }
    for (Map.Entry<JobKey, List<TriggerKey>> entry : overdue.entrySet()) {
      List<OperableTrigger> released = new ArrayList<>();
      for (TriggerKey key : entry.getValue()) {
        released.add(store.retrieve(conn, key));
      }
      store.catchUpAfterBlock(conn, forbid.get(entry.getKey()), released, now);
    }
    store.schedulingChanged();
  }

  private String sql(String template) {
    return template.replace("{0}", tablePrefix);
  }
}
