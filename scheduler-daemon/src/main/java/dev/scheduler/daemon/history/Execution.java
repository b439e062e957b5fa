package dev.scheduler.daemon.history;

import java.time.Instant;

/**
 * One row of the execution history, as commands show it. {@code recoveryOf} is, for a re-run after
 * its node died or a shutdown interrupted it, the id of the run it replaces.
 */
public record Execution(
    long id,
    String job,
    String trigger,
    String node,
    String runKey,
    Instant scheduledAt,
    Instant startedAt,
    Instant finishedAt,
    Long durationMillis,
    ExecutionStatus status,
    int attempt,
    boolean manual,
    String errorClass,
    String errorMessage,
    String note,
    Long recoveryOf) {}
