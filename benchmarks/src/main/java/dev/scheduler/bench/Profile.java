package dev.scheduler.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big each experiment is. The quick profile keeps this project's sizes at the (20,000
 * due at once, 1,000 and 10,000 in a burst, 100,000 stored) and shrinks only what stock Quartz
 * would take minutes over; rates and percentiles stay comparable.
 *
 * @param drainOurs one-shot no-op fires due at once, this project
 * @param drainStock the same, stock Quartz
 * @param drainRoundsOurs how many times this project's drains run; the median is reported, since
 *     run to run they move by tens of percent on a shared machine (stock Quartz's run once: they
 *     take minutes and move little)
 * @param burstsOurs burst sizes, this project
 * @param burstsStock burst sizes, stock Quartz
 * @param futureTriggers stored per-user triggers for the scale runs
 * @param failoverRounds kill -9 rounds
 * @param operatorTriggers operator "run now" requests
 * @param idleWindow how long an idle node's database load is watched
 */
record Profile(
    String name,
    int drainOurs,
    int drainStock,
    int drainRoundsOurs,
    List<Integer> burstsOurs,
    List<Integer> burstsStock,
    int futureTriggers,
    int failoverRounds,
    int operatorTriggers,
    Duration idleWindow) {

  static final Profile QUICK =
      new Profile(
          "quick",
          20_000,
          2_000,
          3,
          List.of(1_000, 10_000),
          List.of(1_000),
          100_000,
          3,
          20,
          Duration.ofSeconds(15));

  static final Profile FULL =
      new Profile(
          "full",
          20_000,
          20_000,
          5,
          List.of(1_000, 10_000),
          List.of(1_000, 10_000),
          100_000,
          5,
          100,
          Duration.ofSeconds(60));

  static Profile named(String name) {
    return switch (name) {
      case "quick" -> QUICK;
      case "full" -> FULL;
      default ->
          throw new IllegalArgumentException("unknown profile '" + name + "'; use quick or full");
    };
  }
}
