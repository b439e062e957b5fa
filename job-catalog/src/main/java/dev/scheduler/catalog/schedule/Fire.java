package dev.scheduler.catalog.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.Locale;
import java.util.Optional;

/**
 * One fire of a schedule: its instant, the local date-time the schedule named, and how DST moved
 * it, if at all.
 *
 * @param at the instant it fires
 * @param intended the local date-time the schedule names for it
 * @param adjustment what DST did to it
 * @param zone the schedule's zone
 */
public record Fire(Instant at, LocalDateTime intended, Adjustment adjustment, ZoneId zone) {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter ZONED_CLOCK =
      DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ROOT);

  /** What a DST change did to a fire. */
  public enum Adjustment {
    /** Nothing: the local time exists once. */
    NONE,
    /** A fixed time in a spring-forward gap: fires when the gap ends. */
    GAP_MOVED,
    /** A fixed time in a fall-back overlap: fires at the first occurrence only. */
    OVERLAP_FIRST_ONLY,
    /** An interval time in an overlap: the first of its two fires. */
    OVERLAP_FIRST,
    /** An interval time in an overlap: the second of its two fires. */
    OVERLAP_SECOND,
    /** An interval schedule's first fire after a gap whose local times did not exist. */
    AFTER_GAP
  }

  /** The fire's local time in its zone. */
  public ZonedDateTime local() {
    return at.atZone(zone);
  }

  /** A sentence on what DST did, e.g. "02:30 does not exist on 2026-03-08 (DST gap)...". */
  public Optional<String> note() {
    String time = CLOCK.format(intended);
    // For AFTER_GAP the note names the gap, found from the zone's rules.
    String date = intended.toLocalDate().toString();
    return switch (adjustment) {
      case NONE -> Optional.empty();
      case GAP_MOVED ->
          Optional.of(
              time
                  + " does not exist on "
                  + date
                  + " (DST gap); fires at "
                  + ZONED_CLOCK.format(local()));
      case OVERLAP_FIRST_ONLY ->
          Optional.of(
              time
                  + " occurs twice on "
                  + date
                  + " (DST overlap); fires at the first, "
                  + ZONED_CLOCK.format(local())
                  + ", only");
      case OVERLAP_FIRST ->
          Optional.of(
              time
                  + " occurs twice on "
                  + date
                  + " (DST overlap); fires at both: this is the first, "
                  + ZONED_CLOCK.format(local()));
      case OVERLAP_SECOND ->
          Optional.of(
              time
                  + " occurs twice on "
                  + date
                  + " (DST overlap); fires at both: this is the second, "
                  + ZONED_CLOCK.format(local()));
      case AFTER_GAP -> {
        ZoneOffsetTransition gap = zone.getRules().previousTransition(at.plusNanos(1));
        yield Optional.of(
            CLOCK.format(gap.getDateTimeBefore())
                + " to "
                + CLOCK.format(gap.getDateTimeAfter())
                + " does not exist on "
                + gap.getDateTimeBefore().toLocalDate()
                + " (DST gap); no fires in it, the next is at "
                + ZONED_CLOCK.format(local()));
      }
    };
  }
}
