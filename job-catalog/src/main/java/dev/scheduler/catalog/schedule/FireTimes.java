package dev.scheduler.catalog.schedule;

import dev.scheduler.catalog.schedule.Fire.Adjustment;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a schedule fires, by cron's long-standing DST rules. The one place fire times are computed:
 * the trigger, {@code explain} and catch-up all use it.
 *
 * <ul>
 *   <li>A fixed-time schedule fires once per local date-time it names. A time that does not exist
 *       (spring-forward gap) fires at the instant the gap ends; a time that occurs twice (fall-back
 *       overlap) fires at its first occurrence only.
 *   <li>A wall-clock-interval schedule fires at every real instant whose local time it names: times
 *       in a gap do not exist, times in an overlap fire at both occurrences.
 *   <li>Never two fires at one instant.
 * </ul>
 */
public final class FireTimes {

  /** A bound on the local date-times examined for one fire, against pathological rules. */
  static final int MAX_STEPS = 100_000;

  private FireTimes() {}

  /** The first fire strictly after {@code after}; empty when the schedule never fires again. */
  public static Optional<Instant> next(Schedule schedule, Instant after) {
    return nextFire(schedule, after).map(Fire::at);
  }

  /** The next {@code count} fires strictly after {@code after}, each with what DST did to it. */
  public static List<Fire> fires(Schedule schedule, Instant after, int count) {
    List<Fire> fires = new ArrayList<>();
    Instant cursor = after;
    while (fires.size() < count) {
      Optional<Fire> fire = nextFire(schedule, cursor);
      if (fire.isEmpty()) {
        break;
      }
      fires.add(fire.get());
      cursor = fire.get().at();
    }
    return fires;
  }

  /** Every fire in {@code (after, until]}, at most {@code limit} of them, oldest first. */
  public static List<Instant> between(Schedule schedule, Instant after, Instant until, int limit) {
    List<Instant> fires = new ArrayList<>();
    Instant cursor = after;
    while (fires.size() < limit) {
      Optional<Instant> fire = next(schedule, cursor);
      if (fire.isEmpty() || fire.get().isAfter(until)) {
        break;
      }
      fires.add(fire.get());
      cursor = fire.get();
    }
    return fires;
  }

  /** The first fire strictly after {@code after}, with its DST adjustment. */
  public static Optional<Fire> nextFire(Schedule schedule, Instant after) {
    return schedule.fixedTime() ? nextFixed(schedule, after) : nextInterval(schedule, after);
  }

  /**
   * Fixed times: walk the local date-times the schedule names, map each to its instant (gap: the
   * gap's end; overlap: the earlier offset), and take the first one after {@code after}. The
   * mapping never decreases, so every local time up to {@code after}'s own maps to {@code after} or
   * earlier, and the walk starts there; in an overlap it steps over the few local times whose first
   * occurrence has already passed.
   */
  private static Optional<Fire> nextFixed(Schedule schedule, Instant after) {
    ZoneId zone = schedule.zone();
    ZoneRules rules = zone.getRules();
    LocalDateTime cursor = LocalDateTime.ofInstant(after, zone);
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<LocalDateTime> local = schedule.nextLocal(cursor);
      if (local.isEmpty()) {
        return Optional.empty();
      }
      LocalDateTime intended = local.get();
      ZoneOffsetTransition transition = rules.getTransition(intended);
      Fire fire;
      if (transition == null) {
        fire = new Fire(intended.atZone(zone).toInstant(), intended, Adjustment.NONE, zone);
      } else if (transition.isGap()) {
        fire = new Fire(transition.getInstant(), intended, Adjustment.GAP_MOVED, zone);
      } else {
        fire =
            new Fire(
                intended.toInstant(transition.getOffsetBefore()),
                intended,
                Adjustment.OVERLAP_FIRST_ONLY,
                zone);
      }
      if (fire.at().isAfter(after)) {
        return Optional.of(fire);
      }
      cursor = intended;
    }
    throw new IllegalStateException("no fire of " + schedule.describe() + " found after " + after);
  }

  /**
   * Wall-clock intervals: walk real time one stretch of constant offset at a time. Within a stretch
   * local time and instants correspond one to one, so the first local time named after the cursor
   * is the answer if it falls before the stretch ends; otherwise the search continues from the
   * start of the next stretch. Local times in a gap belong to no stretch; those in an overlap
   * belong to two.
   */
  private static Optional<Fire> nextInterval(Schedule schedule, Instant after) {
    ZoneId zone = schedule.zone();
    ZoneRules rules = zone.getRules();
    Instant stretchStart = after;
    boolean inclusive = false;
    boolean afterGap = false;
    for (int step = 0; step < MAX_STEPS; step++) {
      ZoneOffset offset = rules.getOffset(stretchStart);
      LocalDateTime local = LocalDateTime.ofInstant(stretchStart, offset);
      Optional<LocalDateTime> named = schedule.nextLocal(inclusive ? local.minusNanos(1) : local);
      if (named.isEmpty()) {
        return Optional.empty();
      }
      Instant at = named.get().toInstant(offset);
      ZoneOffsetTransition end = rules.nextTransition(stretchStart);
      if (end == null || at.isBefore(end.getInstant())) {
        return Optional.of(
            new Fire(
                at, named.get(), intervalAdjustment(rules, named.get(), offset, afterGap), zone));
      }
      afterGap = end.isGap() && named.get().isBefore(end.getDateTimeAfter());
      stretchStart = end.getInstant();
      inclusive = true;
    }
    throw new IllegalStateException("no fire of " + schedule.describe() + " found after " + after);
  }

  private static Adjustment intervalAdjustment(
      ZoneRules rules, LocalDateTime local, ZoneOffset offset, boolean afterGap) {
    ZoneOffsetTransition transition = rules.getTransition(local);
    if (transition != null && transition.isOverlap()) {
      return offset.equals(transition.getOffsetBefore())
          ? Adjustment.OVERLAP_FIRST
          : Adjustment.OVERLAP_SECOND;
    }
    return afterGap ? Adjustment.AFTER_GAP : Adjustment.NONE;
  }
}
