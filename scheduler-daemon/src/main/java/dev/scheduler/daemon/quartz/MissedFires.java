package dev.scheduler.daemon.quartz;

import dev.scheduler.catalog.schedule.CatchUp;
import dev.scheduler.catalog.schedule.CatchUp.CatchUpPlan;
import dev.scheduler.catalog.text.Durations;
import dev.scheduler.daemon.history.ExecutionStatus;
import dev.scheduler.daemon.history.HistoryRepository.NotRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.quartz.spi.OperableTrigger;

/**
 * What the job store writes for fires that could not run when they came due: a history row for each
 * that will not run, and a one-shot trigger for each that the catch-up policy runs late.
 */
final class MissedFires {

  /** Why fires could not run when they came due. */
  enum Cause {
    /** The whole cluster was down, or cut off from the database. */
    DOWNTIME(ExecutionStatus.MISSED, "no node was running when it came due"),
    /** A run of the same job was still going (concurrency: forbid). */
    BLOCKED(ExecutionStatus.SKIPPED, "the previous run was still going"),
    /** An operator had paused the job; resuming never replays. */
    PAUSED(ExecutionStatus.SKIPPED, "the job was paused");

    private final ExecutionStatus status;
    private final String sentence;

    Cause(ExecutionStatus status, String sentence) {
      this.status = status;
      this.sentence = sentence;
    }
  }

  private MissedFires() {}

  /** The history rows for the plan's fires that will not run. */
  static List<NotRun> notRun(
      OperableTrigger trigger, CatchUp catchUp, CatchUpPlan plan, Cause cause, String node) {
    List<NotRun> rows = new ArrayList<>();
    for (CatchUp.NotRun fire : plan.notRun()) {
      rows.add(row(trigger, fire.fire(), cause, node, note(cause, fire.reason(), catchUp)));
    }
    plan.unlistedFrom()
        .ifPresent(
            first ->
                rows.add(
                    row(
                        trigger,
                        first,
                        cause,
                        node,
                        cause.sentence
                            + "; this and every later fire up to the catch-up did not run either"
                            + " (not listed one by one)")));
    return rows;
  }

  private static NotRun row(
      OperableTrigger trigger, Instant fire, Cause cause, String node, String note) {
    return new NotRun(
        trigger.getJobKey().getName(),
        trigger.getJobKey().getGroup(),
        trigger.getKey().getName(),
        trigger.getKey().getGroup(),
        node,
        fire,
        cause.status,
        note);
  }

  private static String note(Cause cause, CatchUp.Reason reason, CatchUp catchUp) {
    if (cause == Cause.PAUSED) {
      return cause.sentence + "; resuming does not replay missed fires";
    }
    return cause.sentence
        + "; "
        + switch (reason) {
          case POLICY_SKIP -> "the catch-up policy is skip";
          case SUPERSEDED -> "catch-up once ran the latest missed fire instead";
          case OUTSIDE_WINDOW ->
              "older than the catch-up window (" + Durations.format(catchUp.window()) + ")";
          case OVER_LIMIT -> "beyond the catch-up limit (" + catchUp.limit() + " runs)";
        };
  }
}
