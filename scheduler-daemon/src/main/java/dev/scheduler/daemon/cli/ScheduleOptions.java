package dev.scheduler.daemon.cli;

import dev.scheduler.catalog.schedule.Schedule;
import dev.scheduler.catalog.schedule.Schedules;
import dev.scheduler.catalog.schedule.Zones;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** A schedule on the command line: one of --cron, --daily, --weekdays, --weekly, and --tz. */
final class ScheduleOptions {

  @Option(names = "--cron", paramLabel = "EXPR", description = "A Quartz cron expression.")
  String cron;

  @Option(
      names = "--daily",
      paramLabel = "HH:MM",
      description = "Every day at a local time (several: 08:00,18:30).")
  String daily;

  @Option(names = "--weekdays", paramLabel = "HH:MM", description = "Monday to Friday.")
  String weekdays;

  @Option(
      names = "--weekly",
      paramLabel = "DAY@HH:MM",
      description = "Some days of the week, e.g. MON@09:00 or MON,THU@09:00.")
  String weekly;

  @Option(
      names = "--tz",
      paramLabel = "ZONE",
      required = true,
      description = "The IANA time zone, e.g. Europe/Berlin.")
  String zone;

  Schedule toSchedule(CommandLine commandLine) {
    List<String[]> given = new ArrayList<>();
    if (cron != null) {
      given.add(new String[] {"cron", cron});
    }
    if (daily != null) {
      given.add(new String[] {"daily", daily});
    }
    if (weekdays != null) {
      given.add(new String[] {"weekdays", weekdays});
    }
    if (weekly != null) {
      given.add(new String[] {"weekly", weekly});
    }
    if (given.size() != 1) {
      throw new ParameterException(
          commandLine, "give exactly one of --cron, --daily, --weekdays or --weekly");
    }
    ZoneId parsedZone;
    try {
      parsedZone = Zones.parse(zone);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine, "--tz: " + e.getMessage());
    }
    try {
      return Schedules.parse(given.get(0)[0], given.get(0)[1], parsedZone);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine, "--" + given.get(0)[0] + ": " + e.getMessage());
    }
  }
}
