package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.node.SchedulerNode;
import dev.scheduler.daemon.node.SystemdNotifier;
import dev.scheduler.daemon.node.TerminationSignals;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;

@Command(
    name = "run",
    description = {
      "Start a node in the foreground.",
      "SIGTERM (or Ctrl-C) drains it: no new fires, running jobs get node.shutdownTimeout to"
          + " finish, the rest are interrupted (recoverable ones run again on a surviving node);"
          + " then it exits 0.",
      "Once ready it serves GET /metrics (Prometheus), /health/live and /health/ready on"
          + " http.address:http.port (127.0.0.1:9410 unless configured)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  scheduler run --config /etc/scheduler/scheduler.yaml",
      "  SCHEDULER_NODE_ID=node-b scheduler run",
      "  SCHEDULER_NODE_ID=node-c SCHEDULER_HTTP_PORT=9411 scheduler run   # a second node on"
          + " this host"
    })
final class RunCommand extends CommandBase implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    // Handle SIGTERM before starting: a signal that arrives while the node starts (or just after
    // it logs "ready") must still drain it and exit 0, not kill the JVM with 143.
    CompletableFuture<ExitCode> outcome = new CompletableFuture<>();
    TerminationSignals.onTerminate(() -> outcome.complete(ExitCode.OK));
    SystemdNotifier systemd = SystemdNotifier.fromEnvironment(context().environment());
    SchedulerConfig config = loadConfig();
    SchedulerNode node = SchedulerNode.start(config, context().types(), context().clock());
    String id = node.identity().id();
    systemd.ready("node " + id + " ready");
    // Another process took this node's id: stop, and say so with a failing exit code.
    node.fatal().thenRun(() -> outcome.complete(ExitCode.FAILED));
    ExitCode code = outcome.get();
    systemd.stopping(
        "node "
            + id
            + " stopping: no new fires; waiting at most "
            + config.node().shutdownTimeout().toSeconds()
            + " s for running jobs");
    node.stop();
    return code.code();
  }
}
