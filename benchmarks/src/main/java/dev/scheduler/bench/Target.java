package dev.scheduler.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A scheduler under measurement: this project, or stock Quartz with its defaults. */
interface Target {

  /** The column heading. */
  String name();

  /** Declares the benchmark's jobs in a fresh database. */
  void prepare(BenchDatabase db) throws Exception;

  /** Stores {@code count} one-shot triggers of the no-op job, all due at {@code due}. */
  void seedDue(BenchDatabase db, String group, int count, Instant due) throws SQLException;

  /**
   * Makes the triggers of a group due at {@code due}, as if they had been stored long before: the
   * running nodes must know of them by then (see {@link #discoveryLead}).
   */
  void makeDue(BenchDatabase db, String group, Instant due) throws SQLException;

  /**
   * How far ahead of their fire time {@link #makeDue} must move triggers so that running nodes find
   * them in time, as they would triggers stored days before.
   */
  Duration discoveryLead();

  /** Stores {@code count} recurring per-user triggers, all due tomorrow, for the scale runs. */
  void seedFuture(BenchDatabase db, int count, Instant due) throws SQLException;

  /** Stores one one-shot trigger of the long, recoverable job, due now. */
  void seedLongRun(BenchDatabase db, String tag, Instant due) throws SQLException;

  /** Starts a node and returns once it is ready. */
  NodeProcess startNode(BenchDatabase db, String nodeId) throws Exception;

  /** What an operator does to run the no-op job now; returns when it is committed. */
  OperatorTrigger operator(BenchDatabase db) throws Exception;

  /**
   * How many fires of a group have run to their end so far: one cheap query, so that watching a
   * drain does not take CPU from the nodes under measurement.
   */
  int finishedCount(BenchDatabase db, String group) throws SQLException;

  /** The runs of the triggers of a group (or the operator's tags), as recorded. */
  List<Execution> executions(BenchDatabase db, String group) throws SQLException;

  /** An operator's "run now" handle. */
  interface OperatorTrigger extends AutoCloseable {
    /**
     * Triggers the no-op job; returns once the request is committed, with the tag its run will be
     * recorded under.
     */
    String trigger(String tag) throws Exception;

    /** The group under which {@link Target#executions} finds these runs. */
    String group();
  }
}
