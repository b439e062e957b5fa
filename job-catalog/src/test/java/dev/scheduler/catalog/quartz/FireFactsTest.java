package dev.scheduler.catalog.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.JobExecutionContextImpl;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;

class FireFactsTest {

  private static final Instant SCHEDULED = Instant.parse("2026-03-08T07:00:00Z");

  @Test
  void aRunsFactsAreWorkedOutOnceAndSharedByEveryoneWhoAsks() {
    JobExecutionContext context = context(JobBuilder.newJob(NoOp.class).withIdentity("nightly"));

    FireFacts first = FireFacts.of(context);

    assertThat(FireFacts.of(context)).isSameAs(first);
    assertThat(first.runKey()).isEqualTo("nightly@2026-03-08T07:00:00Z");
    assertThat(first.scheduledAt()).isEqualTo(SCHEDULED);
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.manual()).isFalse();
  }

  @Test
  void aReplayedFireKeepsTheRunKeyOfTheFireItReplays() {
    JobExecutionContext context =
        context(
            JobBuilder.newJob(NoOp.class)
                .withIdentity("nightly")
                .usingJobData(JobDataKeys.SCHEDULED_AT, "1772348400000")
                .usingJobData(JobDataKeys.ATTEMPT, "3"));

    FireFacts facts = FireFacts.of(context);

    assertThat(facts.runKey()).isEqualTo("nightly@2026-03-01T07:00:00Z");
    assertThat(facts.attempt()).isEqualTo(3);
  }

  private static JobExecutionContext context(JobBuilder job) {
    JobDetail detail = job.build();
    OperableTrigger trigger =
        (OperableTrigger)
            TriggerBuilder.newTrigger()
                .withIdentity("t", "g")
                .forJob(detail)
                .startAt(Date.from(SCHEDULED))
                .build();
    TriggerFiredBundle bundle =
        new TriggerFiredBundle(
            detail, trigger, null, false, new Date(), Date.from(SCHEDULED), null, null);
    return new JobExecutionContextImpl((Scheduler) null, bundle, new NoOp());
  }

  /** A job that does nothing: the facts are read before any job runs. */
  public static final class NoOp implements org.quartz.Job {
    @Override
    public void execute(JobExecutionContext context) {}
  }
}
