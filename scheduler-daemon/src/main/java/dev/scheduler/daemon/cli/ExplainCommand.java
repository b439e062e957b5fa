package dev.scheduler.daemon.cli;

import dev.scheduler.catalog.schedule.Fire;
import dev.scheduler.catalog.schedule.FireTimes;
import dev.scheduler.catalog.schedule.Schedule;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "explain",
    description = {
      "Show a schedule's next fires in UTC and local time, with a note on each fire a DST change"
          + " moved.",
      "Computed by the same code as the trigger. Needs no configuration or database."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  scheduler explain --tz America/New_York --daily 02:30 --from 2026-03-07T00:00:00Z",
      "  scheduler explain --tz Europe/Berlin --cron \"0 0/20 * * * ?\" --count 20 --json",
      "  scheduler explain --tz Asia/Tokyo --weekly MON,THU@09:00"
    })
final class ExplainCommand extends CommandBase implements Callable<Integer> {

  static final int DEFAULT_COUNT = 10;
  static final int MAX_COUNT = 1000;

  @Mixin ScheduleOptions schedule;

  @Option(
      names = "--from",
      paramLabel = "INSTANT",
      description = "Fires after this instant, e.g. 2026-03-07T00:00:00Z (default: now).")
  String from;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "How many fires (default: " + DEFAULT_COUNT + ", at most " + MAX_COUNT + ").")
  int count = DEFAULT_COUNT;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    Schedule parsed = schedule.toSchedule(spec.commandLine());
    if (count < 1 || count > MAX_COUNT) {
      throw new ParameterException(
          spec.commandLine(), "--count " + count + " is out of range; use 1 to " + MAX_COUNT);
    }
    Instant start = from == null ? context().clock().instant() : parseFrom();
    List<Fire> fires = FireTimes.fires(parsed, start, count);
    if (json) {
      Json.print(
          out(),
          new Explanation(
              parsed.zone().getId(),
              parsed.spec(),
              fires.stream()
                  .map(
                      fire ->
                          new ExplainedFire(
                              fire.at(),
                              LocalTimes.iso(fire.at(), parsed.zone()),
                              fire.note().orElse(null)))
                  .toList()));
      return ExitCode.OK.code();
    }
    out()
        .println(
            parsed.describe() + (parsed.fixedTime() ? " (fixed time)" : " (wall-clock interval)"));
    Table table = new Table("AT (UTC)", "LOCAL", "NOTE");
    for (Fire fire : fires) {
      table.row(fire.at(), LocalTimes.human(fire.at(), parsed.zone()), fire.note().orElse(""));
    }
    table.print(out());
    if (fires.size() < count) {
      out().println("(the schedule fires no more after that)");
      out().flush();
    }
    return ExitCode.OK.code();
  }

  private Instant parseFrom() {
    try {
      return Instant.parse(from);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), "--from '" + from + "' is not an instant like 2026-03-07T00:00:00Z");
    }
  }

  /** The JSON document: the zone, the schedule, and its fires. */
  record Explanation(String zone, String schedule, List<ExplainedFire> fires) {}

  /** A fire: its instant, its local time with offset, and what DST did to it, if anything. */
  record ExplainedFire(Instant at, String local, String note) {}
}
