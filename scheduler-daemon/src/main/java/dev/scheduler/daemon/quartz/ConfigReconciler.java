package dev.scheduler.daemon.quartz;

import static dev.scheduler.daemon.quartz.StoreSql.sql;

import dev.scheduler.daemon.quartz.ReconcilePlan.AddJob;
import dev.scheduler.daemon.quartz.ReconcilePlan.ChangeSchedule;
import dev.scheduler.daemon.quartz.ReconcilePlan.RemoveJob;
import dev.scheduler.daemon.quartz.ReconcilePlan.StoredJob;
import dev.scheduler.daemon.quartz.ReconcilePlan.UpdateJob;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.TriggerKey;

/** Applies a {@link ReconcilePlan} inside the job store's transaction. */
final class ConfigReconciler {

  private final SchedulerJobStore store;

  ConfigReconciler(SchedulerJobStore store) {
    this.store = store;
  }

  ReconcilePlan reconcile(Connection conn, List<DeclaredJob> declared)
      throws JobPersistenceException {
    ReconcilePlan plan = ReconcilePlan.between(declared, storedDeclaredJobs(conn));
    for (ReconcilePlan.Change change : plan.changes()) {
      apply(conn, change);
    }
    return plan;
  }

  private List<StoredJob> storedDeclaredJobs(Connection conn) throws JobPersistenceException {
    List<StoredJob> stored = new ArrayList<>();
    for (JobKey key : store.jobKeys(conn)) {
      JobDetail detail = store.retrieve(conn, key);
      if (detail != null && ReconcilePlan.isDeclared(detail)) {
        TriggerKey scheduleKey = DeclaredJob.scheduleKey(key.getName());
        stored.add(new StoredJob(detail, Optional.ofNullable(store.retrieve(conn, scheduleKey))));
      }
    }
    return stored;
  }

  private void apply(Connection conn, ReconcilePlan.Change change) throws JobPersistenceException {
    if (change instanceof AddJob add) {
      JobDetail detail = add.declared().detail();
      store.putJob(conn, detail, false);
      if (add.declared().schedule().isPresent()) {
        store.storeNewTrigger(conn, add.declared().schedule().get(), detail);
      }
      store.userSchedules().sync(conn, detail);
    } else if (change instanceof UpdateJob update) {
      store.putJob(conn, update.detail(), true);
      store.userSchedules().sync(conn, update.detail());
    } else if (change instanceof ChangeSchedule schedule) {
      TriggerKey key = DeclaredJob.scheduleKey(schedule.job().getName());
      if (store.exists(conn, key)) {
        store.remove(conn, key);
      }
      if (schedule.schedule().isPresent()) {
        store.storeNewTrigger(conn, schedule.schedule().get(), null);
      }
    } else if (change instanceof RemoveJob remove) {
      store.deleteJob(conn, remove.job());
      sql(() -> JobPauses.resume(conn, remove.job()), "remove the pause of " + remove.job());
    }
  }
}
