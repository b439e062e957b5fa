package dev.scheduler.daemon.config;

import dev.scheduler.catalog.text.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one node runs.
 *
 * @param id the node's id, unique in the cluster; empty to generate {@code host-pid}
 * @param threads job threads: how many jobs this node runs at once
 * @param shutdownTimeout how long SIGTERM waits for running jobs before interrupting them
 * @param cluster how nodes watch each other
 * @param classpath the jars job classes are loaded from, besides the scheduler's own classpath
 */
public record NodeConfig(
    Optional<String> id,
    int threads,
    Duration shutdownTimeout,
    ClusterTiming cluster,
    JobClasspath classpath) {

  public static final int DEFAULT_THREADS = 10;
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
  static final int MAX_THREADS = 500;
  static final Duration MAX_SHUTDOWN_TIMEOUT = Duration.ofHours(1);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public NodeConfig {
    id.ifPresent(NodeConfig::checkId);
    checkThreads(threads);
    checkShutdownTimeout(shutdownTimeout);
    java.util.Objects.requireNonNull(cluster, "cluster");
    java.util.Objects.requireNonNull(classpath, "classpath");
  }

  /** A node that loads job classes from the scheduler's own classpath only. */
  public NodeConfig(
      Optional<String> id, int threads, Duration shutdownTimeout, ClusterTiming cluster) {
    this(id, threads, shutdownTimeout, cluster, JobClasspath.NONE);
  }

  public static NodeConfig defaults() {
    return new NodeConfig(
        Optional.empty(), DEFAULT_THREADS, DEFAULT_SHUTDOWN_TIMEOUT, ClusterTiming.DEFAULT);
  }

  public NodeConfig withId(String nodeId) {
    return new NodeConfig(Optional.of(nodeId), threads, shutdownTimeout, cluster, classpath);
  }

  static String checkId(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "'"
              + id
              + "' is not a valid node id; use 1 to 64 letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit");
    }
    return id;
  }

  static int checkThreads(int threads) {
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException(
          threads + " is out of range; use a whole number from 1 to " + MAX_THREADS);
    }
    return threads;
  }

  static Duration checkShutdownTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.compareTo(MAX_SHUTDOWN_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          Durations.format(timeout)
              + " is out of range; use a duration from 0s to "
              + Durations.format(MAX_SHUTDOWN_TIMEOUT));
    }
    return timeout;
  }
}
