package dev.scheduler.catalog;

/**
 * The work of one execution. It ends normally on success, throws on failure, and stops promptly
 * with an {@link InterruptedException} when its thread is interrupted (timeout, shutdown).
 */
@FunctionalInterface
public interface JobAction {

  JobResult run(JobRun run) throws Exception;
}
