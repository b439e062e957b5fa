package dev.scheduler.catalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobRun;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SleepJobTypeTest {

  private static final JobRun RUN =
      new JobRun(
          "sleeper",
          "sleeper@2026-01-01T00:00:00Z",
          Instant.EPOCH,
          1,
          false,
          Map.of(),
          Clock.systemUTC());

  @Test
  void stopsWithInterruptedExceptionWhenInterrupted() throws Exception {
    SleepJobType type = new SleepJobType();
    JobAction action = type.create(type.params().bind(Map.of("duration", "1h")));
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread runner =
        new Thread(
            () -> {
              started.countDown();
              try {
                action.run(RUN);
                outcome.complete(null);
              } catch (Throwable e) {
                outcome.complete(e);
              }
            });
    runner.start();
    started.await();
    runner.interrupt();

    assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
  }

  @Test
  void reportsHowLongItSlept() throws Exception {
    SleepJobType type = new SleepJobType();
    JobAction action = type.create(type.params().bind(Map.of("duration", "10ms")));

    assertThat(action.run(RUN).summary()).isEqualTo("slept 10ms");
  }
}
