package dev.scheduler.bench;

import java.time.Instant;

/**
 * One run as the benchmark reads it back, from either scheduler.
 *
 * @param tag what identifies the fire: the seeded trigger's name, or an operator trigger's tag
 * @param startedAt when the job started
 * @param finishedAt when it finished, or null
 * @param node the node that ran it
 * @param recovery whether it re-ran a run whose node died
 */
record Execution(
    String tag, Instant startedAt, Instant finishedAt, String node, boolean recovery) {}
