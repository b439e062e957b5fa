package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.ops.OperatorSession;
import dev.scheduler.daemon.ops.UserScheduleOperations;
import dev.scheduler.daemon.users.UserSchedule;
import dev.scheduler.daemon.users.UserScheduleCsv;
import dev.scheduler.daemon.users.UserScheduleCsv.InvalidCsvException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "import",
    description = {
      "Set many users' schedules from a CSV file, all or none.",
      "Header: user,job,schedule,timezone; e.g. 42,user-digest,daily 08:00,Europe/Berlin.",
      "Every line is checked first; any problem is reported with its line number and nothing is"
          + " stored."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  scheduler users import onboarding.csv"})
final class UsersImportCommand extends CommandBase implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file.")
  Path file;

  @Override
  public Integer call() {
    List<UserSchedule> schedules;
    try {
      schedules = UserScheduleCsv.read(file);
    } catch (InvalidCsvException e) {
      for (String problem : e.problems()) {
        context().err().println("error: " + problem);
      }
      throw new OperationFailedException(
          "nothing was imported: " + e.problems().size() + " problems in " + file);
    } catch (NoSuchFileException e) {
      throw new OperationFailedException("no such file: " + file);
    } catch (IOException e) {
      throw new OperationFailedException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try (OperatorSession session = openSession()) {
      new UserScheduleOperations(session).set(schedules);
      out().println("imported " + schedules.size() + " user schedules from " + file);
      out().flush();
      return ExitCode.OK.code();
    } catch (OperationFailedException e) {
      throw new OperationFailedException("nothing was imported: " + e.getMessage(), e);
    }
  }
}
