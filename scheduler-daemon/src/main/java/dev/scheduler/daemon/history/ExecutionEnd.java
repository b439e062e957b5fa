package dev.scheduler.daemon.history;

import java.time.Instant;

/**
 * How an execution ended.
 *
 * @param status the outcome
 * @param finishedAt when it ended
 * @param errorClass the class of the error that failed it, or null
 * @param errorMessage the error's message, or null
 * @param note a summary the job reported, or why it ended as it did; may be null
 */
public record ExecutionEnd(
    ExecutionStatus status,
    Instant finishedAt,
    String errorClass,
    String errorMessage,
    String note) {}
