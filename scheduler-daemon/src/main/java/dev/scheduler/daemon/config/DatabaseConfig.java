package dev.scheduler.daemon.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The scheduler's own PostgreSQL database, shared by every node of a cluster.
 *
 * @param url a {@code jdbc:postgresql://host:port/database} URL
 * @param user the database user
 * @param password the user's password, if the server asks for one
 * @param poolSize connections in the node's one pool; empty for the default, {@code threads + 5}
 */
public record DatabaseConfig(
    String url, String user, Optional<Secret> password, Optional<Integer> poolSize) {

  public static final String DEFAULT_USER = "scheduler";
  static final int MAX_POOL_SIZE = 200;

  public DatabaseConfig {
    checkUrl(url);
    Objects.requireNonNull(user, "user");
    poolSize.ifPresent(DatabaseConfig::checkPoolSize);
  }

  /** The pool size for a node with that many job threads. */
  public int poolSizeFor(int threads) {
    return poolSize.orElse(threads + 5);
  }

  static String checkUrl(String url) {
    if (url == null || !url.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          "'"
              + url
              + "' is not a PostgreSQL JDBC URL; write jdbc:postgresql://HOST:5432/DATABASE,"
              + " or remove the database section to use the embedded store");
    }
    return url;
  }

  static int checkPoolSize(int size) {
    if (size < 2 || size > MAX_POOL_SIZE) {
      throw new IllegalArgumentException(
          size + " is out of range; use a whole number from 2 to " + MAX_POOL_SIZE);
    }
    return size;
  }
}
