package dev.scheduler.daemon.ops;

import dev.scheduler.catalog.Concurrency;
import dev.scheduler.catalog.quartz.ExclusiveCatalogJob;
import dev.scheduler.catalog.quartz.JobDataKeys;
import dev.scheduler.catalog.quartz.ScheduleTriggers;
import dev.scheduler.catalog.schedule.Schedule;
import dev.scheduler.catalog.text.Suggestions;
import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.history.Execution;
import dev.scheduler.daemon.quartz.DeclaredJob;
import dev.scheduler.daemon.quartz.JobPauses.JobPause;
import dev.scheduler.daemon.quartz.QuartzSchedulers.QuartzHandle;
import dev.scheduler.daemon.quartz.TriggerGroups;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

/** What operators do to jobs: list, pause, resume, trigger. */
public final class JobOperations {

  static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);

  private final OperatorSession session;

  public JobOperations(OperatorSession session) {
    this.session = session;
  }

  /** Every job in the store, by name. */
  public List<JobView> list() {
    try {
      QuartzHandle quartz = session.quartz();
      Scheduler scheduler = quartz.scheduler();
      Map<String, JobPause> pauses = quartz.store().pausedJobs();
      Map<JobKey, Long> nextFires = quartz.store().nextFireTimes();
      Map<String, Execution> latest = session.history().latestPerJob();
      List<JobView> views = new ArrayList<>();
      for (JobKey key : scheduler.getJobKeys(GroupMatcher.anyJobGroup())) {
        JobDetail detail = scheduler.getJobDetail(key);
        if (detail == null) {
          continue;
        }
        Optional<Schedule> schedule =
            Optional.ofNullable(scheduler.getTrigger(DeclaredJob.scheduleKey(key.getName())))
                .flatMap(ScheduleTriggers::scheduleOf);
        Instant next =
            Optional.ofNullable(nextFires.get(key)).map(Instant::ofEpochMilli).orElse(null);
        ZoneId zone = schedule.map(Schedule::zone).orElse(ZoneOffset.UTC);
        JobPause pause = pauses.get(key.getName());
        Execution last = latest.get(key.getName());
        views.add(
            new JobView(
                key.getName(),
                key.getGroup(),
                detail.getJobDataMap().getString(JobDataKeys.TYPE),
                concurrency(detail).name().toLowerCase(Locale.ROOT),
                !"false".equals(detail.getJobDataMap().getString(JobDataKeys.ENABLED)),
                schedule.map(Schedule::describe).orElse(null),
                schedule.map(s -> s.zone().getId()).orElse(null),
                next,
                next == null ? null : LOCAL.format(next.atZone(zone)),
                pause != null,
                pause == null ? null : pause.pausedBy(),
                pause == null ? null : pause.pausedAt(),
                pause == null ? null : pause.reason().orElse(null),
                last == null ? null : last.status().name(),
                last == null
                    ? null
                    : last.finishedAt() != null ? last.finishedAt() : last.scheduledAt()));
      }
      views.sort(Comparator.comparing(JobView::name));
      return views;
    } catch (SchedulerException | SQLException e) {
      throw new OperationFailedException("could not list jobs: " + e.getMessage(), e);
    }
  }

  /**
   * Pauses the selected jobs: no new fires until resumed (by an operator, or by a node at {@code
   * until}); running executions finish.
   *
   * @return the names of the jobs paused
   */
  public List<String> pause(
      JobSelection selection, Optional<String> reason, Optional<Instant> until, String by) {
    if (until.isPresent() && !until.get().isAfter(now())) {
      throw new OperationFailedException(
          "--until " + until.get() + " is not in the future; give a later instant or a duration");
    }
    List<JobKey> jobs = resolve(selection);
    try {
      session
          .quartz()
          .store()
          .pauseJobs(
              jobs,
              new JobPause(now(), by, reason, until),
              session.auditing(
                  AuditLog.Action.PAUSE,
                  String.join(", ", names(jobs)),
                  reason,
                  until.map(at -> "until " + at)));
    } catch (SchedulerException e) {
      throw new OperationFailedException("could not pause " + selection.describe() + ": " + e, e);
    }
    return names(jobs);
  }

  /**
   * Resumes the selected jobs from now, without replaying the fires missed while paused.
   *
   * @return the names of the jobs resumed
   */
  public List<String> resume(JobSelection selection) {
    List<JobKey> jobs = resolve(selection);
    try {
      session
          .quartz()
          .store()
          .resumeJobs(
              jobs,
              session.auditing(
                  AuditLog.Action.RESUME,
                  String.join(", ", names(jobs)),
                  Optional.empty(),
                  Optional.empty()));
      session.wakeNodes(now());
    } catch (SchedulerException e) {
      throw new OperationFailedException("could not resume " + selection.describe() + ": " + e, e);
    }
    return names(jobs);
  }

  /**
   * Asks for one run of a job now, even if it is paused; a live node picks it up.
   *
   * @return the manual trigger's name, which names the run in the history
   */
  public TriggeredRun trigger(String job, Map<String, String> data, String by) {
    JobKey key = requireJob(job);
    try {
      Scheduler scheduler = session.quartz().scheduler();
      JobDetail detail = scheduler.getJobDetail(key);
      if ("false".equals(detail.getJobDataMap().getString(JobDataKeys.ENABLED))) {
        throw new OperationFailedException(
            "job " + job + " is disabled in the configuration (enabled: false); enable it first");
      }
      for (String name : data.keySet()) {
        if (name.startsWith(JobDataKeys.PREFIX)) {
          throw new OperationFailedException(
              "--data " + name + ": names starting with '" + JobDataKeys.PREFIX + "' are reserved");
        }
      }
      JobDataMap triggerData = new JobDataMap();
      triggerData.putAll(data);
      triggerData.put(JobDataKeys.MANUAL, "true");
      triggerData.put(JobDataKeys.REQUESTED_BY, by);
      Instant at = now();
      String name = "manual-" + UUID.randomUUID();
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(name, TriggerGroups.MANUAL)
              .forJob(key)
              .usingJobData(triggerData)
              .startAt(java.util.Date.from(at))
              // A manual run waits for a node rather than being dropped as a misfire.
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build();
      scheduler.scheduleJob(trigger);
      session.audit(
          AuditLog.Action.TRIGGER,
          job,
          Optional.empty(),
          Optional.of("trigger " + name + (data.isEmpty() ? "" : ", data " + data)));
      session.wakeNodes(at);
      return new TriggeredRun(job, name, at);
    } catch (SchedulerException e) {
      throw new OperationFailedException("could not trigger job " + job + ": " + e, e);
    }
  }

  /** A manual run that was asked for. */
  public record TriggeredRun(String job, String trigger, Instant requestedAt) {}

  private List<JobKey> resolve(JobSelection selection) {
    try {
      Scheduler scheduler = session.quartz().scheduler();
      if (selection.job().isPresent()) {
        return List.of(requireJob(selection.job().get()));
      }
      GroupMatcher<JobKey> matcher =
          selection.all()
              ? GroupMatcher.anyJobGroup()
              : GroupMatcher.jobGroupEquals(selection.group().orElseThrow());
      List<JobKey> jobs = new ArrayList<>(scheduler.getJobKeys(matcher));
      if (jobs.isEmpty()) {
        throw new OperationFailedException(
            selection.all()
                ? "there are no jobs; declare jobs in the configuration and start a node"
                : "no jobs in group "
                    + selection.group().get()
                    + Suggestions.didYouMean(selection.group().get(), scheduler.getJobGroupNames())
                    + "; `scheduler jobs list` shows the groups");
      }
      jobs.sort(Comparator.comparing(JobKey::getName));
      return jobs;
    } catch (SchedulerException e) {
      throw new OperationFailedException("could not read the jobs: " + e, e);
    }
  }

  private JobKey requireJob(String name) {
    try {
      Optional<JobKey> key = session.quartz().store().findJob(name);
      if (key.isPresent()) {
        return key.get();
      }
      List<String> known =
          session.quartz().scheduler().getJobKeys(GroupMatcher.anyJobGroup()).stream()
              .map(JobKey::getName)
              .toList();
      throw new OperationFailedException(
          "no job named "
              + name
              + Suggestions.didYouMean(name, known)
              + "; `scheduler jobs list` shows the jobs");
    } catch (SchedulerException e) {
      throw new OperationFailedException("could not find job " + name + ": " + e, e);
    }
  }

  private static Concurrency concurrency(JobDetail detail) {
    return detail.getJobClass() == ExclusiveCatalogJob.class
        ? Concurrency.FORBID
        : detail.isConcurrentExecutionDisallowed() ? Concurrency.FORBID : Concurrency.ALLOW;
  }

  private static List<String> names(List<JobKey> jobs) {
    return jobs.stream().map(JobKey::getName).toList();
  }

  private Instant now() {
    return session.clock().instant();
  }
}
