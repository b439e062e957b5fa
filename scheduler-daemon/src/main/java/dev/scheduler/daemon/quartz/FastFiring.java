package dev.scheduler.daemon.quartz;

import dev.scheduler.catalog.quartz.FireFacts;
import dev.scheduler.catalog.quartz.LocalTimeScheduleBuilder;
import dev.scheduler.catalog.schedule.Schedules;
import dev.scheduler.daemon.history.ExecutionStart;
import dev.scheduler.daemon.history.HistoryRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.Calendar;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.ScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.triggers.SimpleTriggerImpl;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;
import org.quartz.spi.TriggerFiredResult;

/**
 * How the job store acquires and fires triggers on PostgreSQL: a whole batch per transaction, one
 * statement to acquire it, one to read and lock its jobs and one to fire it, without Quartz's
 * cluster-wide {@code TRIGGER_ACCESS} lock.
 *
 * <p>Why this keeps Quartz's guarantees:
 *
 * <ul>
 *   <li>No fire is taken twice: acquisition claims rows with {@code FOR UPDATE SKIP LOCKED} and
 *       moves them from WAITING to ACQUIRED in the same statement, so a row another node is
 *       claiming is skipped, not read twice.
 *   <li>No fire is lost or run after a change: firing moves each trigger on only if it is still
 *       ACQUIRED (a compare-and-set in one statement) and this node's firing record of it is still
 *       there. Whatever Quartz's locked operations did to it meanwhile (pause, reschedule, delete,
 *       misfire handling) they did by changing that row, so the compare fails and the trigger is
 *       released, exactly as Quartz's own check of the state under its lock would decide.
 *   <li>{@code forbid} holds across nodes: firing a trigger of a non-concurrent job first locks the
 *       job's row, in a fixed order, and fires it only if no firing of that job is EXECUTING;
 *       otherwise the trigger goes BLOCKED. Two nodes firing the same job are thus serialised by
 *       the job's row instead of by the cluster-wide lock, and completion releases the blocked
 *       triggers under the same row lock.
 *   <li>Recovery is untouched: every fire still has its fired-trigger record, ACQUIRED then
 *       EXECUTING, which cluster recovery reads as it always did.
 * </ul>
 */
final class FastFiring {

  static final Set<String> BULK_TYPES = Set.of("SIMPLE", LocalTimeTriggerPersistence.TYPE);

  /** The claim's transaction settings, see {@link #acquire}. */
  private static final String CLAIM_SETTINGS =
      "select set_config('synchronous_commit', 'off', true),"
          + " set_config('plan_cache_mode', 'force_generic_plan', true)";

  /**
   * Claims due triggers and records their firings (ACQUIRED) in one statement: the claim and the
   * {@code fired_triggers} rows (the n-th trigger in fire-time order takes the n-th of the reserved
   * fire instance ids). The first due time is a scalar subquery, not a join, so that the index scan
   * stops at the window's end: as a join condition it was checked row by row, and a claim that
   * found nothing due read every WAITING trigger (25,000 index entries, 20 ms, on every idle
   * acquisition beside 25,000 stored triggers). Job rows are joined on the claimed trigger's job
   * key, which its row lock holds still: joined on the scheduler's name alone, PostgreSQL looked
   * each claimed trigger up again once per stored job.
   */
  private static final String ACQUIRE =
      "with first_due as (select min(next_fire_time) as at from {0}triggers"
          + " where sched_name = ? and trigger_state = 'WAITING' and next_fire_time <= ?"
          + " and (misfire_instr = -1 or next_fire_time >= ?)),"
          + " pick as (select t.sched_name, t.trigger_name, t.trigger_group, t.job_name,"
          + " t.job_group from {0}triggers t where t.sched_name = ? and t.trigger_state = 'WAITING'"
          + " and t.next_fire_time <= greatest((select at from first_due), ?) + ?"
          + " and (t.misfire_instr = -1 or t.next_fire_time >= ?)"
          + " order by t.next_fire_time, t.priority desc limit ? for update of t skip locked),"
          + " claimed as (update {0}triggers t set trigger_state = 'ACQUIRED'"
          + " from pick join {0}job_details j on j.sched_name = pick.sched_name"
          + " and j.job_name = pick.job_name and j.job_group = pick.job_group"
          + " left join {0}simple_triggers s on s.sched_name = pick.sched_name"
          + " and s.trigger_name = pick.trigger_name and s.trigger_group = pick.trigger_group"
          + " left join {0}simprop_triggers p on p.sched_name = pick.sched_name"
          + " and p.trigger_name = pick.trigger_name and p.trigger_group = pick.trigger_group"
          + " where t.sched_name = pick.sched_name and t.trigger_name = pick.trigger_name"
          + " and t.trigger_group = pick.trigger_group"
          + " returning t.trigger_name, t.trigger_group, t.job_name, t.job_group, t.description,"
          + " t.next_fire_time, t.prev_fire_time, t.priority, t.trigger_type, t.start_time,"
          + " t.end_time, t.calendar_name, t.misfire_instr, t.job_data, j.is_nonconcurrent,"
          + " j.requests_recovery, s.repeat_count, s.repeat_interval, s.times_triggered,"
          + " p.str_prop_1, p.str_prop_2),"
          + " numbered as (select c.*, (?::varchar[])[row_number() over (order by"
          + " c.next_fire_time, c.priority desc, c.trigger_group, c.trigger_name)] as entry_id"
          + " from claimed c),"
          + " fired as (insert into {0}fired_triggers (sched_name, entry_id, trigger_name,"
          + " trigger_group, instance_name, fired_time, sched_time, priority, state, job_name,"
          + " job_group, is_nonconcurrent, requests_recovery)"
          + " select ?, n.entry_id, n.trigger_name, n.trigger_group, ?, ?, n.next_fire_time,"
          + " n.priority, 'ACQUIRED', n.job_name, n.job_group, n.is_nonconcurrent,"
          + " n.requests_recovery from numbered n)"
          + " select n.* from numbered n";

  /**
   * Fires a batch in one statement: moves each trigger on if it is still ACQUIRED (compare-and-set)
   * and inserts the RUNNING history rows of those that moved, so that a run has its history row
   * exactly when its trigger moved on.
   */
  private static final String FIRE =
      "with moved as (update {0}triggers t set trigger_state = v.state, next_fire_time = v.next,"
          + " prev_fire_time = v.prev from unnest(?::varchar[], ?::varchar[], ?::varchar[],"
          + " ?::bigint[], ?::bigint[], ?::varchar[]) as v(name, grp, state, next, prev, entry)"
          + " where t.sched_name = ? and t.trigger_name = v.name and t.trigger_group = v.grp"
          + " and t.trigger_state = 'ACQUIRED' returning t.trigger_name, t.trigger_group, v.entry),"
          + " started as ("
          + HistoryRepository.insertStarted("v.id in (select entry from moved)")
          + ") select trigger_name, trigger_group, entry from moved";

  /**
   * Marks the moved triggers' firings EXECUTING, only while this node's records are ACQUIRED:
   * cluster recovery deletes the records of a node it counts as dead before a peer can acquire the
   * trigger again, so a missing record means the trigger may be a peer's by now. A statement of its
   * own: as a further part of {@link #FIRE}, matched against the moved triggers, it was planned as
   * a scan of all the scheduler's records (dead ones of the burst included), and a batch's firing
   * took 3.6 ms instead of 1.8 ms for both statements. Sent with {@link #FIRE} in one round trip (a
   * multi-statement execution, this update first, for every firing of the batch), drains were 7% (1
   * node) and 17% (2 nodes) slower.
   */
  private static final String EXECUTING =
      "update {0}fired_triggers set state = 'EXECUTING', fired_time = ? where sched_name = ?"
          + " and entry_id = any(?::varchar[]) and state = 'ACQUIRED' returning entry_id";

  private static final String EXECUTING_JOBS =
      "select distinct job_name, job_group from {0}fired_triggers where sched_name = ?"
          + " and state = 'EXECUTING' and (job_name, job_group) in"
          + " (select * from unnest(?::varchar[], ?::varchar[]))";

  private static final String BLOCK_OTHERS =
      "update {0}triggers set trigger_state = case trigger_state when 'PAUSED' then"
          + " 'PAUSED_BLOCKED' else 'BLOCKED' end where sched_name = ? and job_name = ?"
          + " and job_group = ? and trigger_state in ('WAITING', 'ACQUIRED', 'PAUSED')"
          + " and not (trigger_name = ? and trigger_group = ?)";

  private static final String CAS_STATE =
      "update {0}triggers set trigger_state = ? where sched_name = ? and trigger_name = ?"
          + " and trigger_group = ? and trigger_state = ?";

  private static final String DELETE_FIRED =
      "delete from {0}fired_triggers where sched_name = ? and entry_id = any(?::varchar[])";

  private static final String RELEASE =
      "update {0}triggers t set trigger_state = 'WAITING' where t.sched_name = ?"
          + " and t.trigger_name = ? and t.trigger_group = ? and t.trigger_state = 'ACQUIRED'"
          + " and exists (select 1 from {0}fired_triggers f where f.sched_name = t.sched_name"
          + " and f.entry_id = ? and f.state = 'ACQUIRED')";

  private static final String DELETE_ACQUIRED =
      "delete from {0}fired_triggers where sched_name = ? and entry_id = any(?::varchar[])"
          + " and state = 'ACQUIRED'";

  private final SchedulerJobStore store;
  private final JobLocks locks;
  private final String tablePrefix;
  private final String schedulerName;

  /** Each job's lock mode as last read, see {@link #readAndLock}: is it {@code forbid}? */
  private final Map<JobKey, Boolean> forbids = new ConcurrentHashMap<>();

  FastFiring(SchedulerJobStore store, JobLocks locks) {
    this.store = store;
    this.locks = locks;
    this.tablePrefix = store.getTablePrefix();
    this.schedulerName = store.getInstanceName();
  }

  /**
   * Claims up to {@code maxCount} due triggers: those due by the first of them (or by now, if they
   * are late), plus {@code timeWindow}, in fire-time order.
   */
  List<OperableTrigger> acquire(
      Connection conn, long noLaterThan, int maxCount, long timeWindow, long misfireTime, long now)
      throws SQLException, JobPersistenceException {
    // The claim's transaction, in one statement before the claim, chooses:
    // - not to wait for its WAL flush: the firing that follows commits synchronously, and
    //   PostgreSQL flushes WAL in order, so it makes the acquisition durable too. A crash of the
    //   database before that loses the acquisition alone: the triggers are WAITING again, nothing
    //   ran, and this node's firing then finds them not ACQUIRED and skips them. That saves one of
    //   the two commit waits per batch on the scheduler thread.
    // - the generic plan: left to choose, PostgreSQL planned the claim anew at every execution (its
    //   estimate of the generic plan never won), about 1.1 ms, a third of the claim's database
    //   time. The generic plan is the same index scan in fire-time order, kept per connection.
    try (Statement settings = conn.createStatement()) {
      settings.execute(CLAIM_SETTINGS);
    }
    // Fire instance ids are reserved for a full batch: ids left unused are never reused, so each
    // firing still has an id of its own, as Quartz's are.
    String[] entries = new String[maxCount];
    for (int i = 0; i < maxCount; i++) {
      entries[i] = store.nextFireInstanceId();
    }
    List<OperableTrigger> acquired = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    try (PreparedStatement claim = conn.prepareStatement(sql(ACQUIRE))) {
      claim.setString(1, schedulerName);
      claim.setLong(2, noLaterThan + timeWindow);
      claim.setLong(3, misfireTime);
      claim.setString(4, schedulerName);
      claim.setLong(5, now);
      claim.setLong(6, timeWindow);
      claim.setLong(7, misfireTime);
      claim.setInt(8, maxCount);
      claim.setArray(9, array(conn, "varchar", entries));
      claim.setString(10, schedulerName);
      claim.setString(11, store.getInstanceId());
      claim.setLong(12, now);
      try (ResultSet rows = claim.executeQuery()) {
        while (rows.next()) {
          OperableTrigger trigger = trigger(conn, rows);
          if (trigger == null) {
            unreadable.add(rows.getString("entry_id"));
            continue;
          }
          trigger.setFireInstanceId(rows.getString("entry_id"));
          acquired.add(trigger);
        }
      }
    }
    // A trigger that could not be loaded keeps no firing record, as before the records were
    // written by the claim itself.
    update(conn, DELETE_FIRED, unreadable);
    acquired.sort(
        (a, b) -> {
          int time = a.getNextFireTime().compareTo(b.getNextFireTime());
          return time != 0 ? time : Integer.compare(b.getPriority(), a.getPriority());
        });
    return acquired;
  }

  /**
   * Fires acquired triggers: moves each on (if still ACQUIRED), marks its firing EXECUTING, and
   * records its start in the history, all in the caller's transaction. A trigger that cannot fire
   * gets a result without a bundle, as Quartz's own would, and is then released.
   */
  List<TriggerFiredResult> fire(Connection conn, List<OperableTrigger> triggers, Instant now)
      throws SQLException, JobPersistenceException {
    Map<JobKey, JobDetail> jobs = readAndLock(conn, triggers);
    Set<JobKey> exclusive = new HashSet<>();
    for (JobDetail job : jobs.values()) {
      if (job.isConcurrentExecutionDisallowed()) {
        exclusive.add(job.getKey());
      }
    }
    Set<JobKey> running = executing(conn, exclusive);

    Map<String, OperableTrigger> toFire = new LinkedHashMap<>();
    Map<String, Date> previous = new HashMap<>();
    Map<String, Calendar> calendars = new HashMap<>();
    // Triggers that go BLOCKED lose their firing record with the state they leave; the others that
    // do not fire keep it until Quartz releases them (see release), which also deletes it.
    List<String> blocked = new ArrayList<>();
    for (OperableTrigger trigger : triggers) {
      JobDetail job = jobs.get(trigger.getJobKey());
      if (job == null) {
        continue;
      }
      if (exclusive.contains(job.getKey()) && !running.add(job.getKey())) {
        // A run of this job is going (here or on another node): the trigger waits, BLOCKED.
        cas(conn, trigger.getKey(), "ACQUIRED", "BLOCKED");
        blocked.add(trigger.getFireInstanceId());
        continue;
      }
      Calendar calendar = null;
      if (trigger.getCalendarName() != null) {
        calendar = store.calendar(conn, trigger.getCalendarName());
        if (calendar == null) {
          continue;
        }
        calendars.put(trigger.getFireInstanceId(), calendar);
      }
      previous.put(trigger.getFireInstanceId(), trigger.getPreviousFireTime());
      trigger.triggered(calendar);
      toFire.put(trigger.getFireInstanceId(), trigger);
    }

    List<ExecutionStart> starts = new ArrayList<>();
    for (OperableTrigger fired : toFire.values()) {
      starts.add(start(jobs.get(fired.getJobKey()), fired, now));
    }
    Set<TriggerKey> movedOn = moveOn(conn, toFire.values(), jobs, starts, blocked, now);
    List<TriggerFiredResult> results = new ArrayList<>();
    for (OperableTrigger trigger : triggers) {
      OperableTrigger fired = toFire.get(trigger.getFireInstanceId());
      if (fired == null || !movedOn.contains(fired.getKey())) {
        results.add(new TriggerFiredResult((TriggerFiredBundle) null));
        continue;
      }
      JobDetail job = jobs.get(fired.getJobKey());
      if (exclusive.contains(job.getKey())) {
        blockOthers(conn, fired);
      }
      results.add(
          new TriggerFiredResult(
              new TriggerFiredBundle(
                  job,
                  fired,
                  calendars.get(fired.getFireInstanceId()),
                  isRecovering(fired),
                  Date.from(now),
                  fired.getPreviousFireTime(),
                  previous.get(fired.getFireInstanceId()),
                  fired.getNextFireTime())));
    }
    return results;
  }

  /**
   * Reads the batch's jobs and locks their rows ({@link JobLocks}) with the same statements: one
   * round trip for the usual batch, whose jobs all share one lock mode. A job's mode (is it {@code
   * forbid}?) must be known before its row is read and locked: it is the one this node saw when it
   * last read the job; a job it has not read yet is read once more before. A job that became {@code
   * forbid} since was locked too weakly: the batch fails, and is released and fired at the next
   * acquisition, by then with the job's new mode.
   */
  private Map<JobKey, JobDetail> readAndLock(Connection conn, List<OperableTrigger> triggers)
      throws SQLException, JobPersistenceException {
    Set<JobKey> keys = new HashSet<>();
    for (OperableTrigger trigger : triggers) {
      keys.add(trigger.getJobKey());
    }
    Set<JobKey> exclusive = new HashSet<>();
    Set<JobKey> shared = new HashSet<>();
    for (JobKey key : keys) {
      if (!forbids.containsKey(key)) {
        JobDetail job = store.retrieve(conn, key);
        if (job == null) {
          continue;
        }
        forbids.put(key, job.isConcurrentExecutionDisallowed());
      }
      (forbids.get(key) ? exclusive : shared).add(key);
    }
    Map<JobKey, JobDetail> jobs = new HashMap<>();
    for (JobDetail job : locks.lockAndRead(conn, exclusive, shared, this::job)) {
      jobs.put(job.getKey(), job);
      forbids.put(job.getKey(), job.isConcurrentExecutionDisallowed());
      if (job.isConcurrentExecutionDisallowed() && shared.contains(job.getKey())) {
        throw new JobPersistenceException(
            "job "
                + job.getKey()
                + " became forbid-concurrency while its triggers were firing; the batch is"
                + " released and fires at the next acquisition");
      }
    }
    return jobs;
  }

  /** A job from a row of {@link JobLocks#lockAndRead}, as Quartz's own read builds it. */
  private JobDetail job(ResultSet row) throws SQLException {
    JobKey key = new JobKey(row.getString("job_name"), row.getString("job_group"));
    Class<? extends Job> type;
    try {
      type = store.classLoadHelper().loadClass(row.getString("job_class_name"), Job.class);
    } catch (ClassNotFoundException e) {
      throw new SQLException(
          "job " + key + " names a class that cannot be loaded: " + e.getMessage(), e);
    }
    JobBuilder job =
        JobBuilder.newJob(type)
            .withIdentity(key)
            .withDescription(row.getString("description"))
            .storeDurably(row.getBoolean("is_durable"))
            .requestRecovery(row.getBoolean("requests_recovery"));
    JobDataMap data = jobData(row.getBytes("job_data"));
    if (data != null) {
      job.usingJobData(data);
    }
    return job.build();
  }

  private static boolean isRecovering(OperableTrigger fired) {
    return fired.getKey().getGroup().equals(Scheduler.DEFAULT_RECOVERY_GROUP);
  }

  /** The history's record of a run about to start, written only if its trigger moves on. */
  private ExecutionStart start(JobDetail job, OperableTrigger fired, Instant now) {
    FireFacts facts =
        FireFacts.of(
            job,
            fired,
            fired.getFireInstanceId(),
            fired.getPreviousFireTime(),
            isRecovering(fired));
    return ExecutionStart.of(facts, store.getInstanceId(), now);
  }

  private static final String NEXT_DUE =
      "select least((select min(next_fire_time) from {0}triggers where sched_name = ?"
          + " and trigger_state = 'WAITING' and next_fire_time >= ?),"
          + " (select min(next_fire_time) from {0}triggers where sched_name = ?"
          + " and trigger_state = 'ACQUIRED'))";

  /**
   * When the next trigger anywhere comes due, acquired by a peer or not (epoch millis), or null if
   * none is; fires already missed do not count.
   */
  Long nextDue(Connection conn, long misfireTime) throws SQLException {
    try (PreparedStatement select = conn.prepareStatement(sql(NEXT_DUE))) {
      select.setString(1, schedulerName);
      select.setLong(2, misfireTime);
      select.setString(3, schedulerName);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        long next = rows.getLong(1);
        return rows.wasNull() ? null : next;
      }
    }
  }

  /**
   * Whether a firing whose commit failed was committed after all: its runs' records are EXECUTING.
   * Quartz asks this before it gives the triggers back, so that a commit whose acknowledgement was
   * lost neither loses those runs nor fires them again.
   */
  boolean committed(Connection conn, List<TriggerFiredResult> results) throws SQLException {
    List<String> fired = new ArrayList<>();
    for (TriggerFiredResult result : results) {
      if (result.getTriggerFiredBundle() != null) {
        fired.add(result.getTriggerFiredBundle().getTrigger().getFireInstanceId());
      }
    }
    if (fired.isEmpty()) {
      return false;
    }
    try (PreparedStatement select =
        conn.prepareStatement(
            sql(
                "select count(*) from {0}fired_triggers where sched_name = ?"
                    + " and entry_id = any(?::varchar[]) and state = 'EXECUTING'"))) {
      select.setString(1, schedulerName);
      select.setArray(2, array(conn, "varchar", fired.toArray()));
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() && rows.getLong(1) > 0;
      }
    }
  }

  /**
   * Gives an acquired trigger back: ACQUIRED to WAITING only, never a BLOCKED one, and only while
   * this node's firing record of it is there (not a peer's acquisition after recovery).
   */
  void release(Connection conn, OperableTrigger trigger) throws SQLException {
    try (PreparedStatement update = conn.prepareStatement(sql(RELEASE))) {
      update.setString(1, schedulerName);
      update.setString(2, trigger.getKey().getName());
      update.setString(3, trigger.getKey().getGroup());
      update.setString(4, trigger.getFireInstanceId());
      update.executeUpdate();
    }
    update(conn, DELETE_ACQUIRED, List.of(trigger.getFireInstanceId()));
  }

  /** Which of these jobs have a run EXECUTING, on any node; their rows are locked by now. */
  private Set<JobKey> executing(Connection conn, Set<JobKey> exclusive) throws SQLException {
    Set<JobKey> running = new HashSet<>();
    if (exclusive.isEmpty()) {
      return running;
    }
    try (PreparedStatement select = conn.prepareStatement(sql(EXECUTING_JOBS))) {
      select.setString(1, schedulerName);
      select.setArray(2, array(conn, "varchar", exclusive.stream().map(JobKey::getName).toArray()));
      select.setArray(
          3, array(conn, "varchar", exclusive.stream().map(JobKey::getGroup).toArray()));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          running.add(new JobKey(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return running;
  }

  /**
   * Runs {@link #FIRE}: the triggers that move on start (EXECUTING, RUNNING history row); the
   * firings of the {@code blocked} triggers, and of those no longer ACQUIRED by this node, are
   * closed.
   */
  private Set<TriggerKey> moveOn(
      Connection conn,
      java.util.Collection<OperableTrigger> triggers,
      Map<JobKey, JobDetail> jobs,
      List<ExecutionStart> starts,
      List<String> blocked,
      Instant now)
      throws SQLException, JobPersistenceException {
    Set<TriggerKey> moved = new HashSet<>();
    int size = triggers.size();
    String[] names = new String[size];
    String[] groups = new String[size];
    String[] states = new String[size];
    Long[] next = new Long[size];
    Long[] prev = new Long[size];
    String[] entries = new String[size];
    List<String> closing = new ArrayList<>(blocked);
    int i = 0;
    for (OperableTrigger trigger : triggers) {
      names[i] = trigger.getKey().getName();
      groups[i] = trigger.getKey().getGroup();
      boolean exclusive = jobs.get(trigger.getJobKey()).isConcurrentExecutionDisallowed();
      states[i] =
          trigger.getNextFireTime() == null ? "COMPLETE" : exclusive ? "BLOCKED" : "WAITING";
      next[i] = trigger.getNextFireTime() == null ? null : trigger.getNextFireTime().getTime();
      prev[i] =
          trigger.getPreviousFireTime() == null ? -1L : trigger.getPreviousFireTime().getTime();
      entries[i] = trigger.getFireInstanceId();
      closing.add(entries[i]);
      i++;
    }
    List<String> started = new ArrayList<>();
    try (PreparedStatement fire = conn.prepareStatement(sql(FIRE))) {
      fire.setArray(1, array(conn, "varchar", names));
      fire.setArray(2, array(conn, "varchar", groups));
      fire.setArray(3, array(conn, "varchar", states));
      fire.setArray(4, array(conn, "int8", next));
      fire.setArray(5, array(conn, "int8", prev));
      fire.setArray(6, array(conn, "varchar", entries));
      fire.setString(7, schedulerName);
      HistoryRepository.bindStarted(fire, 8, store.getInstanceId(), starts);
      try (ResultSet rows = fire.executeQuery()) {
        while (rows.next()) {
          moved.add(new TriggerKey(rows.getString(1), rows.getString(2)));
          started.add(rows.getString(3));
        }
      }
    }
    markExecuting(conn, started, now);
    closing.removeAll(new HashSet<>(started));
    update(conn, DELETE_FIRED, closing);
    for (OperableTrigger trigger : triggers) {
      // A repeating simple trigger also counts its fires; none of the scheduler's own are.
      if (trigger instanceof SimpleTriggerImpl simple
          && simple.getRepeatCount() != 0
          && moved.contains(trigger.getKey())) {
        try (PreparedStatement count =
            conn.prepareStatement(
                sql(
                    "update {0}simple_triggers set times_triggered = ? where sched_name = ?"
                        + " and trigger_name = ? and trigger_group = ?"))) {
          count.setInt(1, simple.getTimesTriggered());
          count.setString(2, schedulerName);
          count.setString(3, trigger.getKey().getName());
          count.setString(4, trigger.getKey().getGroup());
          count.executeUpdate();
        }
      }
    }
    return moved;
  }

  /**
   * Marks these firings EXECUTING. If any of this node's records is gone, peers recovered its
   * acquisitions (they counted it as dead): nothing of the batch fires, the transaction rolls back
   * and Quartz releases what is still this node's.
   */
  private void markExecuting(Connection conn, List<String> entries, Instant now)
      throws SQLException, JobPersistenceException {
    if (entries.isEmpty()) {
      return;
    }
    int marked = 0;
    try (PreparedStatement update = conn.prepareStatement(sql(EXECUTING))) {
      update.setLong(1, now.toEpochMilli());
      update.setString(2, schedulerName);
      update.setArray(3, array(conn, "varchar", entries.toArray(String[]::new)));
      try (ResultSet rows = update.executeQuery()) {
        while (rows.next()) {
          marked++;
        }
      }
    }
    if (marked != entries.size()) {
      throw new JobPersistenceException(
          (entries.size() - marked)
              + " of this node's acquisitions were recovered by peers before they fired; the batch"
              + " is released and fires elsewhere or at the next acquisition");
    }
  }

  private void blockOthers(Connection conn, OperableTrigger fired) throws SQLException {
    try (PreparedStatement update = conn.prepareStatement(sql(BLOCK_OTHERS))) {
      update.setString(1, schedulerName);
      update.setString(2, fired.getJobKey().getName());
      update.setString(3, fired.getJobKey().getGroup());
      update.setString(4, fired.getKey().getName());
      update.setString(5, fired.getKey().getGroup());
      update.executeUpdate();
    }
  }

  private void cas(Connection conn, TriggerKey key, String from, String to) throws SQLException {
    try (PreparedStatement update = conn.prepareStatement(sql(CAS_STATE))) {
      update.setString(1, to);
      update.setString(2, schedulerName);
      update.setString(3, key.getName());
      update.setString(4, key.getGroup());
      update.setString(5, from);
      update.executeUpdate();
    }
  }

  private void update(Connection conn, String template, List<String> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement update = conn.prepareStatement(sql(template))) {
      update.setString(1, schedulerName);
      update.setArray(2, array(conn, "varchar", entries.toArray(String[]::new)));
      update.executeUpdate();
    }
  }

  /**
   * A trigger from a claimed row; other trigger types than ours and simple ones load as Quartz
   * does.
   */
  private OperableTrigger trigger(Connection conn, ResultSet row)
      throws SQLException, JobPersistenceException {
    TriggerKey key = new TriggerKey(row.getString("trigger_name"), row.getString("trigger_group"));
    String type = row.getString("trigger_type");
    if (!BULK_TYPES.contains(type) || row.getString("calendar_name") != null) {
      return store.retrieve(conn, key);
    }
    ScheduleBuilder<?> schedule;
    if (type.equals("SIMPLE")) {
      schedule =
          SimpleScheduleBuilder.simpleSchedule()
              .withRepeatCount(row.getInt("repeat_count"))
              .withIntervalInMilliseconds(row.getLong("repeat_interval"));
    } else {
      schedule =
          new LocalTimeScheduleBuilder(
              Schedules.fromSpec(
                  row.getString("str_prop_1"), ZoneId.of(row.getString("str_prop_2"))));
    }
    long end = row.getLong("end_time");
    TriggerBuilder<?> builder =
        TriggerBuilder.newTrigger()
            .withIdentity(key)
            .forJob(new JobKey(row.getString("job_name"), row.getString("job_group")))
            .withDescription(row.getString("description"))
            .withPriority(row.getInt("priority"))
            .startAt(new Date(row.getLong("start_time")))
            .endAt(end > 0 ? new Date(end) : null)
            .withSchedule(schedule);
    JobDataMap data = jobData(row.getBytes("job_data"));
    if (data != null) {
      builder.usingJobData(data);
    }
    OperableTrigger trigger = (OperableTrigger) builder.build();
    trigger.setMisfireInstruction(row.getInt("misfire_instr"));
    long next = row.getLong("next_fire_time");
    long prev = row.getLong("prev_fire_time");
    trigger.setNextFireTime(next > 0 ? new Date(next) : null);
    trigger.setPreviousFireTime(prev > 0 ? new Date(prev) : null);
    if (trigger instanceof SimpleTriggerImpl simple) {
      simple.setTimesTriggered(row.getInt("times_triggered"));
    }
    return trigger;
  }

  /** Job data kept as properties, as the store is configured to. */
  private static JobDataMap jobData(byte[] blob) {
    if (blob == null) {
      return null;
    }
    Properties properties = new Properties();
    try {
      properties.load(new ByteArrayInputStream(blob));
    } catch (IOException e) {
      throw new IllegalStateException("unreadable job data: " + e.getMessage(), e);
    }
    JobDataMap data = new JobDataMap();
    properties.forEach((name, value) -> data.put(String.valueOf(name), String.valueOf(value)));
    return data;
  }

  private static Array array(Connection conn, String type, Object[] values) throws SQLException {
    return conn.createArrayOf(type, values);
  }

  private String sql(String template) {
    return template.replace("{0}", tablePrefix);
  }
}
