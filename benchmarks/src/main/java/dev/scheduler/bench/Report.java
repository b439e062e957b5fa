package dev.scheduler.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the results and renders them as Markdown tables with the targets beside them. */
final class Report {

  private static final String OURS = "this project";
  private static final String STOCK = "stock Quartz 2.5.2";

  private final Profile profile;
  private final String postgres;
  private final int cores;
  private final int threads;
  private double ceiling = -1;
  private long seconds;
  private final Map<String, Experiments.Drain> throughput = new LinkedHashMap<>();
  private final Map<String, List<Experiments.Drain>> throughputRounds = new LinkedHashMap<>();
  private final Map<String, Experiments.Drain> bursts = new LinkedHashMap<>();
  private final Map<String, Stats> failover = new LinkedHashMap<>();
  private final Map<String, Stats> operator = new LinkedHashMap<>();
  private final List<String[]> scale = new ArrayList<>();

  Report(Profile profile, String postgres, int cores, int threads) {
    this.threads = threads;
    this.profile = profile;
    this.postgres = postgres;
    this.cores = cores;
  }

  void ceiling(double transactionsPerSecond) {
    this.ceiling = transactionsPerSecond;
  }

  /** The rounds of one drain; the median by rate stands for them. */
  void throughput(Target target, int nodes, List<Experiments.Drain> rounds) {
    List<Experiments.Drain> byRate = new ArrayList<>(rounds);
    byRate.sort(Comparator.comparingDouble(Experiments.Drain::perSecond));
    throughput.put(target.name() + "/" + nodes, byRate.get(byRate.size() / 2));
    throughputRounds.put(target.name() + "/" + nodes, byRate);
  }

  void burst(Target target, Experiments.Drain drain) {
    bursts.put(target.name() + "/" + drain.count(), drain);
  }

  void failover(Target target, Stats stats) {
    failover.put(target.name(), stats);
  }

  void operator(Target target, Stats stats) {
    operator.put(target.name(), stats);
  }

  void scale(
      Target target,
      int future,
      Experiments.Drain drain,
      Experiments.Drain lateness,
      Experiments.Idle idle) {
    Experiments.Drain plainDrain = throughput.get(target.name() + "/1");
    Experiments.Drain plainBurst = bursts.get(target.name() + "/" + lateness.count());
    scale.add(
        new String[] {
          target.name(),
          rate(drain) + change(plainDrain == null ? -1 : plainDrain.perSecond(), drain.perSecond()),
          ms(lateness.lateness().p99())
              + change(
                  plainBurst == null ? -1 : plainBurst.lateness().p99(), lateness.lateness().p99()),
          drain.heapMiB() + " / " + drain.rssMiB() + " MiB",
          String.format(Locale.ROOT, "%.1f", idle.transactionsPerSecond()),
          idle.heapMiB() + " / " + idle.rssMiB() + " MiB"
        });
  }

  void took(long seconds) {
    this.seconds = seconds;
  }

  String render(Instant at) {
    StringBuilder text = new StringBuilder();
    text.append("Benchmark, profile ")
        .append(profile.name())
        .append(", ")
        .append(at)
        .append(": ")
        .append(cores)
        .append(" cores, PostgreSQL ")
        .append(postgres)
        .append(", took ")
        .append(seconds)
        .append(" s. This project's nodes run ")
        .append(threads)
        .append(" job threads (`node.threads`); stock Quartz its default 10.\n\n");
    if (ceiling > 0) {
      text.append(
          String.format(
              Locale.ROOT,
              "Database ceiling (pgbench, one `FOR UPDATE SKIP LOCKED` delete per transaction,"
                  + " 8 clients): **%,.0f commits/s**.%n%n",
              ceiling));
    }
    if (!throughput.isEmpty()) {
      text.append("| throughput, fires due at once | nodes | ")
          .append(OURS)
          .append(" | ")
          .append(STOCK)
          .append(" | this ÷ stock | this ÷ ceiling | first burst after start (¼ the size):")
          .append(" this project; stock |\n|---|---|---|---|---|---|---|\n");
      for (int nodes : List.of(1, 2)) {
        Experiments.Drain ours = throughput.get(OURS + "/" + nodes);
        Experiments.Drain stock = throughput.get(STOCK + "/" + nodes);
        // A run of one target alone (--targets ours, or stock) still reports its rates.
        if (ours == null && stock == null) {
          continue;
        }
        boolean both = ours != null && stock != null;
        text.append("| executions/s, history on | ")
            .append(nodes)
            .append(" | ")
            .append(rate(ours))
            .append(ours == null ? "" : rounds(throughputRounds.get(OURS + "/" + nodes)))
            .append(" | ")
            .append(rate(stock))
            .append(" | ")
            .append(
                both
                    ? String.format(Locale.ROOT, "%.1fx", ours.perSecond() / stock.perSecond())
                    : "-")
            .append(" | ")
            .append(
                ours != null && ceiling > 0
                    ? String.format(Locale.ROOT, "%.2f", ours.perSecond() / ceiling)
                    : "-")
            .append(" | ")
            .append(ours == null ? "-" : rate(ours.warmUp()))
            .append("; ")
            .append(stock == null ? "-" : rate(stock.warmUp()))
            .append(" |\n");
      }
      text.append('\n');
    }
    if (!bursts.isEmpty()) {
      text.append(
              "| burst due at one second | fires | lateness p50 / p99 / max | missed | duplicated |\n")
          .append("|---|---|---|---|---|\n");
      for (Map.Entry<String, Experiments.Drain> entry : bursts.entrySet()) {
        Experiments.Drain drain = entry.getValue();
        text.append("| ")
            .append(entry.getKey().substring(0, entry.getKey().indexOf('/')))
            .append(" | ")
            .append(String.format(Locale.ROOT, "%,d", drain.count()))
            .append(" | ")
            .append(ms(drain.lateness().p50()))
            .append(" / ")
            .append(ms(drain.lateness().p99()))
            .append(" / ")
            .append(ms(drain.lateness().max()))
            .append(" | ")
            .append(drain.count() - drain.executed())
            .append(" | ")
            .append(drain.duplicates())
            .append(" |\n");
      }
      text.append('\n');
    }
    if (!failover.isEmpty() || !operator.isEmpty()) {
      text.append("| latency | ")
          .append(OURS)
          .append(" | ")
          .append(STOCK)
          .append(" |\n|---|---|---|\n");
      if (!failover.isEmpty()) {
        text.append("| failover: kill -9 to the re-run's start, p50 / max (")
            .append(profile.failoverRounds())
            .append(" rounds) | ")
            .append(pair(failover.get(OURS), false))
            .append(" | ")
            .append(pair(failover.get(STOCK), false))
            .append(" |\n");
      }
      if (!operator.isEmpty()) {
        text.append("| operator trigger: commit to start, p50 / p99 (")
            .append(profile.operatorTriggers())
            .append(" runs, 2 nodes) | ")
            .append(pair(operator.get(OURS), true))
            .append(" | ")
            .append(pair(operator.get(STOCK), true))
            .append(" |\n");
      }
      text.append('\n');
    }
    if (!scale.isEmpty()) {
      text.append("| with ")
          .append(String.format(Locale.ROOT, "%,d", profile.futureTriggers()))
          .append(
              " stored per-user triggers | throughput (change) | burst p99 (change) | node heap / RSS, draining | idle node, transactions/s | idle node heap / RSS |\n")
          .append("|---|---|---|---|---|---|\n");
      for (String[] row : scale) {
        text.append("| ").append(String.join(" | ", row)).append(" |\n");
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String rate(Experiments.Drain drain) {
    if (drain == null) {
      return "-";
    }
    String rate = String.format(Locale.ROOT, "%,.0f/s", drain.perSecond());
    String size = String.format(Locale.ROOT, " (%,d fires", drain.count());
    return rate + size + (drain.finished() ? ")" : ", unfinished)");
  }

  /** Beside a median of several rounds: their range. */
  private static String rounds(List<Experiments.Drain> rounds) {
    if (rounds.size() < 2) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        ", median of %d rounds: %,.0f-%,.0f/s",
        rounds.size(),
        rounds.get(0).perSecond(),
        rounds.get(rounds.size() - 1).perSecond());
  }

  private static String pair(Stats stats, boolean p99) {
    if (stats == null) {
      return "-";
    }
    return ms(stats.p50()) + " / " + ms(p99 ? stats.p99() : stats.max());
  }

  private static String ms(long millis) {
    return millis < 0 ? "-" : String.format(Locale.ROOT, "%,d ms", millis);
  }

  private static String change(double before, double after) {
    if (before <= 0) {
      return "";
    }
    return String.format(Locale.ROOT, " (%+.0f%%)", (after - before) / before * 100);
  }
}
