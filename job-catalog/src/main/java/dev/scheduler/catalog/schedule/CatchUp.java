package dev.scheduler.catalog.schedule;

import dev.scheduler.catalog.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a job does about fires that came due while it could not run: the whole cluster was down, or
 * its previous run was still going.
 *
 * @param policy {@code skip}, {@code once} or {@code all}
 * @param window only fires at most this old may still run
 * @param limit {@code all} runs at most this many of them, the latest
 */
public record CatchUp(Policy policy, Duration window, int limit) {

  public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
  public static final int DEFAULT_LIMIT = 100;
  public static final CatchUp DEFAULT = new CatchUp(Policy.ONCE, DEFAULT_WINDOW, DEFAULT_LIMIT);
  static final int MAX_LIMIT = 10_000;

  /** How many not-run fires are listed one by one; the rest are summed up in one more row. */
  public static final int LISTED_NOT_RUN = 1000;

  /** The policies. */
  public enum Policy {
    /** Run none of the fires that could not run; continue with the next one. */
    SKIP,
    /** Run the latest of them once, if it is within the window. */
    ONCE,
    /** Run each of them within the window, the latest {@code limit} at most, oldest first. */
    ALL;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Policy parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + text + "' is not skip, once or all", e);
      }
    }
  }

  public CatchUp {
    Objects.requireNonNull(policy, "policy");
    checkWindow(window);
    checkLimit(limit);
  }

  public static Duration checkWindow(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          Durations.format(window) + " is not a positive duration; use e.g. 2h");
    }
    return window;
  }

  public static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          limit + " is out of range; use a whole number from 1 to " + MAX_LIMIT);
    }
    return limit;
  }

  /**
   * What to do about a schedule's fires from {@code firstDue} (a fire) up to {@code now}.
   *
   * @return the fires to run now, the fires that will not run (each with the reason), and the
   *     schedule's next fire after now
   */
  public CatchUpPlan plan(Schedule schedule, Instant firstDue, Instant now) {
    Instant windowStart = now.minus(window);
    List<Instant> run = new ArrayList<>();
    if (policy != Policy.SKIP) {
      int keep = policy == Policy.ONCE ? 1 : limit;
      Deque<Instant> latest = new ArrayDeque<>();
      Instant from = firstDue.isBefore(windowStart) ? windowStart : firstDue;
      for (Instant fire : dueFrom(schedule, from, now)) {
        latest.addLast(fire);
        if (latest.size() > keep) {
          latest.removeFirst();
        }
      }
      run.addAll(latest);
    }

    List<NotRun> notRun = new ArrayList<>();
    Optional<Instant> unlistedFrom = Optional.empty();
    Instant cursor = firstDue.minusNanos(1);
    while (true) {
      Optional<Instant> fire = FireTimes.next(schedule, cursor);
      if (fire.isEmpty() || fire.get().isAfter(now)) {
        break;
      }
      cursor = fire.get();
      if (run.contains(fire.get())) {
        continue;
      }
      if (notRun.size() == LISTED_NOT_RUN) {
        unlistedFrom = fire;
        break;
      }
      notRun.add(new NotRun(fire.get(), reason(fire.get(), windowStart, run)));
    }
    Optional<Instant> next = FireTimes.next(schedule, now);
    return new CatchUpPlan(run, notRun, unlistedFrom, next);
  }

  private Reason reason(Instant fire, Instant windowStart, List<Instant> run) {
    if (policy == Policy.SKIP) {
      return Reason.POLICY_SKIP;
    }
    if (fire.isBefore(windowStart)) {
      return Reason.OUTSIDE_WINDOW;
    }
    return policy == Policy.ONCE ? Reason.SUPERSEDED : Reason.OVER_LIMIT;
  }

  /** Fires in [from, now], oldest first, without materialising them all at once. */
  private static Iterable<Instant> dueFrom(Schedule schedule, Instant from, Instant now) {
    return () ->
        new java.util.Iterator<>() {
          private Optional<Instant> next = FireTimes.next(schedule, from.minusNanos(1));

          @Override
          public boolean hasNext() {
            return next.isPresent() && !next.get().isAfter(now);
          }

          @Override
          public Instant next() {
            Instant fire = next.orElseThrow();
            next = FireTimes.next(schedule, fire);
            return fire;
          }
        };
  }

  /** The settings as the configuration writes them, e.g. {@code once within 1h}. */
  public String describe() {
    return switch (policy) {
      case SKIP -> "skip";
      case ONCE -> "once within " + Durations.format(window);
      case ALL -> "all within " + Durations.format(window) + ", at most " + limit;
    };
  }

  /** Why a fire did not run. */
  public enum Reason {
    POLICY_SKIP,
    SUPERSEDED,
    OUTSIDE_WINDOW,
    OVER_LIMIT
  }

  /** A fire that will not run, and why. */
  public record NotRun(Instant fire, Reason reason) {}

  /**
   * The outcome of {@link #plan}.
   *
   * @param run the fires to run now, oldest first
   * @param notRun the fires that will not run, oldest first, at most {@link #LISTED_NOT_RUN}
   * @param unlistedFrom when more fires will not run than are listed: the first of them; every
   *     later one up to now will not run either
   * @param next the schedule's next fire after now
   */
  public record CatchUpPlan(
      List<Instant> run,
      List<NotRun> notRun,
      Optional<Instant> unlistedFrom,
      Optional<Instant> next) {}
}
