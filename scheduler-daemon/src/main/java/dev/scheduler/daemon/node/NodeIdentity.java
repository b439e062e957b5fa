package dev.scheduler.daemon.node;

import dev.scheduler.daemon.config.NodeConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who this process is: its node id, host and process id.
 *
 * @param id the configured id ({@code node.id} or {@code SCHEDULER_NODE_ID}), else {@code host-pid}
 * @param host the host name
 * @param pid the process id
 */
public record NodeIdentity(String id, String host, long pid) {

  public static NodeIdentity of(NodeConfig node) {
    String host = hostName();
    long pid = ProcessHandle.current().pid();
    return new NodeIdentity(node.id().orElse(sanitize(host) + "-" + pid), host, pid);
  }

  /** The identity of an operator command: {@code user@host}, for audit and "requested by". */
  public static String operator() {
    return System.getProperty("user.name", "unknown") + "@" + hostName();
  }

  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String fromEnvironment = System.getenv("HOSTNAME");
      return fromEnvironment == null || fromEnvironment.isBlank() ? "localhost" : fromEnvironment;
    }
  }

  private static String sanitize(String host) {
    String cleaned = host.replaceAll("[^A-Za-z0-9._-]", "-");
    if (cleaned.isEmpty() || !Character.isLetterOrDigit(cleaned.charAt(0))) {
      cleaned = "node" + cleaned;
    }
    return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
  }
}
