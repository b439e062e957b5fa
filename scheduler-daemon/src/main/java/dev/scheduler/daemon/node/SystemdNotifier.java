package dev.scheduler.daemon.node;

import dev.scheduler.daemon.config.Environment;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how the node is doing when it runs as a {@code Type=notify} service: {@code
 * READY=1} once it fires jobs and {@code STOPPING=1} when it starts draining, each with a {@code
 * STATUS=} line for {@code systemctl status}. Does nothing when {@code NOTIFY_SOCKET} is not set.
 *
 * <p>systemd listens on a unix <em>datagram</em> socket, which Java 17 cannot write to: {@code
 * DatagramChannel.open(StandardProtocolFamily.UNIX)} throws {@code UnsupportedOperationException},
 * and a stream channel connecting to it fails with "Protocol wrong type for socket". So this runs
 * {@code systemd-notify}, which waits until systemd has taken the message. The message then comes
 * from that child process rather than the main one, hence {@code NotifyAccess=all} in the unit.
 */
public final class SystemdNotifier {

  private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);

  static final String SOCKET_VARIABLE = "NOTIFY_SOCKET";
  static final String PROGRAM = "systemd-notify";

  /** systemd-notify returns within milliseconds; this only bounds a hung one. */
  static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);

  /** The program to run, or null when systemd did not ask for notifications. */
  private final String program;

  SystemdNotifier(String program) {
    this.program = program;
  }

  public static SystemdNotifier fromEnvironment(Environment environment) {
    return new SystemdNotifier(environment.get(SOCKET_VARIABLE).isPresent() ? PROGRAM : null);
  }

  boolean enabled() {
    return program != null;
  }

  /** The node fires jobs: systemd may start what depends on it. */
  public void ready(String status) {
    send("READY=1", "STATUS=" + status);
  }

  /** The node drains: systemd shows it deactivating, also when it stops on its own. */
  public void stopping(String status) {
    send("STOPPING=1", "STATUS=" + status);
  }

  /** Never throws: a node that cannot tell systemd still runs; what happens next is logged. */
  private void send(String... assignments) {
    if (program == null) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(program);
    command.addAll(List.of(assignments));
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      if (!process.waitFor(NOTIFY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        log.warn(
            "{} {} did not return within {} s; gave up on it",
            program,
            assignments[0],
            NOTIFY_TIMEOUT.toSeconds());
      } else if (process.exitValue() != 0) {
        log.warn("{} {} exited with {}{}", program, assignments[0], process.exitValue(), hint());
      }
    } catch (IOException e) {
      log.warn("could not run {} ({}){}", program, e.getMessage(), hint());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("interrupted while telling systemd {}", assignments[0]);
    }
  }

  private String hint() {
    return "; systemd was not told (under Type=notify it stops a node that has not reported"
        + " READY=1 when TimeoutStartSec passes): check that systemd-notify is installed and that"
        + " the unit says NotifyAccess=all";
  }
}
