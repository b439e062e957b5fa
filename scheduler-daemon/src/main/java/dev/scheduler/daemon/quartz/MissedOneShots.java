package dev.scheduler.daemon.quartz;

import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Moves every one-shot simple trigger whose fire came due while no node ran to "now", in one
 * statement.
 *
 * <p>For such a trigger (repeat count 0, misfire instruction smart policy or fire now) Quartz's
 * misfire handling does exactly this: {@code SimpleTriggerImpl.updateAfterMisfire} sets the next
 * fire time to the current time, and the trigger then fires once. Quartz does it one trigger at a
 * time, at most {@code maxMisfiresToHandleAtATime} (20) per pass of its misfire thread, under the
 * cluster-wide {@code TRIGGER_ACCESS} lock: after an outage with 20,000 queued one-shots (manual
 * triggers, retries, per-user fires) the cluster would spend minutes on misfire passes instead of
 * running them. Doing the same update set-based keeps Quartz's outcome (each fire runs once, as
 * soon as possible) and lets the fast path drain them at full speed. Other triggers keep the
 * per-trigger path: their catch-up depends on the job's policy.
 */
final class MissedOneShots {

  // Quartz's simple trigger misfire instructions: 0 smart policy, 1 fire now.
  private static final String RUN_NOW =
      "update {0}triggers t set next_fire_time = ? from {0}simple_triggers s"
          + " where t.sched_name = ? and t.trigger_state = 'WAITING' and t.trigger_type = 'SIMPLE'"
          + " and t.next_fire_time < ? and t.misfire_instr in (0, 1)"
          + " and s.sched_name = t.sched_name and s.trigger_name = t.trigger_name"
          + " and s.trigger_group = t.trigger_group and s.repeat_count = 0";

  private final String sql;
  private final String schedulerName;

  MissedOneShots(String tablePrefix, String schedulerName) {
    this.sql = RUN_NOW.replace("{0}", tablePrefix);
    this.schedulerName = schedulerName;
  }

  /**
   * @param misfiredBefore fires due before this instant (epoch millis) count as missed
   * @param now the new fire time
   * @return how many triggers now fire at {@code now}
   */
  int runNow(Connection conn, long misfiredBefore, long now) throws SQLException {
    return Jdbc.update(
        conn,
        sql,
        update -> {
          update.setLong(1, now);
          update.setString(2, schedulerName);
          update.setLong(3, misfiredBefore);
        });
  }
}
