package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.ops.OperatorSession;
import dev.scheduler.daemon.ops.UserScheduleOperations;
import dev.scheduler.daemon.quartz.SchedulerJobStore.ScheduledUser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    description = "Per-user schedules with their next fire in UTC and in the user's zone.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  scheduler users list --user 42",
      "  scheduler users list --job user-digest --json"
    })
final class UsersListCommand extends CommandBase implements Callable<Integer> {

  @Option(names = "--user", paramLabel = "USER", description = "Only this user.")
  String user;

  @Option(names = "--job", paramLabel = "JOB", description = "Only this job.")
  String job;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    try (OperatorSession session = openSession()) {
      List<ScheduledUser> schedules =
          new UserScheduleOperations(session)
              .list(Optional.ofNullable(user), Optional.ofNullable(job));
      if (json) {
        Json.print(
            out(),
            schedules.stream()
                .map(
                    scheduled ->
                        new UserScheduleView(
                            scheduled.schedule().userId(),
                            scheduled.schedule().job(),
                            scheduled.schedule().schedule().spec(),
                            scheduled.schedule().schedule().zone().getId(),
                            scheduled.nextFire(),
                            LocalTimes.iso(
                                scheduled.nextFire(), scheduled.schedule().schedule().zone())))
                .toList());
        return ExitCode.OK.code();
      }
      if (schedules.isEmpty()) {
        out().println("no user schedules match");
        out().flush();
        return ExitCode.OK.code();
      }
      Table table =
          new Table("USER", "JOB", "SCHEDULE", "ZONE", "NEXT FIRE (UTC)", "NEXT FIRE (LOCAL)");
      for (ScheduledUser scheduled : schedules) {
        table.row(
            scheduled.schedule().userId(),
            scheduled.schedule().job(),
            scheduled.schedule().schedule().spec(),
            scheduled.schedule().schedule().zone().getId(),
            scheduled.nextFire() == null
                ? "(not scheduled: job missing or disabled)"
                : scheduled.nextFire(),
            LocalTimes.human(scheduled.nextFire(), scheduled.schedule().schedule().zone()));
      }
      table.print(out());
      return ExitCode.OK.code();
    }
  }

  /** One per-user schedule in {@code --json} output. */
  record UserScheduleView(
      String user,
      String job,
      String schedule,
      String timezone,
      Instant nextFire,
      String nextFireLocal) {}
}
