package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.ops.OperatorSession;
import dev.scheduler.daemon.ops.UserScheduleOperations;
import dev.scheduler.daemon.users.UserSchedule;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "remove",
    description = "Remove a user's schedules: one job's with --job, else all of them.",
    footerHeading = "%nExamples:%n",
    footer = {"  scheduler users remove 42 --job user-digest", "  scheduler users remove 42"})
final class UsersRemoveCommand extends CommandBase implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "USER", description = "The user's id.")
  String user;

  @Option(names = "--job", paramLabel = "JOB", description = "Only this job's schedule.")
  String job;

  @Override
  public Integer call() {
    try (OperatorSession session = openSession()) {
      List<UserSchedule> removed =
          new UserScheduleOperations(session).remove(user, Optional.ofNullable(job));
      out()
          .println(
              "removed "
                  + removed.size()
                  + " schedule"
                  + (removed.size() == 1 ? "" : "s")
                  + " of user "
                  + user
                  + ": "
                  + String.join(", ", removed.stream().map(UserSchedule::job).toList()));
      out().flush();
      return ExitCode.OK.code();
    }
  }
}
