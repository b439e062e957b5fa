package dev.scheduler.daemon.ops;

import java.time.Instant;

/**
 * One job as {@code jobs list} shows it.
 *
 * @param name the job's name
 * @param group its group
 * @param type its job type
 * @param concurrency forbid or allow
 * @param enabled false when the configuration keeps it from firing
 * @param schedule its schedule, or null for a job that runs only when triggered
 * @param timezone the schedule's zone, or null
 * @param nextFire the next fire of any of its triggers, or null
 * @param nextFireLocal the next fire in the schedule's zone (UTC without one), or null
 * @param paused whether an operator paused it
 * @param pausedBy who paused it, or null
 * @param pausedAt when, or null
 * @param pauseReason why, or null
 * @param lastStatus the outcome of its latest finished execution, or null
 * @param lastFinishedAt when that execution ended (or the missed fire's instant), or null
 */
public record JobView(
    String name,
    String group,
    String type,
    String concurrency,
    boolean enabled,
    String schedule,
    String timezone,
    Instant nextFire,
    String nextFireLocal,
    boolean paused,
    String pausedBy,
    Instant pausedAt,
    String pauseReason,
    String lastStatus,
    Instant lastFinishedAt) {}
