package dev.scheduler.daemon.cli;

import dev.scheduler.catalog.text.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Instants on the command line: an ISO-8601 instant, or a duration before or after now. */
final class TimeArguments {

  private TimeArguments() {}

  /** {@code --since 24h} or {@code --since 2026-03-08T00:00:00Z}. */
  static Instant ago(CommandLine command, String option, String text, Clock clock) {
    return parse(command, option, text, clock, Instant::minus);
  }

  /** {@code --until 2h} or {@code --until 2026-03-08T06:00:00Z}. */
  static Instant ahead(CommandLine command, String option, String text, Clock clock) {
    return parse(command, option, text, clock, Instant::plus);
  }

  private static Instant parse(
      CommandLine command,
      String option,
      String text,
      Clock clock,
      BiFunction<Instant, Duration, Instant> fromNow) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return fromNow.apply(clock.instant(), Durations.parse(text));
      } catch (IllegalArgumentException notADuration) {
        throw new ParameterException(
            command,
            option
                + " '"
                + text
                + "' is neither an instant like 2026-03-08T00:00:00Z nor a duration like 24h");
      }
    }
  }
}
