package dev.scheduler.daemon.cli;

import dev.scheduler.catalog.schedule.FireTimes;
import dev.scheduler.catalog.schedule.Schedule;
import dev.scheduler.daemon.ops.OperatorSession;
import dev.scheduler.daemon.ops.UserScheduleOperations;
import dev.scheduler.daemon.users.UserSchedule;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
    name = "set",
    description = {
      "Set a user's schedule for a job, replacing any earlier one.",
      "The job must allow concurrent runs; each run gets the user's id as job data userId."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  scheduler users set 42 --job user-digest --daily 08:00 --tz Europe/Berlin",
      "  scheduler users set ana@example.com --job weekly-summary --weekly MON@09:00 --tz"
          + " America/New_York"
    })
final class UsersSetCommand extends CommandBase implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "USER", description = "The user's id.")
  String user;

  @Option(names = "--job", paramLabel = "JOB", required = true, description = "The job.")
  String job;

  @Mixin ScheduleOptions schedule;

  @Override
  public Integer call() {
    Schedule parsed = schedule.toSchedule(spec.commandLine());
    UserSchedule userSchedule;
    try {
      userSchedule = new UserSchedule(user, job, parsed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "USER: " + e.getMessage());
    }
    try (OperatorSession session = openSession()) {
      new UserScheduleOperations(session).set(List.of(userSchedule));
      out()
          .println(
              "user "
                  + user
                  + ": "
                  + job
                  + " "
                  + parsed.describe()
                  + FireTimes.next(parsed, context().clock().instant())
                      .map(
                          next ->
                              "; next fire "
                                  + next
                                  + " ("
                                  + LocalTimes.human(next, parsed.zone())
                                  + ")")
                      .orElse(""));
      out().flush();
      return ExitCode.OK.code();
    }
  }
}
